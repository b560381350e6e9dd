import { describe, expect, it } from 'vitest'
import type { Network, Service } from '../../../../shared/domain'
import type { NetworkProblem } from '../../../../shared/networks'
import { networkRows, problemsFor, rowMatches } from './network-rows'

const network = (id: string, extra: Partial<Network> = {}): Network => ({
  id, name: id, driver: 'overlay', scope: 'swarm', attachable: false, ingress: false, internal: false, subnets: [], labels: {}, stack: null, createdAt: '', ...extra
})
const service = (name: string, networks: string[]) => ({ id: `${name}-id`, name, ports: [], networks: networks.map((target) => ({ target, aliases: [] })) }) as unknown as Service

describe('networkRows', () => {
  const rows = networkRows(
    [network('n1', { name: 'shop_backend', stack: 'shop', subnets: ['10.200.1.0/24'], options: { encrypted: '' } }), network('n2', { name: 'free' })],
    [service('shop_api', ['n1']), service('shop_db', ['n1']), service('other', ['n3'])]
  )
  it('attaches the services and reads the encrypted option', () => {
    expect(rows.map((r) => ({ name: r.network.name, services: r.services.map((s) => s.name), encrypted: r.encrypted }))).toEqual([
      { name: 'shop_backend', services: ['shop_api', 'shop_db'], encrypted: true },
      { name: 'free', services: [], encrypted: false }
    ])
  })
  it.each([
    ['', ['shop_backend', 'free']],
    ['shop', ['shop_backend']],
    ['10.200.1', ['shop_backend']],
    ['api', ['shop_backend']],
    ['FREE', ['free']],
    ['shop free', []]
  ])('filter %j', (filter, names) => expect(rows.filter((r) => rowMatches(r, filter)).map((r) => r.network.name)).toEqual(names))
})

describe('problemsFor', () => {
  const problems: NetworkProblem[] = [
    { field: 'subnet', code: 'subnet-small', severity: 'warning', params: {} },
    { field: 'subnet', code: 'subnet-overlap', severity: 'error', params: {} },
    { field: 'labels', code: 'label-key-empty', severity: 'error', index: 1, params: {} }
  ]
  it('puts errors before warnings', () => expect(problemsFor(problems, 'subnet').map((p) => p.code)).toEqual(['subnet-overlap', 'subnet-small']))
  it('picks one label row', () => {
    expect(problemsFor(problems, 'labels', 1).map((p) => p.code)).toEqual(['label-key-empty'])
    expect(problemsFor(problems, 'labels', 0)).toEqual([])
  })
})
