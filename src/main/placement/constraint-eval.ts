/**
 * Matching one parsed constraint against one node, as swarmkit's `constraint.NodeMatches` does
 * (manager/constraint/constraint.go), plus the human explanation of a mismatch.
 *
 *  - node.id / node.hostname / node.role / node.platform.os / node.platform.arch: case-insensitive
 *    full-string comparison (Go's strings.EqualFold); a missing value compares as "".
 *  - node.labels.<key> / engine.labels.<key>: the label key is case-sensitive, the value is not;
 *    a missing label compares as "", so `!=` matches nodes without the label.
 *  - node.ip: the value is an IP (equality) or a CIDR (containment) against the node's address;
 *    a value that is neither rejects every node, whatever the operator.
 *  - an unknown key rejects every node, whatever the operator.
 *
 * The platform arch compared here is the engine's raw `uname -m` (x86_64, aarch64): unlike the
 * image-platform filter, constraints do no amd64/arm64 normalisation.
 */
import type { ConstraintMismatch } from '../../shared/placement'
import { foldValue, type Constraint } from './constraint-parser'
import { constraintMismatchPhrase } from '../../shared/placement-phrases'
import type { Phrase } from '../../shared/phrase'

/** The node facts constraints read. `PlacementNode` satisfies it. */
export interface ConstraintSubject {
  id: string
  hostname: string
  /** The node's address as the engine reports it (Status.Addr). */
  address: string
  role: string
  os: string
  arch: string
  labels: Readonly<Record<string, string>>
  engineLabels: Readonly<Record<string, string>>
}

/** The raw node value a constraint compares with ("" when missing), or null for node.ip / unknown keys. */
export function subjectValue(constraint: Pick<Constraint, 'field' | 'label'>, node: ConstraintSubject): string | null {
  switch (constraint.field) {
    case 'node.id':
      return node.id
    case 'node.hostname':
      return node.hostname
    case 'node.role':
      return node.role
    case 'node.platform.os':
      return node.os
    case 'node.platform.arch':
      return node.arch
    case 'node.labels':
      return Object.prototype.hasOwnProperty.call(node.labels, constraint.label) ? node.labels[constraint.label] : ''
    case 'engine.labels':
      return Object.prototype.hasOwnProperty.call(node.engineLabels, constraint.label) ? node.engineLabels[constraint.label] : ''
    default:
      return null
  }
}

export function matchesConstraint(constraint: Constraint, node: ConstraintSubject): boolean {
  if (constraint.field === 'unknown') return false
  if (constraint.field === 'node.ip') return matchesIp(constraint, node.address)
  const value = subjectValue(constraint, node) ?? ''
  const equal = foldValue(value) === constraint.folded
  return constraint.operator === '==' ? equal : !equal
}

export function matchesAll(constraints: readonly Constraint[], node: ConstraintSubject): boolean {
  for (const constraint of constraints) if (!matchesConstraint(constraint, node)) return false
  return true
}

/** `key op value` with single spaces: how constraints are shown in messages. */
export function describeConstraint(constraint: Pick<Constraint, 'key' | 'operator' | 'value'>): string {
  return `${constraint.key} ${constraint.operator} ${constraint.value}`
}

/** Why `constraint` excludes `node` (call only when it does). */
export function explainMismatch(constraint: Constraint, node: ConstraintSubject): Phrase {
  return constraintMismatchPhrase(describeConstraint(constraint), mismatchOf(constraint, node))
}

/** What the node has instead of what `constraint` asks, as a code with its values. */
export function mismatchOf(constraint: Constraint, node: ConstraintSubject): ConstraintMismatch {
  switch (constraint.field) {
    case 'unknown':
      return { code: 'unknown-key' }
    case 'node.ip': {
      if (parseIpOrCidr(constraint.value) === null) return { code: 'ip-invalid', value: constraint.value }
      if (parseIp(node.address) === null) return { code: 'address-not-ip', address: node.address }
      return { code: 'address', address: node.address }
    }
    case 'node.labels':
    case 'engine.labels': {
      const engine = constraint.field === 'engine.labels'
      const labels = engine ? node.engineLabels : node.labels
      if (!Object.prototype.hasOwnProperty.call(labels, constraint.label)) return { code: 'label-missing', engine }
      return { code: 'label', engine, label: constraint.label, value: labels[constraint.label] }
    }
    case 'node.role':
      return { code: 'role', role: node.role }
    case 'node.hostname':
      return { code: 'hostname', hostname: node.hostname }
    case 'node.id':
      return { code: 'id', id: node.id }
    case 'node.platform.os':
      return { code: 'os', os: node.os }
    case 'node.platform.arch':
      return { code: 'arch', arch: node.arch, literal: archComparedLiterally(constraint.value, node.arch) }
  }
}

/** The engine reports `uname -m`; constraints compare it literally. */
function archComparedLiterally(value: string, nodeArch: string): boolean {
  return constraintArchAlias(value) !== null && normaliseArch(nodeArch) === normaliseArch(value) && foldValue(nodeArch) !== foldValue(value)
}

function constraintArchAlias(value: string): string | null {
  const folded = foldValue(value)
  return ['amd64', 'x86_64', 'arm64', 'aarch64'].includes(folded) ? folded : null
}

/** swarmkit's PlatformFilter normalisation: x86_64 -> amd64, aarch64 -> arm64 (nothing else). */
export function normaliseArch(arch: string): string {
  if (arch === 'x86_64') return 'amd64'
  if (arch === 'aarch64') return 'arm64'
  return arch
}

// ---------------------------------------------------------------------------------------------
// node.ip: Go's net.ParseIP / net.ParseCIDR, on 16-byte addresses (IPv4 stored v4-mapped).

export type IpBytes = Uint8Array

export interface IpNetwork {
  kind: 'ip' | 'cidr'
  bytes: IpBytes
  /** Prefix length over the 16 bytes (IPv4 CIDRs get +96). */
  bits: number
  /** An IPv6 (non v4-mapped) network never contains an IPv4 address in Go. */
  v6Only: boolean
}

function parseIpv4(text: string): IpBytes | null {
  const parts = text.split('.')
  if (parts.length !== 4) return null
  const out = new Uint8Array(16)
  out[10] = 0xff
  out[11] = 0xff
  for (let i = 0; i < 4; i++) {
    const part = parts[i]
    if (!/^[0-9]{1,3}$/.test(part)) return null
    // Go 1.17+ rejects leading zeros (they were ambiguous octal).
    if (part.length > 1 && part[0] === '0') return null
    const n = Number(part)
    if (n > 255) return null
    out[12 + i] = n
  }
  return out
}

function parseIpv6(text: string): IpBytes | null {
  let head = text
  let tail = ''
  const double = text.indexOf('::')
  if (double >= 0) {
    if (text.indexOf('::', double + 1) >= 0) return null
    head = text.slice(0, double)
    tail = text.slice(double + 2)
  }
  const groups = (part: string): number[] | null => {
    if (part === '') return []
    const out: number[] = []
    const pieces = part.split(':')
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece)
        if (v4 === null) return null
        out.push((v4[12] << 8) | v4[13], (v4[14] << 8) | v4[15])
        continue
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return null
      out.push(parseInt(piece, 16))
    }
    return out
  }
  const before = groups(head)
  const after = groups(tail)
  if (before === null || after === null) return null
  // An embedded IPv4 may only end the address.
  if (double >= 0 ? before.length + after.length > 7 : before.length !== 8) return null
  if (double >= 0 && head.includes('.')) return null
  const all = double >= 0 ? [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after] : before
  const out = new Uint8Array(16)
  for (let i = 0; i < 8; i++) {
    out[2 * i] = all[i] >> 8
    out[2 * i + 1] = all[i] & 0xff
  }
  return out
}

/** Go's net.ParseIP: the first '.' or ':' decides the family. */
export function parseIp(text: string): IpBytes | null {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '.') return parseIpv4(text)
    if (text[i] === ':') return parseIpv6(text)
  }
  return null
}

function isV4Mapped(bytes: IpBytes): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false
  return bytes[10] === 0xff && bytes[11] === 0xff
}

/** What swarmkit tries: a single IP first, then a CIDR. Null: neither (rejects every node). */
export function parseIpOrCidr(text: string): IpNetwork | null {
  const ip = parseIp(text)
  if (ip !== null) return { kind: 'ip', bytes: ip, bits: 128, v6Only: false }
  const slash = text.indexOf('/')
  if (slash < 0) return null
  const address = text.slice(0, slash)
  const mask = text.slice(slash + 1)
  const v4 = parseIpv4(address)
  const bytes = v4 ?? parseIpv6(address)
  if (bytes === null || !/^[0-9]+$/.test(mask)) return null
  const length = Number(mask)
  const max = v4 !== null ? 32 : 128
  if (length > max) return null
  const bits = v4 !== null ? length + 96 : length
  return { kind: 'cidr', bytes, bits, v6Only: v4 === null && !isV4Mapped(bytes) }
}

export function networkContains(network: IpNetwork, ip: IpBytes | null): boolean {
  if (ip === null) return false
  if (network.kind === 'ip') {
    for (let i = 0; i < 16; i++) if (network.bytes[i] !== ip[i]) return false
    return true
  }
  if (network.v6Only && isV4Mapped(ip)) return false
  let bits = network.bits
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff
    if ((network.bytes[i] & mask) !== (ip[i] & mask)) return false
  }
  return true
}

function matchesIp(constraint: Constraint, address: string): boolean {
  const network = parseIpOrCidr(constraint.value)
  if (network === null) return false
  const inside = networkContains(network, parseIp(address))
  return constraint.operator === '==' ? inside : !inside
}
