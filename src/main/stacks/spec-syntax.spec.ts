// Short port/volume syntaxes and image references, following nat.ParsePortSpec,
// internal/volumespec and distribution/reference.
import { describe, expect, it } from 'vitest'
import { english } from '../i18n/english'
import { imageReferenceProblem, taggedFamiliarImage } from './image-reference'
import { parseVolumeSpec, shortPortToConfigs } from './port-volume-spec'

describe('short port syntax', () => {
  const ports = (spec: string) => {
    const r = shortPortToConfigs(spec)
    return r.ok ? r.value.ports.map((p) => `${p.published}:${p.target}/${p.protocol}/${p.mode}`) : r.error
  }
  it.each([
    ['80', ['0:80/tcp/ingress']],
    ['8080:80', ['8080:80/tcp/ingress']],
    ['53:53/UDP', ['53:53/udp/ingress']],
    ['127.0.0.1:8080:80', ['8080:80/tcp/ingress']],
    ['8000-8001:90-91', ['8000:90/tcp/ingress', '8001:91/tcp/ingress']],
    ['8000-8002:80', ['8000:80/tcp/ingress', '8001:80/tcp/ingress', '8002:80/tcp/ingress']],
    ['9-10', ['0:10/tcp/ingress', '0:9/tcp/ingress']]
  ])('%s', (spec, want) => {
    expect(ports(spec)).toEqual(want)
  })
  it.each([
    ['80/xyz', 'invalid proto: xyz'],
    ['x:80', 'invalid hostPort: x'],
    ['8000-8001:90-92', 'invalid ranges specified for container and host Ports: 90-92 and 8000-8001'],
    ['1.2.3:80:80', 'invalid IP address: 1.2.3']
  ])('%s fails', (spec, error) => {
    expect(ports(spec)).toBe(error)
  })
  it('warns about an ignored host IP like the CLI', () => {
    const r = shortPortToConfigs('127.0.0.1:53:53/udp')
    expect(r.ok && r.value.warnings.map((w) => w.message)).toEqual(["ignoring IP-address (127.0.0.1:53:53/udp) service will listen on '0.0.0.0'"])
  })
})

describe('short volume syntax', () => {
  const vol = (spec: string) => {
    const r = parseVolumeSpec(spec)
    return r.ok ? { type: r.value.type, source: r.value.source, target: r.value.target, ro: r.value.readOnly, bind: r.value.bind, volume: r.value.volume } : r.error
  }
  it.each([
    ['/data', { type: 'volume', source: '', target: '/data', ro: false, bind: null, volume: null }],
    ['db:/var/lib/db', { type: 'volume', source: 'db', target: '/var/lib/db', ro: false, bind: null, volume: null }],
    ['./x:/x:ro,rshared', { type: 'bind', source: './x', target: '/x', ro: true, bind: { propagation: 'rshared' }, volume: null }],
    ['~/x:/x:rw', { type: 'bind', source: '~/x', target: '/x', ro: false, bind: null, volume: null }],
    ['data:/d:nocopy,unknown', { type: 'volume', source: 'data', target: '/d', ro: false, bind: null, volume: { nocopy: true, subpath: '' } }],
    ['C:\\data:/d', { type: 'bind', source: 'C:\\data', target: '/d', ro: false, bind: null, volume: null }]
  ])('%s', (spec, want) => {
    expect(vol(spec)).toEqual(want)
  })
  it('errors', () => {
    expect(vol('ab::c')).toBe('invalid spec: ab::c: empty section between colons')
    expect(vol('ab:cd:ro:x')).toBe('invalid spec: ab:cd:ro:x: too many colons')
    // a single letter before a colon is a Windows drive, as in the CLI
    expect(vol('a::b')).toMatchObject({ type: 'bind', source: 'a:', target: 'b' })
  })
})

describe('image references', () => {
  it.each(['nginx', 'nginx:1.25', 'docker.io/library/nginx', 'registry.local:5000/team/app:2.1', 'localhost/app', 'ghcr.io/o/r@sha256:' + 'a'.repeat(64), 'a'.repeat(64)])(
    '%s is valid',
    (image) => {
      expect(imageReferenceProblem(image)).toBeNull()
    }
  )
  it.each([
    ['Nginx', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['nginx:', 'invalid reference format'],
    ['a b', 'invalid reference format']
  ])('%s is refused', (image, error) => {
    const problem = imageReferenceProblem(image)
    expect(problem && english(problem)).toBe(error)
  })
  it.each([
    ['nginx', 'nginx:latest'],
    ['docker.io/library/nginx', 'nginx:latest'],
    ['index.docker.io/library/nginx:1', 'nginx:1'],
    ['docker.io/team/app', 'team/app:latest'],
    ['registry.local:5000/app', 'registry.local:5000/app:latest'],
    ['nginx@sha256:' + 'b'.repeat(64), 'nginx@sha256:' + 'b'.repeat(64)]
  ])('the Go client sends %s as %s', (image, want) => {
    expect(taggedFamiliarImage(image)).toBe(want)
  })
})
