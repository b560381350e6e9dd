import { describe, expect, it } from 'vitest'
import { emptyServiceDraft, type DraftIssueBody, type ServiceDraft } from '../../shared/services'
import { draftIssueText } from './service-issue-text'
import { validateDraft, type ValidationContext } from './service-validate'
import { placementDraftOf, structuralIssues } from './service-operations'

const ctx: ValidationContext = {
  services: [
    { id: 's1', name: 'shop', ports: [{ protocol: 'tcp', publishedPort: 8080, publishMode: 'ingress' }] },
    { id: 's2', name: 'dns', ports: [{ protocol: 'udp', publishedPort: 53, publishMode: 'host' }] }
  ],
  networks: [
    { name: 'backend', driver: 'overlay', scope: 'swarm', ingress: false },
    { name: 'ingress', driver: 'overlay', scope: 'swarm', ingress: true },
    { name: 'bridge', driver: 'bridge', scope: 'local', ingress: false }
  ],
  secrets: ['db_password'],
  configs: ['nginx_conf'],
  selfId: null
}
const valid: ServiceDraft = { ...emptyServiceDraft(), name: 'web', image: 'nginx:1.27' }
const issuesOf = (overrides: Partial<ServiceDraft>, context = ctx) => validateDraft({ ...valid, ...overrides }, context)

describe('validateDraft', () => {
  it('accepts a plain valid draft', () => {
    expect(issuesOf({})).toEqual([])
  })

  // each row: the code and values main sends, and what the English wording (CLI, error messages) says
  it.each<[string, Partial<ServiceDraft>, string, Partial<DraftIssueBody>, RegExp]>([
    ['missing name', { name: '' }, 'name', { code: 'name-missing' }, /needs a name/],
    ['bad name', { name: 'web_1!' }, 'name', { code: 'name-invalid', name: 'web_1!' }, /not a valid service name/],
    ['name ending with an underscore', { name: 'web_' }, 'name', { code: 'name-invalid', name: 'web_' }, /not a valid service name/],
    ['name starting with a dash', { name: '-web' }, 'name', { code: 'name-invalid', name: '-web' }, /not a valid service name/],
    ['name over 63 characters', { name: 'a'.repeat(64) }, 'name', { code: 'name-invalid', name: 'a'.repeat(64) }, /not a valid service name/],
    ['taken name', { name: 'shop' }, 'name', { code: 'name-taken', name: 'shop' }, /already exists/],
    ['missing image', { image: '' }, 'image', { code: 'image-missing' }, /image is required/],
    ['invalid image reference', { image: 'Nginx:latest' }, 'image', { code: 'image-invalid', image: 'Nginx:latest' }, /not a valid image reference: invalid reference format: repository name \(library\/Nginx\) must be lowercase/],
    ['image with spaces', { image: 'nginx: 1' }, 'image', { code: 'image-invalid', image: 'nginx: 1' }, /invalid reference format/],
    ['port conflict with another service', { ports: [{ target: 80, published: 8080, protocol: 'tcp', mode: 'ingress' }] }, 'ports.0.published', { code: 'port-taken', port: '8080/tcp', service: 'shop' }, /already published by service shop/],
    ['port out of range', { ports: [{ target: 70000, published: null, protocol: 'tcp', mode: 'ingress' }] }, 'ports.0.target', { code: 'target-port-range', port: 70000 }, /between 1 and 65535/],
    ['same port twice', { ports: [{ target: 80, published: 9000, protocol: 'tcp', mode: 'ingress' }, { target: 81, published: 9000, protocol: 'tcp', mode: 'ingress' }] }, 'ports.1.published', { code: 'port-twice', port: '9000/tcp', firstRow: 1 }, /published twice/],
    ['unknown network', { networks: [{ name: 'frontend', aliases: [] }] }, 'networks.0.name', { code: 'network-unknown', network: 'frontend' }, /no swarm network named "frontend"/],
    ['local network', { networks: [{ name: 'bridge', aliases: [] }] }, 'networks.0.name', { code: 'network-unknown', network: 'bridge' }, /no swarm network named "bridge"/],
    ['ingress network', { networks: [{ name: 'ingress', aliases: [] }] }, 'networks.0.name', { code: 'network-ingress', network: 'ingress' }, /is the ingress network/],
    ['unknown secret', { secrets: [{ source: 'api_key', target: '', uid: '', gid: '', mode: '' }] }, 'secrets.0.source', { code: 'secret-unknown', name: 'api_key' }, /no secret named "api_key"/],
    ['bad secret mode', { secrets: [{ source: 'db_password', target: '', uid: '', gid: '', mode: '0999' }] }, 'secrets.0.mode', { code: 'file-mode', value: '0999' }, /not a file mode/],
    ['unknown config', { configs: [{ source: 'x', target: '', uid: '', gid: '', mode: '' }] }, 'configs.0.source', { code: 'config-unknown', name: 'x' }, /no config named "x"/],
    ['relative mount target', { mounts: [{ type: 'volume', source: 'data', target: 'data', readOnly: false, tmpfsSize: '' }] }, 'mounts.0.target', { code: 'mount-target-relative', target: 'data' }, /absolute path/],
    ['relative bind source', { mounts: [{ type: 'bind', source: 'srv', target: '/srv', readOnly: false, tmpfsSize: '' }] }, 'mounts.0.source', { code: 'bind-source-relative' }, /absolute host path/],
    ['bad tmpfs size', { mounts: [{ type: 'tmpfs', source: '', target: '/tmp', readOnly: false, tmpfsSize: 'big' }] }, 'mounts.0.tmpfsSize', { code: 'size', value: 'big' }, /not a size/],
    ['bad duration', { update: { ...valid.update, delay: '10 seconds' } }, 'update.delay', { code: 'duration', value: '10 seconds' }, /not a duration/],
    ['duration without unit', { restart: { ...valid.restart, delay: '10' } }, 'restart.delay', { code: 'duration', value: '10' }, /not a duration/],
    ['bad ratio', { update: { ...valid.update, maxFailureRatio: 2 } }, 'update.maxFailureRatio', { code: 'failure-ratio', value: 2 }, /between 0 and 1/],
    ['rollback that rolls back', { rollback: { ...valid.rollback, failureAction: 'rollback' } }, 'rollback.failureAction', { code: 'rollback-rollback' }, /cannot itself roll back/],
    ['bad cpus', { limits: { cpus: 'two', memory: '' } }, 'limits.cpus', { code: 'cpus', value: 'two' }, /not a number of CPUs/],
    ['bad memory', { reservations: { cpus: '', memory: '12 parsecs' } }, 'reservations.memory', { code: 'size', value: '12 parsecs' }, /not a size/],
    ['reservation above limit', { limits: { cpus: '', memory: '256M' }, reservations: { cpus: '', memory: '1G' } }, 'reservations.memory', { code: 'reservation-above-limit', reservation: '1G', limit: '256M' }, /above the limit/],
    ['constraint syntax', { constraints: ['node.role = worker'] }, 'constraints.0', { code: 'constraint' }, /./],
    ['bad spread', { preferences: ['zone'] }, 'preferences.0', { code: 'spread-invalid', value: 'zone' }, /not a spread descriptor/],
    ['env without key', { env: ['=value'] }, 'env.0', { code: 'env-format', entry: '=value' }, /not KEY=VALUE/],
    ['env twice', { env: ['A=1', 'A=2'] }, 'env.1', { code: 'env-twice', key: 'A', firstLine: 1 }, /set twice/],
    ['health check without command', { healthcheck: { ...valid.healthcheck, mode: 'command' } }, 'healthcheck.command', { code: 'healthcheck-command' }, /needs a command/],
    ['max per node on global', { mode: 'global', maxReplicasPerNode: 2 }, 'maxReplicasPerNode', { code: 'max-per-node-global' }, /replicated services only/]
  ])('%s', (_name, overrides, path, expected, message) => {
    const issues = issuesOf(overrides)
    const found = issues.find((i) => i.path === path)
    expect(found, JSON.stringify(issues)).toMatchObject(expected)
    expect(found && draftIssueText(found)).toMatch(message)
  })

  it.each(['seed_backend', 'shop_web-1', 'a__b', 'a-_-b', 'x', 'a'.repeat(63)])('accepts the engine-valid name %s (stack services are <stack>_<service>)', (name) => {
    expect(issuesOf({ name }).filter((i) => i.path === 'name')).toEqual([])
  })

  it('a service does not conflict with its own published ports', () => {
    expect(issuesOf({ name: 'shop', ports: [{ target: 80, published: 8080, protocol: 'tcp', mode: 'ingress' }] }, { ...ctx, selfId: 's1' })).toEqual([])
  })

  it('the same port number on another protocol is free', () => {
    expect(issuesOf({ ports: [{ target: 80, published: 8080, protocol: 'udp', mode: 'ingress' }] })).toEqual([])
  })
})

describe('structuralIssues', () => {
  it('refuses a mode change and a rename with what to do instead', () => {
    const mode = structuralIssues(valid, { ...valid, mode: 'global' })
    expect(mode).toEqual([{ path: 'mode', code: 'mode-change', from: 'replicated', to: 'global' }])
    expect(draftIssueText(mode[0])).toMatch(/mode cannot be changed \(replicated -> global\).*docker service rm, then docker service create --mode global/)
    const rename = structuralIssues(valid, { ...valid, name: 'other' })
    expect(rename).toEqual([{ path: 'name', code: 'rename', from: 'web', to: 'other' }])
    expect(draftIssueText(rename[0])).toBe('a service cannot be renamed by an update (web -> other): create a new service instead')
    expect(structuralIssues(valid, { ...valid, image: 'nginx:2' })).toEqual([])
  })
})

describe('placementDraftOf (what the planner gets from the form)', () => {
  it('parses reservations, keeps valid lines, and host-mode published ports', () => {
    expect(
      placementDraftOf({
        ...valid,
        replicas: 3,
        constraints: [' node.role == worker ', ''],
        preferences: ['spread=node.labels.zone'],
        maxReplicasPerNode: 2,
        reservations: { cpus: '0.5', memory: '256M' },
        ports: [{ target: 80, published: 8080, protocol: 'tcp', mode: 'host' }, { target: 443, published: 8443, protocol: 'tcp', mode: 'ingress' }]
      })
    ).toEqual({
      name: 'web',
      mode: 'replicated',
      replicas: 3,
      constraints: ['node.role == worker'],
      preferences: [{ spread: 'node.labels.zone' }],
      maxReplicasPerNode: 2,
      reservations: { nanoCpus: 500_000_000, memoryBytes: 268435456 },
      platforms: [],
      hostPorts: [{ protocol: 'tcp', port: 8080 }]
    })
  })
  it('a global draft has no replica count; unparsable reservations count as none (they are reported as issues)', () => {
    expect(placementDraftOf({ ...valid, mode: 'global', replicas: 4, reservations: { cpus: 'lots', memory: 'big' } })).toMatchObject({ mode: 'global', replicas: 0, reservations: { nanoCpus: 0, memoryBytes: 0 } })
  })
})
