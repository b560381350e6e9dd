import { describe, expect, it } from 'vitest'
import type { Network } from '../../shared/domain'
import { networkCreateCli, type NetworkDraft } from '../../shared/networks'
import { cidrsOverlap, formatIpv4, networkCreateBody, parseCidr, parseIpv4, planNetworkDraft } from './network-draft'

const draft = (extra: Partial<NetworkDraft> = {}): NetworkDraft => ({ name: 'h5net', attachable: false, internal: false, encrypted: false, subnet: '', gateway: '', labels: [], ...extra })

function network(name: string, subnets: string[]): Network {
  return { id: `${name}-id-0123456789`, name, driver: 'overlay', scope: 'swarm', attachable: false, ingress: false, internal: false, subnets, labels: {}, stack: null, createdAt: '' }
}
const existing = [network('ingress', ['10.0.0.0/24']), network('app_default', ['10.0.1.0/24']), network('h5used', ['10.200.8.0/22'])]

/** The problems as `field code` (and the row for labels), with their parameters. */
const codes = (d: NetworkDraft) => planNetworkDraft(d, existing).map((p) => ({ at: p.index === undefined ? p.field : `${p.field}.${p.index}`, code: p.code, severity: p.severity, params: p.params }))

describe('IPv4 parsing', () => {
  it.each([
    ['10.200.1.0', 0x0ac80100],
    ['255.255.255.255', 0xffffffff],
    ['0.0.0.0', 0],
    ['10.200.1', null],
    ['10.200.1.256', null],
    ['10.200.01.0', null],
    ['10.200.1.x', null],
    ['fd00::1', null]
  ])('%s', (text, value) => expect(parseIpv4(text)).toBe(value))
  it('formats back', () => expect(formatIpv4(0x0ac80105)).toBe('10.200.1.5'))
  it.each([
    ['10.200.1.0/24', { network: 0x0ac80100, prefix: 24 }],
    ['10.200.1.5/24', { network: 0x0ac80100, prefix: 24 }],
    ['10.200.1.5/32', { network: 0x0ac80105, prefix: 32 }],
    ['0.0.0.0/0', { network: 0, prefix: 0 }],
    ['10.200.1.0/33', null],
    ['10.200.1.0', null],
    ['10.200.1.0/', null]
  ])('CIDR %s', (text, expected) => {
    const cidr = parseCidr(text)
    expect(cidr === null ? null : { network: cidr.network, prefix: cidr.prefix }).toEqual(expected)
  })
  it.each([
    ['10.200.0.0/16', '10.200.8.0/24', true],
    ['10.200.8.0/24', '10.200.0.0/16', true],
    ['10.200.1.0/24', '10.200.2.0/24', false],
    ['10.200.11.0/24', '10.200.8.0/22', true],
    ['10.200.12.0/24', '10.200.8.0/22', false]
  ])('%s overlaps %s: %s', (a, b, overlap) => expect(cidrsOverlap(parseCidr(a)!, parseCidr(b)!)).toBe(overlap))
})

describe('planNetworkDraft', () => {
  it.each<[string, Partial<NetworkDraft>, ReturnType<typeof codes>]>([
    ['a plain name', {}, []],
    ['a subnet and a gateway inside it', { subnet: '10.200.1.0/24', gateway: '10.200.1.1' }, []],
    ['an empty name', { name: '  ' }, [{ at: 'name', code: 'name-required', severity: 'error', params: {} }]],
    ['a dot in the name (not a DNS label)', { name: 'h5.net' }, [{ at: 'name', code: 'name-invalid', severity: 'error', params: { name: 'h5.net' } }]],
    ['a trailing dash', { name: 'h5-' }, [{ at: 'name', code: 'name-invalid', severity: 'error', params: { name: 'h5-' } }]],
    ['64 characters', { name: 'a'.repeat(64) }, [{ at: 'name', code: 'name-too-long', severity: 'error', params: { max: 63, length: 64 } }]],
    ['a name taken by another swarm network', { name: 'app_default' }, [{ at: 'name', code: 'name-taken', severity: 'error', params: { name: 'app_default', id: 'app_default-' } }]],
    ['a subnet that is not a CIDR', { subnet: '10.200.1.0/40' }, [{ at: 'subnet', code: 'subnet-invalid', severity: 'error', params: { subnet: '10.200.1.0/40' } }]],
    ['a subnet written without its prefix', { subnet: '10.200.1.0' }, [{ at: 'subnet', code: 'subnet-invalid', severity: 'error', params: { subnet: '10.200.1.0' } }]],
    ['host bits in the subnet', { subnet: '10.200.1.5/24' }, [{ at: 'subnet', code: 'subnet-host-bits', severity: 'error', params: { subnet: '10.200.1.5/24', fixed: '10.200.1.0/24' } }]],
    [
      'a subnet inside another network\'s',
      { subnet: '10.200.9.0/24' },
      [{ at: 'subnet', code: 'subnet-overlap', severity: 'error', params: { subnet: '10.200.9.0/24', network: 'h5used', other: '10.200.8.0/22' } }]
    ],
    ['a very small subnet (a warning only)', { subnet: '10.200.1.0/29' }, [{ at: 'subnet', code: 'subnet-small', severity: 'warning', params: { subnet: '10.200.1.0/29', usable: 5 } }]],
    ['a gateway that is not an address', { subnet: '10.200.1.0/24', gateway: '10.200.1' }, [{ at: 'gateway', code: 'gateway-invalid', severity: 'error', params: { gateway: '10.200.1' } }]],
    ['a gateway without a subnet', { gateway: '10.200.1.1' }, [{ at: 'gateway', code: 'gateway-needs-subnet', severity: 'error', params: { gateway: '10.200.1.1' } }]],
    [
      'a gateway outside the subnet',
      { subnet: '10.200.1.0/24', gateway: '10.200.2.1' },
      [{ at: 'gateway', code: 'gateway-outside-subnet', severity: 'error', params: { gateway: '10.200.2.1', subnet: '10.200.1.0/24' } }]
    ],
    [
      'the broadcast address as gateway',
      { subnet: '10.200.1.0/24', gateway: '10.200.1.255' },
      [{ at: 'gateway', code: 'gateway-reserved', severity: 'error', params: { gateway: '10.200.1.255', subnet: '10.200.1.0/24', which: 'broadcast' } }]
    ],
    [
      'the network address as gateway',
      { subnet: '10.200.1.0/24', gateway: '10.200.1.0' },
      [{ at: 'gateway', code: 'gateway-reserved', severity: 'error', params: { gateway: '10.200.1.0', subnet: '10.200.1.0/24', which: 'network' } }]
    ],
    [
      'label keys: empty, with =, duplicated',
      { labels: [{ key: '', value: 'x' }, { key: 'a=b', value: '' }, { key: 'team', value: 'a' }, { key: ' team ', value: 'b' }] },
      [
        { at: 'labels.0', code: 'label-key-empty', severity: 'error', params: {} },
        { at: 'labels.1', code: 'label-key-invalid', severity: 'error', params: { key: 'a=b' } },
        { at: 'labels.3', code: 'label-key-duplicate', severity: 'error', params: { key: 'team' } }
      ]
    ]
  ])('%s', (_name, extra, expected) => expect(codes(draft(extra))).toEqual(expected))
})

describe('what create sends, and its CLI equivalent', () => {
  it('a full draft', () => {
    const full = draft({ attachable: true, internal: true, encrypted: true, subnet: '10.200.1.0/24', gateway: '10.200.1.1', labels: [{ key: 'team', value: 'web ops' }] })
    expect(networkCreateBody(full)).toEqual({
      Name: 'h5net',
      Driver: 'overlay',
      Attachable: true,
      Internal: true,
      Labels: { team: 'web ops' },
      Options: { encrypted: '' },
      IPAM: { Driver: 'default', Config: [{ Subnet: '10.200.1.0/24', Gateway: '10.200.1.1' }] }
    })
    expect(networkCreateCli(full)).toBe(
      "docker network create --driver overlay --attachable --internal --label 'team=web ops' --opt encrypted --subnet 10.200.1.0/24 --gateway 10.200.1.1 h5net"
    )
  })
  it('a bare draft lets the swarm pick the subnet', () => {
    expect(networkCreateBody(draft())).toEqual({ Name: 'h5net', Driver: 'overlay', Attachable: false, Internal: false, Labels: {}, Options: {} })
    expect(networkCreateCli(draft())).toBe('docker network create --driver overlay h5net')
    expect(networkCreateCli(draft({ name: '' }))).toBe('docker network create --driver overlay NAME')
  })
})
