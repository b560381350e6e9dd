import { describe, expect, it } from 'vitest'
import { taskSpecKey } from './task-spec-key'

// Shapes as the Engine (API 1.41) returns them for one service and its task on the lab: the
// service's TaskTemplate carries `Runtime`, the task's Spec does not.
const image = 'registry:5000/web:1@sha256:f5f4de33469bd5d53553bbbc7c7ae27d2366e061cf9580474283a277450b4e65'
const template = {
  ContainerSpec: { DNSConfig: {}, Env: ['A=1'], Image: image, Init: false, Isolation: 'default', Mounts: [{ Target: '/x', Type: 'tmpfs' }] },
  ForceUpdate: 0,
  Placement: { Constraints: ['node.role==worker'], Platforms: [{ Architecture: 'amd64', OS: 'linux' }] },
  Resources: { Limits: { MemoryBytes: 20971520 }, Reservations: {} },
  Runtime: 'container'
}
const { Runtime: _runtime, ...taskSpec } = template

describe('taskSpecKey', () => {
  it('a task created from the service template has the template’s key (Runtime shown on one side only)', () => {
    expect(taskSpecKey(taskSpec)).toBe(taskSpecKey(template))
  })

  it('does not depend on the order of keys', () => {
    const reordered = { Resources: taskSpec.Resources, ForceUpdate: 0, ContainerSpec: { Mounts: taskSpec.ContainerSpec.Mounts, Image: image, Isolation: 'default', Init: false, Env: ['A=1'], DNSConfig: {} }, Placement: taskSpec.Placement }
    expect(taskSpecKey(reordered)).toBe(taskSpecKey(template))
  })

  it.each<[string, unknown]>([
    ['an env-only change (same image)', { ...template, ContainerSpec: { ...template.ContainerSpec, Env: ['A=2'] } }],
    ['an added env entry', { ...template, ContainerSpec: { ...template.ContainerSpec, Env: ['A=1', 'B=2'] } }],
    ['a forced update', { ...template, ForceUpdate: 1 }],
    ['a new image', { ...template, ContainerSpec: { ...template.ContainerSpec, Image: 'registry:5000/web:2' } }],
    ['a secret swapped', { ...template, ContainerSpec: { ...template.ContainerSpec, Secrets: [{ SecretID: 'abc', SecretName: 'db_v2', File: { Name: 'db' } }] } }],
    ['a network added', { ...template, Networks: [{ Target: 'net1', Aliases: ['api'] }] }],
    ['a memory limit', { ...template, Resources: { Limits: { MemoryBytes: 1 }, Reservations: {} } }]
  ])('tells %s apart', (_name, changed) => {
    expect(taskSpecKey(changed)).not.toBe(taskSpecKey(template))
  })

  it('a placement-only change keeps the key: swarm does not replace a task whose node still qualifies', () => {
    expect(taskSpecKey({ ...template, Placement: { Constraints: ['node.labels.ssd==true'] } })).toBe(taskSpecKey(template))
  })

  it('an absent spec has no key', () => {
    expect(taskSpecKey(undefined)).toBeNull()
    expect(taskSpecKey(null)).toBeNull()
    expect(taskSpecKey([])).toBeNull()
  })
})
