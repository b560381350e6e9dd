import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../docker/live-shapes'
import { countReferences, hasStepMount, referencesTo, swapReferences, withoutStepMount, withStepMount, withUpdateOrder } from './spec-references'

const spec = (): JsonObject => ({
  Name: 'web',
  Labels: { keep: 'me' },
  TaskTemplate: {
    ContainerSpec: {
      Image: 'img',
      Env: ['A=1'],
      Secrets: [
        { SecretID: 'OLD', SecretName: 'tok', File: { Name: 'tok', UID: '0', GID: '0', Mode: 292 } },
        { SecretID: 'OTHER', SecretName: 'other', File: { Name: 'other', UID: '0', GID: '0', Mode: 292 } },
        { SecretID: 'OLD', SecretName: 'tok', File: { Name: '/etc/tok', UID: '1000', GID: '1000', Mode: 256 } }
      ],
      Configs: [{ ConfigID: 'OLD', ConfigName: 'conf', Runtime: {} }]
    },
    ForceUpdate: 0
  },
  UpdateConfig: { Parallelism: 1, Order: 'stop-first' }
})

describe('spec references', () => {
  it('counts and reads the references by ID and kind', () => {
    expect(countReferences(spec(), 'secret', 'OLD')).toBe(2)
    expect(countReferences(spec(), 'config', 'OLD')).toBe(1)
    expect(countReferences({}, 'secret', 'OLD')).toBe(0)
    expect(referencesTo(spec(), 'secret', 'OLD')).toEqual([
      { target: 'tok', uid: '0', gid: '0', mode: 292 },
      { target: '/etc/tok', uid: '1000', gid: '1000', mode: 256 }
    ])
    expect(referencesTo(spec(), 'config', 'OLD')).toEqual([{ target: null, uid: '0', gid: '0', mode: 0o444 }])
  })

  it('swaps every reference in place, keeping targets and every other field', () => {
    const before = spec()
    const after = swapReferences(before, 'secret', { id: 'OLD', name: 'tok' }, { id: 'NEW', name: 'tok_v2' }) as JsonObject
    const expected = spec()
    const secrets = ((expected.TaskTemplate as JsonObject).ContainerSpec as JsonObject).Secrets as JsonObject[]
    secrets[0] = { ...secrets[0], SecretID: 'NEW', SecretName: 'tok_v2' }
    secrets[2] = { ...secrets[2], SecretID: 'NEW', SecretName: 'tok_v2' }
    expect(after).toEqual(expected)
    expect(before).toEqual(spec()) // the input is not modified
    expect(swapReferences(after, 'secret', { id: 'OLD', name: 'tok' }, { id: 'NEW', name: 'tok_v2' })).toBeNull()
  })

  it('swaps a config runtime reference', () => {
    const after = swapReferences(spec(), 'config', { id: 'OLD', name: 'conf' }, { id: 'NEW', name: 'conf_v2' }) as JsonObject
    expect(((after.TaskTemplate as JsonObject).ContainerSpec as JsonObject).Configs).toEqual([{ ConfigID: 'NEW', ConfigName: 'conf_v2', Runtime: {} }])
  })

  it('sets the update order only when it differs', () => {
    expect(withUpdateOrder(spec(), 'start-first')?.UpdateConfig).toEqual({ Parallelism: 1, Order: 'start-first' })
    expect(withUpdateOrder(spec(), 'stop-first')).toBeNull()
    expect(withUpdateOrder({}, 'start-first')?.UpdateConfig).toEqual({ Order: 'start-first' })
  })
})

describe('the before-exec mount', () => {
  const NEW = { id: 'NEW', name: 'tok_v2' }
  it('adds the new version at its own target, root-owned and readable, once', () => {
    const mounted = withStepMount(spec(), 'secret', NEW, 'tok_v2') as JsonObject
    expect(referencesTo(mounted, 'secret', 'NEW')).toEqual([{ target: 'tok_v2', uid: '0', gid: '0', mode: 0o444 }])
    expect(countReferences(mounted, 'secret', 'OLD')).toBe(2)
    expect(hasStepMount(mounted, 'secret', 'NEW', 'tok_v2')).toBe(true)
    expect(withStepMount(mounted, 'secret', NEW, 'tok_v2')).toBeNull()
    expect(hasStepMount(spec(), 'secret', 'NEW', 'tok_v2')).toBe(false)
  })
  it('mounts into a service that has no secrets at all', () => {
    const bare: JsonObject = { Name: 'db', TaskTemplate: { ContainerSpec: { Image: 'img' } } }
    expect(referencesTo(withStepMount(bare, 'config', NEW, '/tok_v2') as JsonObject, 'config', 'NEW')).toEqual([{ target: '/tok_v2', uid: '0', gid: '0', mode: 0o444 }])
  })
  it('removes only that reference: the swapped one at the usual target stays', () => {
    const mounted = withStepMount(spec(), 'secret', NEW, 'tok_v2') as JsonObject
    const swapped = swapReferences(mounted, 'secret', { id: 'OLD', name: 'tok' }, NEW) as JsonObject
    const done = withoutStepMount(swapped, 'secret', 'NEW', 'tok_v2') as JsonObject
    expect(referencesTo(done, 'secret', 'NEW').map((r) => r.target)).toEqual(['tok', '/etc/tok'])
    expect(withoutStepMount(done, 'secret', 'NEW', 'tok_v2')).toBeNull()
    expect(done.Labels).toEqual({ keep: 'me' })
  })
})
