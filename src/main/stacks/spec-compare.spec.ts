import { describe, expect, it } from 'vitest'
import { compareServiceSpecs, composePathOf, diffJson, effectOf, formatValue, normaliseServiceSpec } from './spec-compare'

const ctx = { networkNames: new Map([['n1abc', 'shop_backend']]) }

const base = {
  Name: 'shop_web',
  Labels: { 'com.docker.stack.namespace': 'shop' },
  TaskTemplate: {
    ContainerSpec: { Image: 'nginx:1', Privileges: { CredentialSpec: null, SELinuxContext: null, NoNewPrivileges: false } },
    Resources: {},
    Placement: {},
    Networks: [{ Target: 'shop_backend', Aliases: ['web'] }],
    ForceUpdate: 0
  },
  Mode: { Replicated: {} },
  EndpointSpec: {}
}

describe('normaliseServiceSpec', () => {
  it('treats what the daemon fills in or respells as no change', () => {
    const stored = {
      ...base,
      TaskTemplate: {
        ...base.TaskTemplate,
        ContainerSpec: { Image: 'nginx:1', Privileges: { CredentialSpec: null, SELinuxContext: null }, Isolation: 'default' },
        Networks: [{ Target: 'n1abc', Aliases: ['web'] }],
        Runtime: 'container'
      },
      Mode: { Replicated: { Replicas: 1 } },
      EndpointSpec: { Mode: 'vip' }
    }
    expect(normaliseServiceSpec(stored, ctx)).toEqual(normaliseServiceSpec(base, ctx))
  })

  it("reads a spec inspected with insertDefaults (swarmkit's api/defaults) as the bare one", () => {
    const withDefaults = {
      ...base,
      TaskTemplate: {
        ...base.TaskTemplate,
        ContainerSpec: { ...base.TaskTemplate.ContainerSpec, StopGracePeriod: 10_000_000_000, DNSConfig: {} },
        RestartPolicy: { Condition: 'any', Delay: 5_000_000_000, MaxAttempts: 0 }
      },
      UpdateConfig: { Parallelism: 1, FailureAction: 'pause', Monitor: 5_000_000_000, MaxFailureRatio: 0, Order: 'stop-first' },
      RollbackConfig: { Parallelism: 1, FailureAction: 'pause', Monitor: 5_000_000_000, MaxFailureRatio: 0, Order: 'stop-first' }
    }
    expect(diffJson(normaliseServiceSpec(base, ctx), normaliseServiceSpec(withDefaults, ctx))).toEqual([])
  })

  it('keeps labels with empty values, and the modes that are only a key', () => {
    const spec = normaliseServiceSpec({ ...base, Labels: { a: '' }, Mode: { Global: {} } }, ctx)
    expect(spec.Labels).toEqual({ a: '' })
    expect(spec.Mode).toEqual({ Global: true })
  })

  it('fills the defaults of ports and jobs', () => {
    const ports = (p: object) => normaliseServiceSpec({ ...base, EndpointSpec: { Ports: [p] } }, ctx).EndpointSpec
    expect(ports({ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' })).toEqual(ports({ TargetPort: 80, PublishedPort: 8080 }))
    expect(normaliseServiceSpec({ ...base, Mode: { ReplicatedJob: {} } }, ctx).Mode).toEqual({ ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } })
  })
})

describe('compareServiceSpecs', () => {
  const compare = (change: (s: typeof base) => object) => compareServiceSpecs('web', change(structuredClone(base)), base, ctx)

  it.each([
    ['image', (s: typeof base) => ({ ...s, TaskTemplate: { ...s.TaskTemplate, ContainerSpec: { ...s.TaskTemplate.ContainerSpec, Image: 'nginx:2' } } }), true, ['TaskTemplate.ContainerSpec.Image']],
    ['replicas', (s: typeof base) => ({ ...s, Mode: { Replicated: { Replicas: 4 } } }), false, ['Mode.Replicated.Replicas']],
    ['service labels', (s: typeof base) => ({ ...s, Labels: { ...s.Labels, team: 'a' } }), false, ['Labels[team]']],
    ['update config', (s: typeof base) => ({ ...s, UpdateConfig: { Parallelism: 2, MaxFailureRatio: 0, Order: 'start-first' } }), false, ['UpdateConfig.Order', 'UpdateConfig.Parallelism']],
    ['published port', (s: typeof base) => ({ ...s, EndpointSpec: { Ports: [{ TargetPort: 80, PublishedPort: 8080, PublishMode: 'host' }] } }), true, ['EndpointSpec.Ports[8080:80/tcp/host]']],
    ['network alias', (s: typeof base) => ({ ...s, TaskTemplate: { ...s.TaskTemplate, Networks: [{ Target: 'shop_backend', Aliases: ['www', 'web'] }] } }), true, ['TaskTemplate.Networks[shop_backend].Aliases']],
    ['force update', (s: typeof base) => ({ ...s, TaskTemplate: { ...s.TaskTemplate, ForceUpdate: 1 } }), true, ['TaskTemplate.ForceUpdate']]
  ])('%s', (_name, change, restarts, paths) => {
    const result = compare(change)
    expect(result.restarts).toBe(restarts)
    expect(result.changes.map((c) => c.path)).toEqual(paths)
  })

  it('compares secrets by name, whatever their order', () => {
    const ref = (name: string, id: string) => ({ File: { Name: name, UID: '0', GID: '0', Mode: 292 }, SecretID: id, SecretName: name })
    const withSecrets = (refs: object[]) => ({ ...base, TaskTemplate: { ...base.TaskTemplate, ContainerSpec: { ...base.TaskTemplate.ContainerSpec, Secrets: refs } } })
    expect(compareServiceSpecs('web', withSecrets([ref('a', '1'), ref('b', '2')]), withSecrets([ref('b', '2'), ref('a', '1')]), ctx).changes).toEqual([])
    const rotated = compareServiceSpecs('web', withSecrets([ref('a_v2', '3'), ref('b', '2')]), withSecrets([ref('a', '1'), ref('b', '2')]), ctx)
    expect(rotated.changes.map((c) => [c.path, c.before === null, c.after === null])).toEqual([
      ['TaskTemplate.ContainerSpec.Secrets[a]', false, true],
      ['TaskTemplate.ContainerSpec.Secrets[a_v2]', true, false]
    ])
  })

  it('reports a mode change', () => {
    expect(compareServiceSpecs('web', { ...base, Mode: { Global: {} } }, base, ctx).modeChange).toEqual({ from: 'replicated', to: 'global' })
  })

  it('says when the task template and endpoint are equivalent (the applier then sends the stored ones)', () => {
    const result = compare((s) => ({ ...s, Mode: { Replicated: { Replicas: 3 } } }))
    expect([result.taskTemplateEqual, result.endpointEqual]).toEqual([true, true])
    const placement = compare((s) => ({ ...s, TaskTemplate: { ...s.TaskTemplate, Placement: { Constraints: ['node.role==worker'] } } }))
    expect([placement.taskTemplateEqual, placement.placementOnly, placement.restarts]).toEqual([false, true, false])
  })
})

describe('diff helpers', () => {
  it.each([
    ['TaskTemplate.ContainerSpec.Env', 'restart'],
    ['TaskTemplate.Placement.Constraints', 'placement'],
    ['EndpointSpec.Ports', 'restart'],
    ['Mode.Replicated.Replicas', 'none'],
    ['Labels', 'none'],
    ['UpdateConfig.Delay', 'none']
  ])('effect of %s is %s', (path, effect) => expect(effectOf(path)).toBe(effect))

  it('names the compose field', () => {
    expect(composePathOf('web', 'TaskTemplate.ContainerSpec.Healthcheck.Interval')).toBe('services.web.healthcheck')
    expect(composePathOf('web', 'TaskTemplate.Placement.Platforms')).toBeNull()
    expect(composePathOf('web', 'EndpointSpec.Ports')).toBe('services.web.ports')
  })

  it('formats durations the Go way', () => {
    expect(formatValue('UpdateConfig.Delay', 10_000_000_000)).toBe('10s')
    expect(formatValue('TaskTemplate.ContainerSpec.Healthcheck', { Interval: 90_000_000_000, Retries: 3 })).toBe('{"Interval":"1m30s","Retries":3}')
    expect(formatValue('X', undefined)).toBeNull()
  })
})
