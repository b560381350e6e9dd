import { describe, expect, it } from 'vitest'
import { emptyServiceDraft, type ServiceDraft } from '../../shared/services'
import { changedKeys, draftToSpec, reapplyField, specToDraft, untouchedFields, writeDraftFields, type DraftContext } from './service-draft'
import { createCli, updateCli } from './service-cli'

const ctx: DraftContext = {
  networkNameById: new Map([['net123', 'backend']]),
  secretIdByName: new Map([['db_password', 'sec999']]),
  configIdByName: new Map([['nginx_conf', 'cfg777']])
}
const draft = (overrides: Partial<ServiceDraft>): ServiceDraft => ({ ...emptyServiceDraft(), ...overrides })

// Expected specs written by hand from what `docker service create` sends (moby api/types/swarm).
describe('draftToSpec', () => {
  it('a minimal service: name, tagged image, 1 replica, the CLI default policies', () => {
    expect(draftToSpec(draft({ name: 'web', image: 'nginx' }), ctx)).toEqual({
      Name: 'web',
      Labels: {},
      TaskTemplate: {
        ContainerSpec: { Image: 'nginx:latest' },
        Resources: {},
        Placement: {},
        ForceUpdate: 0,
        RestartPolicy: { Condition: 'any', MaxAttempts: 0 }
      },
      Mode: { Replicated: { Replicas: 1 } },
      EndpointSpec: { Mode: 'vip' },
      UpdateConfig: { Parallelism: 1, FailureAction: 'pause', MaxFailureRatio: 0, Order: 'stop-first' },
      RollbackConfig: { Parallelism: 1, FailureAction: 'pause', MaxFailureRatio: 0, Order: 'stop-first' }
    })
  })

  it.each<[string, Partial<ServiceDraft>, (spec: Record<string, unknown>) => unknown, unknown]>([
    ['global mode', { mode: 'global' }, (s) => s.Mode, { Global: {} }],
    ['ports with defaults and host mode', { ports: [{ target: 80, published: 8080, protocol: 'tcp', mode: 'ingress' }, { target: 53, published: null, protocol: 'udp', mode: 'host' }] }, (s) => (s.EndpointSpec as { Ports: unknown }).Ports, [
      { Protocol: 'tcp', TargetPort: 80, PublishMode: 'ingress', PublishedPort: 8080 },
      { Protocol: 'udp', TargetPort: 53, PublishMode: 'host' }
    ]],
    ['networks by ID with aliases', { networks: [{ name: 'backend', aliases: ['api', ' '] }] }, (s) => (s.TaskTemplate as { Networks: unknown }).Networks, [{ Target: 'net123', Aliases: ['api'] }]],
    ['mounts of each type', { mounts: [{ type: 'volume', source: 'data', target: '/data', readOnly: false, tmpfsSize: '' }, { type: 'bind', source: '/srv', target: '/srv', readOnly: true, tmpfsSize: '' }, { type: 'tmpfs', source: 'ignored', target: '/tmp', readOnly: false, tmpfsSize: '64M' }] }, (s) => ((s.TaskTemplate as { ContainerSpec: { Mounts: unknown } }).ContainerSpec).Mounts, [
      { Type: 'volume', Target: '/data', Source: 'data' },
      { Type: 'bind', Target: '/srv', Source: '/srv', ReadOnly: true },
      { Type: 'tmpfs', Target: '/tmp', TmpfsOptions: { SizeBytes: 67108864 } }
    ]],
    ['secrets with file target, owner and octal mode', { secrets: [{ source: 'db_password', target: '', uid: '', gid: '', mode: '' }, { source: 'db_password', target: '/etc/pw', uid: '1000', gid: '1000', mode: '0400' }] }, (s) => ((s.TaskTemplate as { ContainerSpec: { Secrets: unknown } }).ContainerSpec).Secrets, [
      { File: { Name: 'db_password', UID: '0', GID: '0', Mode: 292 }, SecretID: 'sec999', SecretName: 'db_password' },
      { File: { Name: '/etc/pw', UID: '1000', GID: '1000', Mode: 256 }, SecretID: 'sec999', SecretName: 'db_password' }
    ]],
    ['placement', { constraints: [' node.role == worker ', ''], preferences: ['spread=node.labels.zone'], maxReplicasPerNode: 2 }, (s) => (s.TaskTemplate as { Placement: unknown }).Placement, { Constraints: ['node.role == worker'], Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }], MaxReplicas: 2 }],
    ['resources: CPUs as nano, memory in binary units', { limits: { cpus: '1.5', memory: '512M' }, reservations: { cpus: '0.25', memory: '' } }, (s) => (s.TaskTemplate as { Resources: unknown }).Resources, { Limits: { NanoCPUs: 1_500_000_000, MemoryBytes: 536870912 }, Reservations: { NanoCPUs: 250_000_000 } }],
    ['update policy with durations', { update: { parallelism: 2, delay: '10s', failureAction: 'rollback', monitor: '1m', maxFailureRatio: 0.25, order: 'start-first' } }, (s) => s.UpdateConfig, { Parallelism: 2, Delay: 10_000_000_000, FailureAction: 'rollback', Monitor: 60_000_000_000, MaxFailureRatio: 0.25, Order: 'start-first' }],
    ['health check command', { healthcheck: { mode: 'command', command: 'curl -f localhost', interval: '5s', timeout: '2s', startPeriod: '', retries: 3 } }, (s) => ((s.TaskTemplate as { ContainerSpec: { Healthcheck: unknown } }).ContainerSpec).Healthcheck, { Test: ['CMD-SHELL', 'curl -f localhost'], Interval: 5_000_000_000, Timeout: 2_000_000_000, Retries: 3 }],
    ['health check disabled', { healthcheck: { ...emptyServiceDraft().healthcheck, mode: 'none' } }, (s) => ((s.TaskTemplate as { ContainerSpec: { Healthcheck: unknown } }).ContainerSpec).Healthcheck, { Test: ['NONE'] }],
    ['env and labels', { env: ['A=1', 'B=two words'], labels: ['team=shop'] }, (s) => [((s.TaskTemplate as { ContainerSpec: { Env: unknown } }).ContainerSpec).Env, s.Labels], [['A=1', 'B=two words'], { team: 'shop' }]]
  ])('%s', (_name, overrides, pick, expected) => {
    expect(pick(draftToSpec(draft({ name: 'web', image: 'nginx:1', ...overrides }), ctx) as Record<string, unknown>)).toEqual(expected)
  })
})

describe('specToDraft', () => {
  it('reads back every field draftToSpec writes (round trip)', () => {
    const full = draft({
      name: 'api',
      image: 'registry:5000/team/api:2',
      replicas: 3,
      env: ['A=1'],
      labels: ['team=shop'],
      ports: [{ target: 80, published: 8080, protocol: 'tcp', mode: 'ingress' }],
      networks: [{ name: 'backend', aliases: ['api'] }],
      mounts: [{ type: 'tmpfs', source: '', target: '/tmp', readOnly: false, tmpfsSize: '64M' }],
      secrets: [{ source: 'db_password', target: '/etc/pw', uid: '1000', gid: '', mode: '0400' }],
      configs: [{ source: 'nginx_conf', target: '', uid: '', gid: '', mode: '' }],
      constraints: ['node.role == worker'],
      preferences: ['node.labels.zone'],
      maxReplicasPerNode: 2,
      limits: { cpus: '1.5', memory: '512M' },
      reservations: { cpus: '0.25', memory: '1G' },
      restart: { condition: 'on-failure', delay: '3s', maxAttempts: 5, window: '1m0s' },
      update: { parallelism: 2, delay: '10s', failureAction: 'rollback', monitor: '30s', maxFailureRatio: 0.5, order: 'start-first' },
      rollback: { parallelism: 0, delay: '', failureAction: 'continue', monitor: '', maxFailureRatio: 0, order: 'stop-first' },
      healthcheck: { mode: 'command', command: 'true', interval: '5s', timeout: '2s', startPeriod: '1s', retries: 3 }
    })
    expect(specToDraft(draftToSpec(full, ctx), ctx)).toEqual(full)
  })

  it('keeps the stack namespace label out of the form, and an update does not drop it', () => {
    const live = { Name: 'shop_web', Labels: { 'com.docker.stack.namespace': 'shop', team: 'a' }, TaskTemplate: { ContainerSpec: { Image: 'nginx:1' } } }
    const d = specToDraft(live, ctx)
    expect(d.labels).toEqual(['team=a'])
    expect(writeDraftFields(live, { ...d, labels: ['team=b'] }, ['labels'], ctx).Labels).toEqual({ 'com.docker.stack.namespace': 'shop', team: 'b' })
  })
})

describe('writeDraftFields', () => {
  it('writes only the changed fields and keeps what the form does not know (command, hostname, log driver)', () => {
    const live = {
      Name: 'web',
      TaskTemplate: { ContainerSpec: { Image: 'nginx:1', Args: ['-g', 'daemon off;'], Hostname: 'w', Env: ['A=1'] }, LogDriver: { Name: 'json-file' }, ForceUpdate: 3 },
      Mode: { Replicated: { Replicas: 2 } }
    }
    const d = specToDraft(live, ctx)
    const next = { ...d, image: 'nginx:2' }
    expect(changedKeys(d, next)).toEqual(['image'])
    expect(writeDraftFields(live, next, changedKeys(d, next), ctx)).toEqual({ ...live, TaskTemplate: { ...live.TaskTemplate, ContainerSpec: { ...live.TaskTemplate.ContainerSpec, Image: 'nginx:2' } } })
    expect(untouchedFields(live)).toEqual(['ContainerSpec.Args', 'ContainerSpec.Hostname', 'TaskTemplate.LogDriver'])
  })
})

describe('docker CLI lines', () => {
  it('create: only what differs from the CLI defaults, shell-quoted', () => {
    expect(
      createCli(draft({ name: 'web', image: 'nginx:1', replicas: 3, env: ['GREETING=hello world'], ports: [{ target: 80, published: 8080, protocol: 'tcp', mode: 'ingress' }], constraints: ['node.role == worker'], update: { ...emptyServiceDraft().update, parallelism: 2, delay: '10s' } }))
    ).toBe("docker service create --name web --replicas 3 --publish published=8080,target=80 --env 'GREETING=hello world' --constraint 'node.role == worker' --update-parallelism 2 --update-delay 10s nginx:1")
    expect(createCli(draft({ name: 'agent', image: 'agent:1', mode: 'global', secrets: [{ source: 's', target: '', uid: '', gid: '', mode: '0400' }] }))).toBe('docker service create --name agent --mode global --secret source=s,mode=0400 agent:1')
  })

  it('update: the CLI flags of each change', () => {
    const base = draft({ name: 'web', image: 'nginx:1', env: ['A=1', 'B=2'], constraints: ['node.role == worker'], ports: [{ target: 80, published: 8080, protocol: 'tcp', mode: 'ingress' }] })
    const next = { ...base, image: 'nginx:2', env: ['A=1', 'C=3'], constraints: ['node.labels.zone == east'], ports: [{ target: 80, published: 9090, protocol: 'tcp' as const, mode: 'ingress' as const }], replicas: 4 }
    expect(updateCli(base, next)).toBe(
      "docker service update --image nginx:2 --replicas 4 --env-rm B --env-add C=3 --publish-rm 8080/tcp --publish-add published=9090,target=80 --constraint-rm 'node.role == worker' --constraint-add 'node.labels.zone == east' web"
    )
    expect(updateCli(base, { ...base, healthcheck: { ...base.healthcheck, mode: 'none' } })).toBe('docker service update --no-healthcheck web')
  })
})

describe('reapplyField (an update re-applied to the service as it is now)', () => {
  const base = draft({ name: 'web', image: 'web:1', env: ['A=1', 'B=2'], replicas: 2 })
  it.each<[string, Partial<ServiceDraft>, Partial<ServiceDraft>, keyof ServiceDraft, unknown, string[]]>([
    ['env entry added by me, another by them: both kept', { env: ['A=1', 'B=2', 'MINE=1'] }, { env: ['A=1', 'B=2', 'THEIRS=1'] }, 'env', ['A=1', 'B=2', 'THEIRS=1', 'MINE=1'], []],
    ['env entry removed by me, one changed by them: both kept', { env: ['B=2'] }, { env: ['A=1', 'B=3'] }, 'env', ['B=3'], []],
    ['the same env entry changed by both: a clash', { env: ['A=mine', 'B=2'] }, { env: ['A=theirs', 'B=2'] }, 'env', ['A=mine', 'B=2'], ['env A']],
    ['the same change on both sides is no clash', { env: ['A=9', 'B=2'] }, { env: ['A=9', 'B=2'] }, 'env', ['A=9', 'B=2'], []],
    ['a plain field changed by them only: mine is the change', { image: 'web:2' }, { replicas: 5 }, 'image', 'web:2', []],
    ['a plain field changed by both: a clash', { image: 'web:2' }, { image: 'web:3' }, 'image', 'web:2', ['image']]
  ])('%s', (_name, mine, theirs, key, value, clashes) => {
    expect(reapplyField(key, base, { ...base, ...mine }, { ...base, ...theirs })).toEqual({ value, clashes })
  })
})
