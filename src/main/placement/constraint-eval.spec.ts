import { describe, expect, it } from 'vitest'
import { parseConstraint, type Constraint } from './constraint-parser'
import { english } from '../i18n/english'
import { explainMismatch, matchesAll, matchesConstraint, networkContains, normaliseArch, parseIp, parseIpOrCidr, type ConstraintSubject } from './constraint-eval'

function constraint(expression: string): Constraint {
  const result = parseConstraint(expression)
  if ('error' in result) throw new Error(result.error.message)
  return result.constraint
}

const node: ConstraintSubject = {
  id: 'n1abc',
  hostname: 'web-1',
  address: '10.0.0.5',
  role: 'worker',
  os: 'linux',
  arch: 'x86_64',
  labels: { zone: 'east', ssd: 'true', empty: '', 'com.example.tier': 'Front' },
  engineLabels: { storage: 'ssd' }
}

describe('matchesConstraint (swarmkit NodeMatches)', () => {
  const cases: [string, boolean][] = [
    ['node.id == n1abc', true],
    ['node.id == N1ABC', true],
    ['node.id != n1abc', false],
    ['node.hostname == web-1', true],
    ['node.hostname == WEB-1', true],
    ['node.hostname == web', false],
    // No wildcard, no prefix match.
    ['node.hostname == web*', false],
    ['node.hostname != web*', true],
    ['node.role == worker', true],
    ['node.role == WORKER', true],
    ['node.role == manager', false],
    ['node.role != manager', true],
    ['node.platform.os == linux', true],
    ['node.platform.os == windows', false],
    // Constraints compare the engine's raw architecture: no amd64 normalisation here.
    ['node.platform.arch == x86_64', true],
    ['node.platform.arch == amd64', false],
    ['node.platform.arch != amd64', true],
    ['node.labels.zone == east', true],
    ['node.labels.zone == EAST', true],
    ['node.labels.zone == west', false],
    ['node.labels.zone != west', true],
    // Label keys are case-sensitive: Zone is another (missing) label.
    ['node.labels.Zone == east', false],
    ['node.labels.Zone != east', true],
    ['NODE.LABELS.zone == east', true],
    // A missing label is "": == fails, != passes.
    ['node.labels.gpu == true', false],
    ['node.labels.gpu != true', true],
    // A label set to "" behaves like a missing one.
    ['node.labels.empty != x', true],
    ['node.labels.com.example.tier == front', true],
    ['engine.labels.storage == ssd', true],
    ['engine.labels.storage != ssd', false],
    ['engine.labels.missing != x', true],
    // Unknown keys match no node, whatever the operator.
    ['labels.zone == east', false],
    ['labels.zone != east', false],
    ['node.labels. == x', false],
    // node.ip: an address or a CIDR.
    ['node.ip == 10.0.0.5', true],
    ['node.ip != 10.0.0.5', false],
    ['node.ip == 10.0.0.6', false],
    ['node.ip == 10.0.0.0/24', true],
    ['node.ip == 10.0.1.0/24', false],
    ['node.ip != 10.0.1.0/24', true],
    ['node.ip == 10.0.0.0/8', true],
    ['node.ip == 0.0.0.0/0', true],
    ['node.ip == ::ffff:10.0.0.5', true],
    // An IPv6 network never contains an IPv4 address (Go).
    ['node.ip == ::/0', false],
    // A value that is neither address nor network rejects every node.
    ['node.ip == web', false],
    ['node.ip != web', false],
    ['node.ip == 10.0.0.256', false],
    ['node.ip != 10.0.0.256', false]
  ]
  for (const [expression, expected] of cases) {
    it(`${expression} -> ${expected}`, () => {
      expect(matchesConstraint(constraint(expression), node)).toBe(expected)
    })
  }

  it('a node without an address fails node.ip == and passes node.ip !=', () => {
    const bare = { ...node, address: '' }
    expect(matchesConstraint(constraint('node.ip == 10.0.0.0/8'), bare)).toBe(false)
    expect(matchesConstraint(constraint('node.ip != 10.0.0.0/8'), bare)).toBe(true)
  })

  it('folds the Kelvin sign like Go', () => {
    expect(matchesConstraint(constraint('node.labels.zone == \u212Aube'), { ...node, labels: { zone: 'kube' } })).toBe(true)
    expect(matchesConstraint(constraint('node.labels.zone == kube'), { ...node, labels: { zone: '\u212Aube' } })).toBe(true)
  })

  it('matchesAll ANDs the list', () => {
    expect(matchesAll([constraint('node.role==worker'), constraint('node.labels.zone==east')], node)).toBe(true)
    expect(matchesAll([constraint('node.role==worker'), constraint('node.labels.zone==west')], node)).toBe(false)
    expect(matchesAll([], node)).toBe(true)
  })
})

describe('explainMismatch', () => {
  const cases: [string, string][] = [
    ['node.labels.zone == west', 'node.labels.zone == west: node has zone=east'],
    ['node.labels.zone != east', 'node.labels.zone != east: node has zone=east'],
    ['node.labels.gpu == true', 'node.labels.gpu == true: label not set'],
    ['engine.labels.storage == hdd', 'engine.labels.storage == hdd: node has engine label storage=ssd'],
    ['engine.labels.gpu == yes', 'engine.labels.gpu == yes: engine label not set'],
    ['node.role == manager', 'node.role == manager: node is a worker'],
    ['node.hostname == db-1', 'node.hostname == db-1: node hostname is web-1'],
    ['node.id == zzz', 'node.id == zzz: node id is n1abc'],
    ['node.platform.os == windows', 'node.platform.os == windows: node os is linux'],
    ['node.platform.arch == amd64', "node.platform.arch == amd64: node arch is x86_64 (constraints compare the engine's x86_64 literally: write x86_64)"],
    ['node.platform.arch == arm64', 'node.platform.arch == arm64: node arch is x86_64'],
    ['node.ip == 10.1.0.0/16', 'node.ip == 10.1.0.0/16: node address is 10.0.0.5'],
    ['node.ip == web', "node.ip == web: 'web' is neither an IP address nor a CIDR, no node can match"],
    ['labels.zone == east', 'labels.zone == east: unknown key, no node can match']
  ]
  for (const [expression, message] of cases) {
    it(expression, () => {
      expect(english(explainMismatch(constraint(expression), node))).toBe(message)
    })
  }
})

describe('IP parsing (Go net.ParseIP / ParseCIDR)', () => {
  const ips: [string, boolean][] = [
    ['10.0.0.1', true],
    ['255.255.255.255', true],
    ['256.0.0.1', false],
    ['10.0.0', false],
    ['10.0.0.1.2', false],
    ['010.0.0.1', false],
    ['::', true],
    ['::1', true],
    ['2001:db8::2', true],
    ['1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    ['1:2:3:4:5:6:7::8', false],
    ['::ffff:1.2.3.4', true],
    ['1.2.3.4::', false],
    ['fe80::1%eth0', false],
    ['web', false],
    ['', false]
  ]
  for (const [text, ok] of ips) {
    it(`parseIp(${JSON.stringify(text)}) ${ok ? 'parses' : 'refuses'}`, () => {
      expect(parseIp(text) !== null).toBe(ok)
    })
  }

  it('parses CIDRs and tests containment', () => {
    const v4 = parseIpOrCidr('192.168.0.0/16')
    expect(v4?.kind).toBe('cidr')
    expect(networkContains(v4!, parseIp('192.168.44.1'))).toBe(true)
    expect(networkContains(v4!, parseIp('192.169.0.1'))).toBe(false)
    expect(networkContains(v4!, parseIp('::ffff:192.168.1.1'))).toBe(true)
    expect(parseIpOrCidr('10.0.0.0/33')).toBeNull()
    expect(parseIpOrCidr('10.0.0.0/x')).toBeNull()
    const v6 = parseIpOrCidr('2001:db8::/32')
    expect(networkContains(v6!, parseIp('2001:db8:1::5'))).toBe(true)
    expect(networkContains(v6!, parseIp('2001:db9::5'))).toBe(false)
    expect(networkContains(v6!, null)).toBe(false)
  })

  it('normaliseArch is the PlatformFilter normalisation', () => {
    expect(normaliseArch('x86_64')).toBe('amd64')
    expect(normaliseArch('aarch64')).toBe('arm64')
    expect(normaliseArch('armv7l')).toBe('armv7l')
    expect(normaliseArch('amd64')).toBe('amd64')
  })
})
