// Loader tests: the oracle fixtures compare our merged model with what the real docker CLI prints
// for `docker stack config` (tests/fixtures/stacks/oracle-*); the rest checks diagnostics.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { composeConfigView, goDurationString } from './compose-config-view'
import { formatDiagnostic, loadCompose, type LoadComposeInput } from './compose-loader'

const FIXTURES = join(__dirname, '../../../tests/fixtures/stacks')

function withoutExtensions(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('x-')))
}

describe('docker stack config oracle', () => {
  it.each([
    ['oracle-single', ['docker-compose.yml'], []],
    ['oracle-merge', ['a.yml', 'b.yml'], ['common.env']]
  ])('%s', (name, files, envFiles) => {
    const dir = join(FIXTURES, name)
    const env = JSON.parse(readFileSync(join(dir, 'env.json'), 'utf8')) as Record<string, string>
    const result = loadCompose({
      files: files.map((f) => ({ path: `/fixtures/${name}/${f}`, text: readFileSync(join(dir, f), 'utf8') })),
      env,
      envFiles: Object.fromEntries(envFiles.map((f) => [`/fixtures/${name}/${f}`, readFileSync(join(dir, f), 'utf8')]))
    })
    expect(result.errors.map(formatDiagnostic)).toEqual([])
    expect(result.model).not.toBeNull()
    if (!result.model) return
    const expected = withoutExtensions(parse(readFileSync(join(dir, 'stack-config.yml'), 'utf8')) as Record<string, unknown>)
    expect(composeConfigView(result.model)).toEqual(expected)
  })
})

const load = (text: string, extra: Partial<LoadComposeInput> = {}) => loadCompose({ files: [{ path: '/p/docker-compose.yml', text }], env: {}, ...extra })
const messages = (text: string, extra: Partial<LoadComposeInput> = {}) => load(text, extra).errors.map(formatDiagnostic)

describe('diagnostics with positions', () => {
  it('type errors', () => {
    expect(messages('services:\n  web:\n    image: x\n    deploy:\n      replicas: "2"\n')).toEqual(['/p/docker-compose.yml:5:17: services.web.deploy.replicas must be an integer'])
  })
  it('unknown fields, with a suggestion, at the key', () => {
    expect(messages('services:\n  web:\n    image: x\n    deploy:\n      replica: 2\n')).toEqual([
      '/p/docker-compose.yml:5:7: services.web.deploy: unknown field `replica` (did you mean `replicas`?)'
    ])
    expect(messages('services:\n  web:\n    imag: x\n')).toEqual(['/p/docker-compose.yml:3:5: services.web: unknown field `imag` (did you mean `image`?)'])
  })
  it('oneOf branches give the deepest reason', () => {
    expect(messages('services:\n  web:\n    image: x\n    ports:\n      - target: x\n')).toEqual(['/p/docker-compose.yml:5:17: services.web.ports.0.target must be an integer'])
    expect(messages('services:\n  web:\n    image: x\n    environment: {A: true}\n')).toEqual(['/p/docker-compose.yml:4:22: services.web.environment.A must be a string, number or null'])
    expect(messages('services:\n  web:\n    image: x\n    ports: [true]\n')).toEqual(['/p/docker-compose.yml:4:13: services.web.ports.0 must be a number, string or mapping'])
  })
  it('formats', () => {
    expect(messages('services:\n  web:\n    image: x\n    stop_grace_period: 10d\n')).toEqual([
      '/p/docker-compose.yml:4:24: services.web.stop_grace_period must be a duration such as 10s, 1m30s or 250ms (units ns, us, ms, s, m, h)'
    ])
    expect(messages('services:\n  web:\n    image: x\n    ports: ["80:x"]\n')).toEqual(['/p/docker-compose.yml:4:13: services.web.ports.0 must be a port such as 80, 8080:80 or 127.0.0.1:53:53/udp'])
  })
  it('the schema of the declared version applies', () => {
    expect(messages('version: "3.0"\nservices:\n  web:\n    image: x\n    secrets: [s]\n')).toEqual(['/p/docker-compose.yml:5:5: services.web: unknown field `secrets`'])
    expect(messages('version: "2"\nservices:\n  web:\n    image: x\n')).toEqual(['/p/docker-compose.yml:1:10: unsupported Compose file version: 2'])
    // unquoted 3.10 is the float 3.1 and fails the schema (cli: "version must be a string")
    expect(messages('version: 3.10\nservices:\n  web:\n    image: x\n')).toEqual(['/p/docker-compose.yml:1:10: version must be a string'])
    expect(load('version: "3.10"\nservices:\n  web:\n    image: x\n').model?.version).toBe('3.10')
    expect(load('services:\n  web:\n    image: x\n').model?.version).toBe('3.13')
  })
  it('interpolation errors', () => {
    expect(messages('services:\n  web:\n    image: x\n    user: ${U:?set U}\n')).toEqual(['/p/docker-compose.yml:4:11: services.web.user: required variable U is missing a value: set U'])
    expect(messages('services:\n  web:\n    image: x\n    deploy:\n      replicas: ${N}\n', { env: { N: 'two' } })).toEqual([
      '/p/docker-compose.yml:5:17: services.web.deploy.replicas: failed to cast to expected type: strconv.Atoi: parsing "two": invalid syntax'
    ])
  })
  it('forbidden fields are errors, unsupported and deprecated ones warnings', () => {
    const result = load('services:\n  web:\n    image: x\n    cpu_shares: 2\n    build: .\n    container_name: c\n    depends_on: [db]\n    restart: always\n')
    expect(result.errors.map(formatDiagnostic)).toEqual(['/p/docker-compose.yml:4:5: services.web.cpu_shares is not supported by docker stack deploy: Set resource limits using deploy.resources'])
    const ok = load('services:\n  web:\n    image: x\n    build: .\n    container_name: c\n    depends_on: [db]\n    restart: always\n')
    expect(ok.errors).toEqual([])
    expect(ok.warnings.map((w) => `${w.line}:${w.path}`)).toEqual(['4:services.web.build', '5:services.web.container_name', '6:services.web.depends_on', '7:services.web.restart'])
  })
  it('every service needs a valid image', () => {
    expect(messages('services:\n  web:\n    user: x\n')).toEqual(['/p/docker-compose.yml:2:3: invalid image reference for service web: no image specified'])
    expect(messages('services:\n  web:\n    image: Nginx\n')).toEqual([
      '/p/docker-compose.yml:3:12: invalid image reference for service web: invalid reference format: repository name (library/Nginx) must be lowercase'
    ])
  })
  it('YAML errors and merge keys', () => {
    expect(messages('services:\n  web: {image: x\n')[0]).toMatch(/^\/p\/docker-compose.yml:\d+:\d+: /)
  })
  it('files must declare the same version', () => {
    const result = loadCompose({
      files: [
        { path: '/p/a.yml', text: 'version: "3.8"\nservices: {}\n' },
        { path: '/p/b.yml', text: 'version: "3.9"\nservices: {}\n' }
      ],
      env: {}
    })
    expect(result.errors.map(formatDiagnostic)).toEqual(['/p/b.yml:1:10: version mismatched between two composefiles : 3.8 and 3.9'])
  })
})

describe('variables and .env', () => {
  const text = 'services:\n  web:\n    image: ${REG:-docker.io}/app:${TAG}\n    user: $USERID\n'
  it('says where each value came from; the process environment wins over .env', () => {
    const result = load(text, { env: { TAG: '1' }, dotEnv: { path: '/p/.env', text: 'TAG=2\nUSERID="1000"\n' } })
    expect(result.errors).toEqual([])
    expect(result.model?.services[0].image).toBe('docker.io/app:1')
    expect(result.model?.services[0].user).toBe('1000')
    expect(result.variables.map((v) => [v.name, v.source, v.locations[0].line])).toEqual([
      ['REG', 'default', 3],
      ['TAG', 'env', 3],
      ['USERID', 'dotenv', 4]
    ])
  })
  it('.env is not read unless given (the CLI never reads it)', () => {
    const result = load(text)
    expect(result.errors.map((e) => e.message)).toEqual(['invalid image reference for service web: invalid reference format'])
    expect(result.variables.find((v) => v.name === 'TAG')?.source).toBe('unset')
  })
})

describe('env_file', () => {
  it('asks for the files it needs, then uses them', () => {
    const text = 'services:\n  web:\n    image: x\n    env_file: [./a.env]\n    environment: [B=env]\n'
    const first = load(text)
    expect(first.model).toBeNull()
    expect(first.missingEnvFiles).toEqual(['/p/a.env'])
    const second = load(text, { envFiles: { '/p/a.env': '\uFEFFA=1\n  # comment\nB=file\nC= spaced \nD\n' }, env: { D: 'd' } })
    expect(second.errors).toEqual([])
    expect(second.model?.services[0].environment).toEqual({ A: '1', B: 'env', C: ' spaced ', D: 'd' })
  })
})

describe('goDurationString', () => {
  it.each([
    [0, '0s'],
    [1500e6, '1.5s'],
    [90e9, '1m30s'],
    [3600e9, '1h0m0s'],
    [250e6, '250ms'],
    [1500, '1.5µs'],
    [12, '12ns']
  ])('%d', (ns, want) => {
    expect(goDurationString(ns)).toBe(want)
  })
})

it('fixtures exist', () => {
  expect(existsSync(join(FIXTURES, 'oracle-merge', 'stack-config.yml'))).toBe(true)
})
