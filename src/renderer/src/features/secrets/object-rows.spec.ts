import { describe, expect, it } from 'vitest'
import type { ObjectReference, Secret, Service } from '../../../../shared/domain'
import { consumersOf, ROTATED_FROM_LABEL, ROTATION_ID_LABEL, VALUE_HMAC_KEY_LABEL, VALUE_HMAC_LABEL } from '../../../../shared/secrets'
import { consumerIndex, consumerSummary, filterObjectRows, objectRows, splitLabels } from './object-rows'

const ref = (id: string, target: string | null, mode = 0o444): ObjectReference => ({ id, name: `name-${id}`, target, uid: '0', gid: '0', mode })
const service = (id: string, name: string, secrets: ObjectReference[], configs: ObjectReference[] = [], stack: string | null = null) =>
  ({ id, name, stack, secrets, configs }) as Pick<Service, 'id' | 'name' | 'stack' | 'secrets' | 'configs'>
const object = (id: string, name: string, labels: Record<string, string> = {}, stack: string | null = null): Secret => ({
  id,
  version: 1,
  name,
  labels,
  stack,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z'
})

const services = [
  service('s3', 'web', [ref('a', 'db_password'), ref('a', 'copy', 0o400), ref('b', 'api_key')]),
  service('s1', 'api', [ref('a', 'db_password')], [ref('c', '/etc/app.conf')]),
  service('s2', 'worker', [], [ref('c', null)], 'shop')
]

describe('splitLabels', () => {
  it.each([
    [{}, [], {}],
    [{ team: 'core', env: 'prod' }, [['env', 'prod'], ['team', 'core']], {}],
    [
      { [ROTATED_FROM_LABEL]: 'db', [ROTATION_ID_LABEL]: 'r1', [VALUE_HMAC_LABEL]: 'ab', [VALUE_HMAC_KEY_LABEL]: 'cd', 'com.docker.stack.namespace': 'shop' },
      [['com.docker.stack.namespace', 'shop']],
      { [ROTATED_FROM_LABEL]: 'db', [ROTATION_ID_LABEL]: 'r1', [VALUE_HMAC_LABEL]: 'ab', [VALUE_HMAC_KEY_LABEL]: 'cd' }
    ]
  ])('%j', (labels, user, swarmDesk) => {
    expect(splitLabels(labels)).toEqual({ user, swarmDesk })
  })
})

describe('consumerIndex', () => {
  it.each([
    ['secret', 'a'],
    ['secret', 'b'],
    ['config', 'c'],
    ['secret', 'nobody']
  ] as const)('gives the same rows as the contract’s consumersOf for %s %s', (kind, id) => {
    expect(consumerIndex(kind, services).get(id) ?? []).toEqual(consumersOf(kind, id, services as Service[]))
  })

  it('keeps one row per reference: web mounts a twice', () => {
    const rows = consumerIndex('secret', services).get('a') ?? []
    expect(rows.map((r) => `${r.serviceName}:${r.target}:${r.mode.toString(8)}`)).toEqual(['api:db_password:444', 'web:copy:400', 'web:db_password:444'])
  })
})

describe('objectRows', () => {
  const rows = objectRows(
    'secret',
    [object('b', 'api_key'), object('a', 'db_password_v2', { team: 'core', [ROTATED_FROM_LABEL]: 'db_password' }), object('z', 'unused', {}, 'shop')],
    services
  )

  it('sorts by name and counts distinct services', () => {
    expect(rows.map((r) => [r.name, r.consumers.length, r.serviceCount])).toEqual([
      ['api_key', 1, 1],
      ['db_password_v2', 3, 2],
      ['unused', 0, 0]
    ])
  })

  it('sets SwarmDesk’s labels apart and says what the object was rotated from', () => {
    const rotated = rows[1]
    expect(rotated.labels).toEqual([['team', 'core']])
    expect(rotated.rotatedFrom).toBe('db_password')
    expect(rows[0].rotatedFrom).toBeNull()
    expect(rows[2].stack).toBe('shop')
  })

  it('names each consuming service once', () => {
    expect(consumerSummary(rows[1].consumers)).toBe('api, web')
  })
})

describe('filterObjectRows', () => {
  const rows = objectRows('secret', [object('a', 'db_password'), object('b', 'API_key'), object('c', 'tls', {}, 'shop')], [])
  it.each([
    ['', ['API_key', 'db_password', 'tls']],
    ['  ', ['API_key', 'db_password', 'tls']],
    ['api', ['API_key']],
    ['PASS', ['db_password']],
    ['shop', ['tls']],
    ['nothing', []]
  ])('%j', (filter, names) => {
    expect(filterObjectRows(rows, filter).map((r) => r.name)).toEqual(names)
  })
})
