import type { Network } from '../../shared/domain'
import type { NetworkDraft, NetworkProblem } from '../../shared/networks'

/**
 * The overlay network create form, checked before anything is sent: the rules swarmkit applies
 * (a DNS-label name of at most 63 characters, unique), and the IPAM rules the engine would
 * apply late or not at all (a subnet overlapping another swarm network, a gateway outside its
 * subnet). Pure: draft and the swarm's networks in, problems out.
 */

/** swarmkit's controlapi isValidDNSName: letters and digits, with - or _ only between them. */
const DNS_LABEL = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/
const MAX_NAME = 63
/** Label keys as the engine accepts them in practice: no whitespace, no `=`. */
const LABEL_KEY = /^[^\s=]+$/
/** Fewer usable addresses than this and a few tasks fill it: each task, each service VIP and each node's load balancer takes one. */
const SMALL_PREFIX = 28

export interface Ipv4Cidr {
  /** The address as written, as a 32-bit unsigned number. */
  address: number
  prefix: number
  /** The network address (host bits cleared). */
  network: number
}

export function parseIpv4(text: string): number | null {
  const parts = text.split('.')
  if (parts.length !== 4) return null
  let value = 0
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null
    const n = Number(part)
    if (n > 255 || (part.length > 1 && part.startsWith('0'))) return null
    value = value * 256 + n
  }
  return value
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.')
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff - (2 ** (32 - prefix) - 1)) >>> 0
}

export function parseCidr(text: string): Ipv4Cidr | null {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text)
  if (!match) return null
  const address = parseIpv4(match[1])
  const prefix = Number(match[2])
  if (address === null || prefix > 32) return null
  return { address, prefix, network: (address & maskOf(prefix)) >>> 0 }
}

function cidrSize(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefix)
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network < b.network + cidrSize(b) && b.network < a.network + cidrSize(a)
}

function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`
}

export function planNetworkDraft(draft: NetworkDraft, existing: readonly Network[]): NetworkProblem[] {
  const problems: NetworkProblem[] = []
  const error = (field: NetworkProblem['field'], code: NetworkProblem['code'], params: NetworkProblem['params'] = {}, index?: number): void => {
    problems.push({ field, code, severity: 'error', params, ...(index === undefined ? {} : { index }) })
  }

  const name = draft.name.trim()
  if (!name) error('name', 'name-required')
  else if (name.length > MAX_NAME) error('name', 'name-too-long', { max: MAX_NAME, length: name.length })
  else if (!DNS_LABEL.test(name)) error('name', 'name-invalid', { name })
  else {
    // The engine refuses a second network of the same name (and names resolve to one network).
    const taken = existing.find((network) => network.name === name)
    if (taken) error('name', 'name-taken', { name, id: taken.id.slice(0, 12) })
  }

  const subnetText = draft.subnet.trim()
  const subnet = subnetText ? parseCidr(subnetText) : null
  if (subnetText && !subnet) error('subnet', 'subnet-invalid', { subnet: subnetText })
  if (subnet) {
    if (subnet.address !== subnet.network) error('subnet', 'subnet-host-bits', { subnet: subnetText, fixed: formatCidr(subnet) })
    else {
      for (const network of existing) {
        const clash = network.subnets.map(parseCidr).find((other): other is Ipv4Cidr => other !== null && cidrsOverlap(subnet, other))
        if (clash) {
          error('subnet', 'subnet-overlap', { subnet: subnetText, network: network.name, other: formatCidr(clash) })
          break
        }
      }
      if (subnet.prefix > SMALL_PREFIX) {
        problems.push({ field: 'subnet', code: 'subnet-small', severity: 'warning', params: { subnet: subnetText, usable: Math.max(0, cidrSize(subnet) - 3) } })
      }
    }
  }

  const gatewayText = draft.gateway.trim()
  if (gatewayText) {
    const gateway = parseIpv4(gatewayText)
    if (gateway === null) error('gateway', 'gateway-invalid', { gateway: gatewayText })
    else if (!subnetText) error('gateway', 'gateway-needs-subnet', { gateway: gatewayText })
    else if (subnet && subnet.address === subnet.network) {
      const last = subnet.network + cidrSize(subnet) - 1
      if (gateway < subnet.network || gateway > last) error('gateway', 'gateway-outside-subnet', { gateway: gatewayText, subnet: subnetText })
      else if (subnet.prefix < 31 && (gateway === subnet.network || gateway === last)) {
        error('gateway', 'gateway-reserved', { gateway: gatewayText, subnet: subnetText, which: gateway === subnet.network ? 'network' : 'broadcast' })
      }
    }
  }

  const seen = new Set<string>()
  draft.labels.forEach(({ key }, index) => {
    const trimmed = key.trim()
    if (!trimmed) error('labels', 'label-key-empty', {}, index)
    else if (!LABEL_KEY.test(trimmed)) error('labels', 'label-key-invalid', { key: trimmed }, index)
    else if (seen.has(trimmed)) error('labels', 'label-key-duplicate', { key: trimmed }, index)
    seen.add(trimmed)
  })
  return problems
}

/** The NetworkCreate body for a draft with no error. */
export function networkCreateBody(draft: NetworkDraft): Record<string, unknown> {
  const subnet = draft.subnet.trim()
  const gateway = draft.gateway.trim()
  const labels = Object.fromEntries(draft.labels.filter((l) => l.key.trim()).map((l) => [l.key.trim(), l.value]))
  return {
    Name: draft.name.trim(),
    Driver: 'overlay',
    Attachable: draft.attachable,
    Internal: draft.internal,
    Labels: labels,
    Options: draft.encrypted ? { encrypted: '' } : {},
    ...(subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: subnet, ...(gateway ? { Gateway: gateway } : {}) }] } } : {})
  }
}
