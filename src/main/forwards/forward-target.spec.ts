import { describe, expect, it } from 'vitest'
import { addressCandidates, forwardCli, taskLabel } from './forward-target'

const container = (networks: Record<string, string>) => ({ NetworkSettings: { Networks: Object.fromEntries(Object.entries(networks).map(([name, IPAddress]) => [name, { IPAddress }])) } })

describe('addressCandidates', () => {
  it.each<[string, ReturnType<typeof container>, Record<string, { IPv4Address?: string }> | null, string[]]>([
    ['a task without networks: its bridge address', container({ bridge: '172.17.0.3' }), null, ['172.17.0.3']],
    ['an overlay task: the gateway bridge first, the overlay next', container({ shop_net: '10.0.1.5' }), { c1: { IPv4Address: '172.18.0.4/16' } }, ['172.18.0.4', '10.0.1.5']],
    ['the routing mesh last', container({ ingress: '10.0.0.7', shop_net: '10.0.1.5' }), { c1: { IPv4Address: '172.18.0.4/16' } }, ['172.18.0.4', '10.0.1.5', '10.0.0.7']],
    ['another container on the gateway bridge is not ours', container({ bridge: '172.17.0.3' }), { other: { IPv4Address: '172.18.0.9/16' } }, ['172.17.0.3']],
    ['no address at all (host network, none)', container({ host: '' }), null, []],
    ['duplicates once', container({ bridge: '172.17.0.3', other: '172.17.0.3' }), null, ['172.17.0.3']]
  ])('%s', (_, inspected, gateway, expected) => {
    expect(addressCandidates(inspected, gateway ? { Containers: gateway } : null, 'c1')).toEqual(expected)
  })

  it('copes with a container the engine describes without networks', () => {
    expect(addressCandidates({}, null, 'c1')).toEqual([])
    expect(addressCandidates({ NetworkSettings: { Networks: null } }, { Containers: null }, 'c1')).toEqual([])
  })
})

describe('forwardCli and taskLabel', () => {
  it('writes the ssh -L a user would type', () => {
    expect(forwardCli('ssh -J root@10.77.0.11 root@10.77.0.22', 8080, '172.17.0.3', 80)).toBe('ssh -J root@10.77.0.11 root@10.77.0.22 -N -L 8080:172.17.0.3:80')
  })
  it('names a task by its slot, a global one by its node', () => {
    expect(taskLabel('web', 1, 'worker2')).toBe('web.1')
    expect(taskLabel('agent', null, 'worker2')).toBe('agent @ worker2')
  })
})
