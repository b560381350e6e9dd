/**
 * The cluster index: everything about the nodes that does not depend on the service being
 * planned, computed once per node list and shared by every plan (bitsets per constraint, value
 * columns for labels, reasons per node, spread layouts, work arrays). Pure and internal.
 */
import { foldValue, type Constraint, type ConstraintField } from './constraint-parser'
import { describeConstraint, mismatchOf, networkContains, normaliseArch, parseIp, parseIpOrCidr, subjectValue, type IpBytes } from './constraint-eval'
import { placementReason } from './placement-text'
import type { PlacementCluster, PlacementNode, PlatformSpec, Reason, ServiceUsage } from './placement-types'

export type Bits = Uint32Array

export interface Column {
  /** The node's value ("" when missing), per node. */
  raw: string[]
  /** 1 when the value is set (labels can be missing; other fields always count as set). */
  present: Uint8Array
  presentBits: Bits
  /** folded value -> nodes having it */
  bits: Map<string, Bits>
  /** Distinct raw values (case-sensitive, as spread branches are) and each node's code into them. */
  values: string[]
  codes: Int32Array
  /** Position of each code when the values are sorted (canonical branch order). */
  valueRank: Int32Array
}

/** One parsed constraint against this cluster: the nodes it admits and its mismatch messages. */
export interface CompiledConstraint {
  constraint: Constraint
  bits: Bits
  column: Column | null
  /** Reasons by node value, filled as nodes fail. */
  reasons: Map<string, readonly Reason[]>
}

export interface StaticCombo {
  bits: Bits
  reasons: (readonly Reason[])[]
}

/**
 * Work arrays sized to the cluster, reused by every plan on it: allocating a dozen typed arrays
 * per service costs more than the planning. Plans never hand them out (results are copied).
 */
export class Scratch {
  readonly ownTasks: Int32Array
  readonly svc: Int32Array
  readonly total: Int32Array
  readonly predicted: Int32Array
  readonly minTasks: Int32Array
  readonly maxTasks: Int32Array
  readonly rank: Int32Array
  readonly order: Int32Array
  readonly startSvc: Int32Array
  readonly startTotal: Int32Array
  readonly runSvc: Int32Array
  readonly runTotal: Int32Array
  readonly freeCpu: Float64Array
  readonly freeMem: Float64Array
  readonly cpu: Float64Array
  readonly mem: Float64Array
  readonly startCpu: Float64Array
  readonly startMem: Float64Array
  readonly runCpu: Float64Array
  readonly runMem: Float64Array
  readonly capacity: Uint8Array
  readonly staticBits: Uint32Array
  readonly eligible: Uint8Array
  readonly failed: Uint8Array
  readonly eligibleBits: Uint32Array

  constructor(count: number, words: number) {
    const ints = () => new Int32Array(count)
    const floats = () => new Float64Array(count)
    this.ownTasks = ints()
    this.svc = ints()
    this.total = ints()
    this.predicted = ints()
    this.minTasks = ints()
    this.maxTasks = ints()
    this.rank = ints()
    this.order = ints()
    this.startSvc = ints()
    this.startTotal = ints()
    this.runSvc = ints()
    this.runTotal = ints()
    this.freeCpu = floats()
    this.freeMem = floats()
    this.cpu = floats()
    this.mem = floats()
    this.startCpu = floats()
    this.startMem = floats()
    this.runCpu = floats()
    this.runMem = floats()
    this.capacity = new Uint8Array(count)
    this.staticBits = new Uint32Array(words)
    this.eligible = new Uint8Array(count)
    this.failed = new Uint8Array(count)
    this.eligibleBits = new Uint32Array(words)
  }
}

/** For a list of spread columns: each node's leaf, and each leaf's value codes. */
export interface SpreadLayout {
  leafOf: Int32Array
  leafCount: number
  /** leafCount x levels codes. */
  paths: Int32Array
}

export interface SparseUsage {
  at: number[]
  usage: ServiceUsage[]
}

export const EMPTY_REASONS: readonly Reason[] = Object.freeze([])
export const MISSING = '\u0001missing'


export class ClusterIndex implements PlacementCluster {
  readonly nodes: readonly PlacementNode[]
  readonly count: number
  readonly words: number
  /** Canonical iteration order (hostname, then id). */
  readonly order: Int32Array
  /** Position of each node in `order`. */
  readonly rank: Int32Array
  readonly readyOk: Uint8Array
  readonly readyReasons: (readonly Reason[])[]
  /** Neither drained nor down: the global orchestrator's node set. */
  readonly inGlobalSet: Uint8Array
  readonly paused: Uint8Array
  /** Node resources, and what is left once every task on the node is counted. */
  readonly freeCpu: Float64Array
  readonly freeMem: Float64Array
  readonly active: Int32Array
  readonly platformIds: string[]
  readonly allBits: Bits
  private readonly columns = new Map<string, Column>()
  private readonly constraintBits = new Map<string, Bits>()
  private readonly compiled = new WeakMap<Constraint, CompiledConstraint>()
  private readonly setBits = new Map<string, Bits>()
  private readonly platformBits = new Map<string, Bits>()
  private readonly platformReasons = new Map<string, Map<string, readonly Reason[]>>()
  private readonly combos = new Map<string, StaticCombo>()
  private readonly layouts = new Map<string, SpreadLayout>()
  private readonly readyBits: Bits
  private ips: (IpBytes | null)[] | null = null
  private usage: Map<string, SparseUsage> | null = null
  private work: Scratch | null = null

  constructor(nodes: readonly PlacementNode[]) {
    const count = nodes.length
    this.nodes = nodes
    this.count = count
    this.words = (count + 31) >>> 5
    const order = Array.from({ length: count }, (_, i) => i)
    order.sort((a, b) => compareStrings(nodes[a].hostname, nodes[b].hostname) || compareStrings(nodes[a].id, nodes[b].id) || a - b)
    this.order = Int32Array.from(order)
    this.rank = new Int32Array(count)
    for (let r = 0; r < count; r++) this.rank[order[r]] = r
    this.readyOk = new Uint8Array(count)
    this.inGlobalSet = new Uint8Array(count)
    this.paused = new Uint8Array(count)
    this.freeCpu = new Float64Array(count)
    this.freeMem = new Float64Array(count)
    this.active = new Int32Array(count)
    this.platformIds = new Array<string>(count)
    this.allBits = new Uint32Array(this.words)
    this.readyReasons = new Array<readonly Reason[]>(count)
    this.readyBits = new Uint32Array(this.words)
    for (let i = 0; i < count; i++) {
      const node = nodes[i]
      this.inGlobalSet[i] = node.state !== 'down' && node.availability !== 'drain' ? 1 : 0
      this.paused[i] = node.availability === 'pause' ? 1 : 0
      this.freeCpu[i] = node.nanoCpus - node.reserved.nanoCpus
      this.freeMem[i] = node.memoryBytes - node.reserved.memoryBytes
      this.active[i] = node.activeTasks
      this.platformIds[i] = `${node.os}/${node.arch}`
      this.allBits[i >>> 5] |= 1 << (i & 31)
      const reasons: Reason[] = []
      if (node.state !== 'ready') reasons.push(placementReason({ code: 'NODE_NOT_READY', state: node.state }))
      if (node.availability === 'drain') reasons.push(placementReason({ code: 'NODE_DRAINED' }))
      if (node.availability === 'pause') reasons.push(placementReason({ code: 'NODE_PAUSED' }))
      this.readyOk[i] = reasons.length === 0 ? 1 : 0
      if (reasons.length === 0) this.readyBits[i >>> 5] |= 1 << (i & 31)
      this.readyReasons[i] = reasons.length === 0 ? EMPTY_REASONS : Object.freeze(reasons)
    }
  }

  column(field: string, label: string): Column {
    const id = `${field}\u0000${label}`
    let column = this.columns.get(id)
    if (column === undefined) {
      const raw = new Array<string>(this.count)
      const present = new Uint8Array(this.count)
      const presentBits = new Uint32Array(this.words)
      const bits = new Map<string, Bits>()
      const codeOf = new Map<string, number>()
      const values: string[] = []
      const codes = new Int32Array(this.count)
      for (let i = 0; i < this.count; i++) {
        const node = this.nodes[i]
        const labels = field === 'node.labels' ? node.labels : field === 'engine.labels' ? node.engineLabels : null
        const has = labels === null || Object.prototype.hasOwnProperty.call(labels, label)
        raw[i] = labels === null ? subjectValue({ field: field as ConstraintField, label }, node) ?? '' : has ? labels[label] : ''
        present[i] = has ? 1 : 0
        if (has) presentBits[i >>> 5] |= 1 << (i & 31)
        let code = codeOf.get(raw[i])
        if (code === undefined) {
          code = values.length
          codeOf.set(raw[i], code)
          values.push(raw[i])
        }
        codes[i] = code
        const folded = foldValue(raw[i])
        let set = bits.get(folded)
        if (set === undefined) bits.set(folded, (set = new Uint32Array(this.words)))
        set[i >>> 5] |= 1 << (i & 31)
      }
      const valueRank = new Int32Array(values.length)
      values
        .map((value, code) => ({ value, code }))
        .sort((a, b) => compareStrings(a.value, b.value))
        .forEach((entry, position) => (valueRank[entry.code] = position))
      column = { raw, present, presentBits, bits, values, codes, valueRank }
      this.columns.set(id, column)
    }
    return column
  }

  scratch(): Scratch {
    return (this.work ??= new Scratch(this.count, this.words))
  }

  nodeIps(): (IpBytes | null)[] {
    if (this.ips === null) this.ips = this.nodes.map((node) => parseIp(node.address))
    return this.ips
  }

  /** Every service's usage, by service id, as (node index, usage) lists. */
  usageFor(serviceId: string): SparseUsage | undefined {
    if (this.usage === null) {
      const usage = new Map<string, SparseUsage>()
      for (let i = 0; i < this.count; i++) {
        const services = this.nodes[i].services
        for (const id in services) {
          if (!Object.prototype.hasOwnProperty.call(services, id)) continue
          let entry = usage.get(id)
          if (entry === undefined) usage.set(id, (entry = { at: [], usage: [] }))
          entry.at.push(i)
          entry.usage.push(services[id])
        }
      }
      this.usage = usage
    }
    return this.usage.get(serviceId)
  }

  compile(constraint: Constraint): CompiledConstraint {
    let compiled = this.compiled.get(constraint)
    if (compiled === undefined) {
      const column = constraint.field === 'node.ip' || constraint.field === 'unknown' ? null : this.column(constraint.field, constraint.label)
      compiled = { constraint, bits: this.bitsFor(constraint, column), column, reasons: new Map() }
      this.compiled.set(constraint, compiled)
    }
    return compiled
  }

  /** Nodes matching one constraint (shared by every spelling of the same test). */
  private bitsFor(constraint: Constraint, column: Column | null): Bits {
    const id = `${constraint.field}\u0000${constraint.label}\u0000${constraint.operator}\u0000${constraint.field === 'node.ip' ? constraint.value : constraint.folded}`
    let bits = this.constraintBits.get(id)
    if (bits !== undefined) return bits
    bits = new Uint32Array(this.words)
    if (constraint.field === 'node.ip') {
      const network = parseIpOrCidr(constraint.value)
      if (network !== null) {
        const ips = this.nodeIps()
        for (let i = 0; i < this.count; i++) {
          const inside = networkContains(network, ips[i])
          if (inside === (constraint.operator === '==')) bits[i >>> 5] |= 1 << (i & 31)
        }
      }
    } else if (column !== null) {
      const equal = column.bits.get(constraint.folded)
      if (constraint.operator === '==') {
        if (equal !== undefined) bits.set(equal)
      } else {
        for (let w = 0; w < this.words; w++) bits[w] = this.allBits[w] & ~(equal === undefined ? 0 : equal[w])
      }
    }
    this.constraintBits.set(id, bits)
    return bits
  }

  /** Nodes matching every constraint of a (parsed, error-free) set. */
  bitsForSet(key: string, constraints: readonly CompiledConstraint[]): Bits {
    let bits = this.setBits.get(key)
    if (bits !== undefined) return bits
    bits = Uint32Array.from(this.allBits)
    for (const constraint of constraints) {
      for (let w = 0; w < this.words; w++) bits[w] &= constraint.bits[w]
    }
    this.setBits.set(key, bits)
    return bits
  }

  platformsFor(key: string, platforms: readonly PlatformSpec[]): Bits {
    let bits = this.platformBits.get(key)
    if (bits !== undefined) return bits
    bits = new Uint32Array(this.words)
    for (let i = 0; i < this.count; i++) {
      if (platformSupported(platforms, this.nodes[i])) bits[i >>> 5] |= 1 << (i & 31)
    }
    this.platformBits.set(key, bits)
    return bits
  }

  spreadLayout(key: string, columns: readonly Column[]): SpreadLayout {
    let layout = this.layouts.get(key)
    if (layout !== undefined) return layout
    const levels = columns.length
    const leafOf = new Int32Array(this.count)
    const leafIds = new Map<string, number>()
    const paths: number[] = []
    for (let i = 0; i < this.count; i++) {
      let id = ''
      for (let level = 0; level < levels; level++) id += `${columns[level].codes[i]},`
      let leaf = leafIds.get(id)
      if (leaf === undefined) {
        leaf = leafIds.size
        leafIds.set(id, leaf)
        for (let level = 0; level < levels; level++) paths.push(columns[level].codes[i])
      }
      leafOf[i] = leaf
    }
    layout = { leafOf, leafCount: leafIds.size, paths: Int32Array.from(paths) }
    this.layouts.set(key, layout)
    return layout
  }

  /** Ready AND constraints AND platform, with each node's reasons when it fails. */
  staticCombo(key: string, compiled: readonly CompiledConstraint[], constraintBits: Bits, platformKey: string, platforms: readonly PlatformSpec[], platformBits: Bits): StaticCombo {
    let combo = this.combos.get(key)
    if (combo !== undefined) return combo
    const bits = new Uint32Array(this.words)
    for (let w = 0; w < this.words; w++) bits[w] = this.readyBits[w] & constraintBits[w] & platformBits[w]
    const reasons = new Array<readonly Reason[]>(this.count)
    for (let i = 0; i < this.count; i++) {
      reasons[i] = hasBit(bits, i) ? EMPTY_REASONS : fixedReasons(this, compiled, platformKey, platforms, i, hasBit(constraintBits, i), hasBit(platformBits, i))
    }
    combo = { bits, reasons }
    if (this.combos.size > 5_000) this.combos.clear()
    this.combos.set(key, combo)
    return combo
  }

  platformReason(key: string, platforms: readonly PlatformSpec[], i: number): readonly Reason[] {
    let byNode = this.platformReasons.get(key)
    if (byNode === undefined) this.platformReasons.set(key, (byNode = new Map()))
    const id = this.platformIds[i]
    let reasons = byNode.get(id)
    if (reasons === undefined) {
      const node = this.nodes[i]
      const wanted = platforms.map((p) => `${p.os || '*'}/${p.arch || '*'}`)
      reasons = Object.freeze([placementReason({ code: 'PLATFORM', wanted, os: node.os, arch: node.arch })])
      byNode.set(id, reasons)
    }
    return reasons
  }
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}



/** Set bits in a 32-bit word. */
export function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

export function hasBit(bits: Bits, i: number): boolean {
  return (bits[i >>> 5] & (1 << (i & 31))) !== 0
}

/** swarmkit's PlatformFilter.platformEqual over the image's platforms. */
export function platformSupported(platforms: readonly PlatformSpec[], node: Pick<PlacementNode, 'os' | 'arch'>): boolean {
  if (platforms.length === 0) return true
  const nodeArch = normaliseArch(node.arch)
  for (const platform of platforms) {
    const arch = normaliseArch(platform.arch)
    if ((arch === '' || arch === nodeArch) && (platform.os === '' || platform.os === node.os)) return true
  }
  return false
}

const clusters = new WeakMap<readonly PlacementNode[], ClusterIndex>()

/** Index nodes once for many plans (planPlacement also caches by array identity). */
export function indexCluster(nodes: readonly PlacementNode[]): PlacementCluster {
  let index = clusters.get(nodes)
  if (index === undefined) {
    index = new ClusterIndex(nodes)
    clusters.set(nodes, index)
  }
  return index
}

export function asIndex(cluster: PlacementCluster | readonly PlacementNode[]): ClusterIndex {
  if (cluster instanceof ClusterIndex) return cluster
  return indexCluster(isNodeList(cluster) ? cluster : cluster.nodes) as ClusterIndex
}

function isNodeList(cluster: PlacementCluster | readonly PlacementNode[]): cluster is readonly PlacementNode[] {
  return Array.isArray(cluster)
}

/** Ready, constraint and platform reasons of one node, for a constraint/platform combination. */
function fixedReasons(
  index: ClusterIndex,
  compiled: readonly CompiledConstraint[],
  platformKey: string,
  platforms: readonly PlatformSpec[],
  i: number,
  constraintsOk: boolean,
  platformOk: boolean
): readonly Reason[] {
  const node = index.nodes[i]
  const parts: (readonly Reason[])[] = []
  const ready = index.readyReasons[i]
  if (ready.length > 0) parts.push(ready)
  if (!constraintsOk) {
    const word = i >>> 5
    const bit = 1 << (i & 31)
    for (const entry of compiled) {
      if ((entry.bits[word] & bit) !== 0) continue
      const { constraint, column } = entry
      const value = column !== null ? (column.present[i] === 1 ? column.raw[i] : MISSING) : constraint.field === 'node.ip' ? node.address : ''
      let reasons = entry.reasons.get(value)
      if (reasons === undefined) {
        reasons = Object.freeze([placementReason({ code: 'CONSTRAINT', constraint: describeConstraint(constraint), mismatch: mismatchOf(constraint, node) })])
        entry.reasons.set(value, reasons)
      }
      parts.push(reasons)
    }
  }
  if (!platformOk) parts.push(index.platformReason(platformKey, platforms, i))
  if (parts.length === 0) return EMPTY_REASONS
  return parts.length === 1 ? parts[0] : Object.freeze(parts.flat())
}
