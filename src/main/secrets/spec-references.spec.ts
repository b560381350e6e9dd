import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../docker/live-shapes'
import { countReferences, referencesTo, swapReferences, withUpdateOrder } from './spec-references'

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
