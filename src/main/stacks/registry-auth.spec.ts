import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { authConfigKey, encodeAuthHeader, lookupRegistryAuth, registryDomain } from './registry-auth'

function configDir(config: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'sd-auth-'))
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
  return dir
}

describe('registry auth', () => {
  it.each([
    ['nginx', 'docker.io'],
    ['library/nginx:1', 'docker.io'],
    ['docker.io/library/nginx', 'docker.io'],
    ['index.docker.io/library/nginx', 'docker.io'],
    ['10.77.0.1:5000/swarmdesk/web:1', '10.77.0.1:5000'],
    ['localhost/app', 'localhost'],
    ['ghcr.io/org/app@sha256:abc', 'ghcr.io']
  ])('the registry of %s is %s', (image, domain) => expect(registryDomain(image)).toBe(domain))

  it('keys Docker Hub under its v1 URL', () => {
    expect(authConfigKey('docker.io')).toBe('https://index.docker.io/v1/')
    expect(authConfigKey('ghcr.io')).toBe('ghcr.io')
  })

  it('encodes the header as base64url JSON with padding, like the docker CLI', () => {
    const header = encodeAuthHeader({ username: 'u?>', password: 'p', serveraddress: 'ghcr.io' })
    expect(header).not.toMatch(/[+/]/)
    expect(JSON.parse(Buffer.from(header.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'))).toEqual({ username: 'u?>', password: 'p', serveraddress: 'ghcr.io' })
  })

  it('reads `auths` entries, by key or by host', async () => {
    const dir = configDir({ auths: { 'https://index.docker.io/v1/': { auth: Buffer.from('hub:secret').toString('base64') }, 'https://ghcr.io/v2/': { auth: Buffer.from('me:tok:en').toString('base64') } } })
    expect(await lookupRegistryAuth('nginx', dir)).toMatchObject({ username: 'hub', password: 'secret', serveraddress: 'https://index.docker.io/v1/' })
    expect(await lookupRegistryAuth('ghcr.io/org/app', dir)).toMatchObject({ username: 'me', password: 'tok:en', serveraddress: 'ghcr.io' })
    expect(await lookupRegistryAuth('quay.io/x', dir)).toBeNull()
    expect(await lookupRegistryAuth('nginx', join(dir, 'missing'))).toBeNull()
  })

  it('asks the credential helper first, and understands identity tokens', async () => {
    const dir = configDir({ credsStore: 'desktop', credHelpers: { 'ghcr.io': 'gh' }, auths: { 'ghcr.io': {} } })
    const asked: string[] = []
    const helper = async (name: string, server: string) => {
      asked.push(`${name} ${server}`)
      return name === 'gh' ? { Username: '<token>', Secret: 'idtoken' } : { Username: 'hub', Secret: 'pw' }
    }
    expect(await lookupRegistryAuth('ghcr.io/org/app', dir, helper)).toEqual({ serveraddress: 'ghcr.io', identitytoken: 'idtoken' })
    expect(await lookupRegistryAuth('nginx', dir, helper)).toEqual({ username: 'hub', password: 'pw', serveraddress: 'https://index.docker.io/v1/' })
    expect(asked).toEqual(['gh ghcr.io', 'desktop https://index.docker.io/v1/'])
  })
})
