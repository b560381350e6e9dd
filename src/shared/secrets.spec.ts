import { describe, expect, it } from 'vitest'
import { consumersOf, formatMode, nextVersionName, objectNameProblem, versionBaseOf } from './secrets'
import type { Service } from './domain'

const ref = (id: string, name: string, target: string | null, mode = 0o444) => ({ id, name, target, uid: '0', gid: '0', mode })
const service = (id: string, name: string, stack: string | null, secrets: ReturnType<typeof ref>[], configs: ReturnType<typeof ref>[] = []) =>
  ({ id, name, stack, secrets, configs }) as Pick<Service, 'id' | 'name' | 'stack' | 'secrets' | 'configs'>

describe('consumersOf', () => {
  const services = [
    service('s2', 'web', null, [ref('x', 'tok', 'tok'), ref('x', 'tok', '/etc/app/tok', 0o400)]),
    service('s1', 'api', 'shop', [ref('x', 'tok', 'app_token')], [ref('x', 'same-id-other-kind', 'conf')]),
    service('s3', 'db', null, [ref('y', 'other', 'tok')])
  ]
  it('lists one row per reference, by service name then target, with owner and mode', () => {
    expect(consumersOf('secret', 'x', services)).toEqual([
      { serviceId: 's1', serviceName: 'api', stack: 'shop', target: 'app_token', uid: '0', gid: '0', mode: 0o444 },
      { serviceId: 's2', serviceName: 'web', stack: null, target: '/etc/app/tok', uid: '0', gid: '0', mode: 0o400 },
      { serviceId: 's2', serviceName: 'web', stack: null, target: 'tok', uid: '0', gid: '0', mode: 0o444 }
    ])
  })
  it('looks only at the references of the kind asked', () => {
    expect(consumersOf('config', 'x', services).map((c) => c.serviceName)).toEqual(['api'])
    expect(consumersOf('secret', 'nobody', services)).toEqual([])
  })
})

describe('nextVersionName', () => {
  const cases: [string, string[], string | null][] = [
    ['db_password', [], 'db_password_v2'],
    ['db_password', ['db_password_v2'], 'db_password_v3'],
    ['db_password_v2', [], 'db_password_v3'],
    ['db_password_v9', ['db_password_v10', 'db_password_v11'], 'db_password_v12'],
    ['shop_tok_v1', [], 'shop_tok_v2'],
    // `_v` alone or `v2` without the underscore are not version suffixes
    ['tok_v', [], 'tok_v_v2'],
    ['tokv2', [], 'tokv2_v2'],
    ['_v3', [], '_v3_v2'],
    ['a'.repeat(61), [], 'a'.repeat(61) + '_v2'],
    ['a'.repeat(62), [], null],
    ['a'.repeat(61) + '_v9', [], null]
  ]
  for (const [name, existing, expected] of cases) {
    it(`${name.length > 20 ? `${name.length} characters` : name}${existing.length ? ` with ${existing.join(', ')}` : ''} -> ${expected}`, () => {
      expect(nextVersionName(name, existing)).toBe(expected)
    })
  }
  it('splits the base and the version', () => {
    expect(versionBaseOf('x_v12')).toEqual({ base: 'x', version: 12 })
    expect(versionBaseOf('x')).toEqual({ base: 'x', version: null })
  })
})

describe('objectNameProblem (swarmkit rules)', () => {
  const cases: [string, boolean][] = [
    ['db_password', true],
    ['a', true],
    ['A.b-c_d9', true],
    ['', false],
    ['-lead', false],
    ['trail.', false],
    ['has space', false],
    ['slash/no', false],
    ['é', false],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false]
  ]
  for (const [name, ok] of cases) {
    it(`${JSON.stringify(name.length > 20 ? `${name.length} chars` : name)} ${ok ? 'accepted' : 'refused'}`, () => {
      expect(objectNameProblem(name) === null).toBe(ok)
    })
  }
})

describe('formatMode', () => {
  it('prints octal like the docker CLI', () => {
    expect(formatMode(0o444)).toBe('0444')
    expect(formatMode(0o400)).toBe('0400')
    expect(formatMode(0o7)).toBe('0007')
  })
})
