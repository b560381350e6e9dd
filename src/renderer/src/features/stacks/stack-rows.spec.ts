import { describe, expect, it } from 'vitest'
import type { Network, Secret, Service } from '../../../../shared/domain'
import type { StackSummary } from '../../../../shared/stacks'
import { filterRows, stackNamesKey, stackObjects, stackRows, type StackCollections } from './stack-rows'

const service = (id: string, name: string, stack: string | null, running: number, desired: number): Service =>
  ({ id, name, stack, runningTasks: running, desiredTasks: desired }) as unknown as Service
const network = (id: string, name: string, stack: string | null): Network => ({ id, name, stack }) as unknown as Network
const secret = (id: string, name: string, stack: string | null): Secret => ({ id, name, stack }) as unknown as Secret

const model: StackCollections = {
  services: {
    a: service('a', 'shop_web', 'shop', 2, 2),
    b: service('b', 'shop_db', 'shop', 0, 1),
    c: service('c', 'cli_app', 'cli', 1, 1),
    d: service('d', 'loose', null, 1, 1)
  },
  networks: { n1: network('n1', 'shop_default', 'shop'), n2: network('n2', 'ingress', null), n3: network('n3', 'old_default', 'old') },
  secrets: { s1: secret('s1', 'shop_token', 'shop') },
  configs: { c1: secret('c1', 'shop_conf', 'shop'), c2: secret('c2', 'shop_conf2', 'shop') }
}

const summary = (name: string, deployedAt: string | null): StackSummary => ({ name, services: 9, runningTasks: 9, desiredTasks: 9, networks: 9, secrets: 9, configs: 9, deployedAt })

describe('stackRows', () => {
  it('counts live objects per stack, CLI-made and leftovers included, with the deploy time from main', () => {
    expect(stackRows(model, [summary('shop', '2025-01-01T00:00:00Z')])).toEqual([
      { name: 'cli', services: 1, runningTasks: 1, desiredTasks: 1, networks: 0, secrets: 0, configs: 0, deployedAt: null },
      { name: 'old', services: 0, runningTasks: 0, desiredTasks: 0, networks: 1, secrets: 0, configs: 0, deployedAt: null },
      { name: 'shop', services: 2, runningTasks: 2, desiredTasks: 3, networks: 1, secrets: 1, configs: 2, deployedAt: '2025-01-01T00:00:00Z' }
    ])
  })
  it('uses main list alone while there is no mirror', () => {
    expect(stackRows(null, [summary('x', null)])).toEqual([summary('x', null)])
    expect(stackRows(null, null)).toEqual([])
  })
  it('ignores main counts when the mirror is there (a stack main listed but gone from the mirror is gone)', () => {
    expect(stackRows(model, [summary('gone', null)]).map((r) => r.name)).toEqual(['cli', 'old', 'shop'])
  })
})

describe('stackObjects', () => {
  it('lists them in removal order, by name', () => {
    const o = stackObjects(model, 'shop')
    expect([o.services, o.secrets, o.configs, o.networks].map((xs) => xs.map((x) => x.name))).toEqual([['shop_db', 'shop_web'], ['shop_token'], ['shop_conf', 'shop_conf2'], ['shop_default']])
    expect(stackObjects(null, 'shop')).toEqual({ services: [], secrets: [], configs: [], networks: [] })
  })
})

describe('helpers', () => {
  it('stackNamesKey', () => {
    expect(stackNamesKey(model.services)).toBe('cli\nshop')
    expect(stackNamesKey(null)).toBe('')
  })
  it.each([
    ['', ['cli', 'old', 'shop']],
    ['SH', ['shop']],
    ['o l', ['old']]
  ])('filterRows(%j)', (filter, names) => {
    expect(filterRows(stackRows(model, null), filter).map((r) => r.name)).toEqual(names)
  })
})
