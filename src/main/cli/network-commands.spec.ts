import { describe, expect, it } from 'vitest'
import type { Network, Service } from '../../shared/domain'
import { networkProblemCodes, type NetworkProblem } from '../../shared/networks'
import { clusterVolumeTable, draftFromFlags, networkProblemText, networkTable } from './network-commands'

describe('draftFromFlags', () => {
  it('reads the docker network create flags', () => {
    expect(draftFromFlags('backend', { attachable: true, subnet: '10.200.1.0/24', gateway: '10.200.1.1', label: ['team=web ops', 'bare', 'k=v=w'] })).toEqual({
      name: 'backend',
      attachable: true,
      internal: false,
      encrypted: false,
      subnet: '10.200.1.0/24',
      gateway: '10.200.1.1',
      labels: [
        { key: 'team', value: 'web ops' },
        { key: 'bare', value: '' },
        { key: 'k', value: 'v=w' }
      ]
    })
  })
})

describe('networkProblemText', () => {
  const params = { name: 'a.b', max: 63, length: 70, id: 'abc', subnet: '10.200.1.5/24', fixed: '10.200.1.0/24', network: 'other', other: '10.200.0.0/16', usable: 5, gateway: '10.200.2.1', which: 'broadcast', key: 'a b' }
  it.each([...networkProblemCodes])('words %s in English with its values', (code) => {
    const text = networkProblemText({ field: 'name', code, severity: 'error', params } as NetworkProblem)
    expect(text.length).toBeGreaterThan(10)
    expect(text).not.toMatch(/undefined/)
  })
  it.each<[NetworkProblem, string]>([
    [{ field: 'subnet', code: 'subnet-host-bits', severity: 'error', params: { subnet: '10.200.1.5/24', fixed: '10.200.1.0/24' } }, '10.200.1.5/24 has host bits set: the subnet is 10.200.1.0/24'],
    [{ field: 'subnet', code: 'subnet-overlap', severity: 'error', params: { subnet: '10.200.9.0/24', network: 'shop', other: '10.200.8.0/22' } }, '10.200.9.0/24 overlaps 10.200.8.0/22, the subnet of network shop'],
    [{ field: 'gateway', code: 'gateway-outside-subnet', severity: 'error', params: { gateway: '10.200.2.1', subnet: '10.200.1.0/24' } }, '10.200.2.1 is not inside 10.200.1.0/24'],
    [{ field: 'gateway', code: 'gateway-reserved', severity: 'error', params: { gateway: '10.200.1.0', which: 'network', subnet: '10.200.1.0/24' } }, '10.200.1.0 is the network address of 10.200.1.0/24'],
    [{ field: 'name', code: 'name-invalid', severity: 'error', params: { name: 'a.b' } }, '"a.b" is not a valid name: letters and digits, with - or _ only between them'],
    [{ field: 'labels', code: 'label-key-invalid', severity: 'error', index: 0, params: { key: 'a b' } }, '"a b" cannot be a label key (no spaces, no "=")'],
    [{ field: 'name', code: 'name-required', severity: 'error', params: {} }, 'give the network a name']
  ])('%j', (problem, text) => expect(networkProblemText(problem)).toBe(text))
})

describe('networkTable', () => {
  it('lists networks by name with their subnets and the services on them', () => {
    const networks = [
      { id: 'bbbbbbbbbbbbbbbb', name: 'shop_backend', driver: 'overlay', scope: 'swarm', ingress: false, subnets: ['10.200.1.0/24'] },
      { id: 'aaaaaaaaaaaaaaaa', name: 'ingress', driver: 'overlay', scope: 'swarm', ingress: true, subnets: ['10.0.0.0/24'] }
    ] as Network[]
    const services = [{ id: 's', name: 'shop_api', ports: [], networks: [{ target: 'bbbbbbbbbbbbbbbb', aliases: [] }] }] as unknown as Service[]
    expect(networkTable(networks, services).split('\n')).toEqual([
      'NETWORK ID     NAME           DRIVER    SCOPE   SUBNETS         SERVICES',
      'aaaaaaaaaaaa   ingress        overlay   swarm   10.0.0.0/24     -',
      'bbbbbbbbbbbb   shop_backend   overlay   swarm   10.200.1.0/24   shop_api',
      ''
    ])
  })
})

describe('clusterVolumeTable', () => {
  it('has a row per volume and node, and one with - for a volume no task uses now', () => {
    expect(
      clusterVolumeTable([
        { name: 'dbdata', driver: 'local', services: ['db'], nodes: [{ nodeId: 'n1', hostname: 'worker1', services: ['db'] }, { nodeId: 'n2', hostname: 'worker2', services: ['db'] }], perNodeCopies: true },
        { name: 'idle', driver: 'local', services: ['batch'], nodes: [], perNodeCopies: false }
      ]).split('\n')
    ).toEqual(['VOLUME   DRIVER   NODE      SERVICES', 'dbdata   local    worker1   db', 'dbdata   local    worker2   db', 'idle     local    -         batch', ''])
  })
})
