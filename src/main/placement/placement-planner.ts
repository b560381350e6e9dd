/**
 * Placement planner: which nodes can run a service's tasks, and how many tasks each node gets.
 * Pure: data in, data out.
 *
 * It reproduces swarmkit's scheduler as Docker 20.10 runs it (moby/swarmkit, branch bump_20.10):
 *
 *  - filters, in pipeline order (manager/scheduler/pipeline.go, filter.go): ReadyFilter (node
 *    `ready` AND availability `active`), ResourceFilter (only when the service reserves CPU or
 *    memory; reservation > node total minus what every task assigned..running on it reserves),
 *    PluginFilter (not modelled), ConstraintFilter, PlatformFilter (image platforms; x86_64->amd64
 *    and aarch64->arm64 on both sides, OS compared exactly), HostPortFilter (host-mode published
 *    port already used on the node), MaxReplicasFilter (active tasks of the service < max);
 *  - replicated services (scheduler.go, nodeset.go, decision_tree.go): a decision tree with one
 *    level per spread preference over EVERY node the scheduler knows (down and drained ones
 *    included, nodes without the label in the "" branch), tasks split evenly between branches
 *    with the branch counts taken once when the tree is built, each leaf keeping the best
 *    `tasks` nodes ordered by (tasks of this service, tasks of all services), then filled in
 *    swarmkit's first-pass/round-robin order; unplaced tasks are retried with a fresh tree
 *    (the scheduler's next tick) until no progress;
 *  - global services (orchestrator/global/global.go): a task for every node that is neither
 *    drained nor down, matches the constraints and is not paused; the task then stays pending
 *    on that node if the scheduler's filters refuse it (not ready, resources, platform, port);
 *  - existing tasks ('keep'): tasks on down or drained nodes, and on active nodes that no longer
 *    match the constraints (constraint enforcer), are replaced; paused nodes keep theirs; extra
 *    replicas are removed from the nodes with the most copies first (replicated/services.go).
 *
 * Where swarmkit picks at random (Go map iteration: which branch gets the remainder, which of
 * two equal nodes comes first), the plan uses a canonical order (branches by value, nodes by
 * hostname) and, with `variants`, replays other orders to give each node's min/max.
 */
import { ENGINE_LABEL_PREFIX, NODE_LABEL_PREFIX, labelAfterPrefix, parseConstraints, type ParsedConstraints } from './constraint-parser'
import { EMPTY_REASONS, asIndex, popcount, type Bits, type ClusterIndex, type Column, type Scratch, type SparseUsage } from './cluster-index'
import { copyState, mulberry32, scaleDown, shuffleInPlace, simulateReplicated, type SimSetup, type SimState } from './scheduler-simulation'
import { placementReason } from './placement-text'
import { archWarnings, constraintNote, explainPending, note, refusedPlan, spreadWarnings } from './placement-notes'
import { phrase } from '../../shared/phrase'
import { sentenceOnRead } from '../i18n/words'
import type { PlacementWarning } from '../../shared/placement'
import type { HostPort, NodePlacement, PlacementCluster, PlacementNode, PlacementPlan, PlacementService, PlanOptions, Reason } from './placement-types'

export type * from './placement-types'
export { indexCluster, platformSupported } from './cluster-index'

// Module-local on purpose: run through tsx (CommonJS), every use of an imported binding is a
// getter call, which the per-node loops would pay a million times per bench run.
const NO_REASONS = EMPTY_REASONS

function hasBit(bits: Bits, i: number): boolean {
  return (bits[i >>> 5] & (1 << (i & 31))) !== 0
}

/** A service with defaults for everything but the name: for drafts and tests. */
export function defineService(fields: Partial<PlacementService> & { name: string }): PlacementService {
  return {
    id: null,
    mode: 'replicated',
    replicas: 1,
    constraints: [],
    preferences: [],
    maxReplicasPerNode: 0,
    reservations: { nanoCpus: 0, memoryBytes: 0 },
    platforms: [],
    hostPorts: [],
    ...fields
  }
}

// ---------------------------------------------------------------------------------------------
// Constraint parsing, cached by expression list (services share constraint lists).

const parsedCache = new Map<string, ParsedConstraints>()

function parseCached(key: string, expressions: readonly string[]): ParsedConstraints {
  let parsed = parsedCache.get(key)
  if (parsed === undefined) {
    parsed = parseConstraints(expressions)
    if (parsedCache.size > 10_000) parsedCache.clear()
    parsedCache.set(key, parsed)
  }
  return parsed
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** Equal for amounts `formatCpus` shows alike (a cache key). */
function cpuDisplayKey(nanoCpus: number): number {
  return Math.round(Math.max(0, nanoCpus) / 1e6)
}

/** Equal for amounts `formatBytes` shows alike (a cache key). */
function bytesDisplayKey(bytes: number): number {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < 4) {
    value /= 1024
    unit++
  }
  return unit * 1e5 + Math.round(value * 10)
}


function portKey(port: HostPort): string {
  return `${port.protocol}/${port.port}`
}


// ---------------------------------------------------------------------------------------------
// The plan

export function planPlacement(
  cluster: PlacementCluster | readonly PlacementNode[],
  service: PlacementService,
  options: PlanOptions = {}
): PlacementPlan {
  const index = asIndex(cluster)
  const nodes = index.nodes
  const count = index.count
  const keep = (options.existing ?? 'keep') === 'keep' && service.id !== null
  const global = service.mode === 'global' || service.mode === 'global-job'
  const constraintKey = service.constraints.join('\u0000')
  const parsed = parseCached(constraintKey, service.constraints)
  const warnings: PlacementWarning[] = []

  // This service's own tasks, per node.
  const sparse = service.id !== null ? index.usageFor(service.id) : undefined
  const scratch = index.scratch()
  const ownTasks = scratch.ownTasks
  ownTasks.fill(0)
  const freeCpu = scratch.freeCpu
  freeCpu.set(index.freeCpu)
  const freeMem = scratch.freeMem
  freeMem.set(index.freeMem)
  let ownPorts: Map<number, readonly string[]> | null = null
  if (sparse !== undefined) {
    for (let k = 0; k < sparse.at.length; k++) {
      const i = sparse.at[k]
      const usage = sparse.usage[k]
      ownTasks[i] = usage.tasks
      freeCpu[i] += usage.nanoCpus
      freeMem[i] += usage.memoryBytes
      if (usage.hostPorts.length > 0) (ownPorts ??= new Map()).set(i, usage.hostPorts)
    }
  }

  if (parsed.errors.length > 0) return refusedPlan(index, service, parsed, keep ? ownTasks : null)

  const compiled = parsed.constraints.map((constraint) => index.compile(constraint))
  const constraintBits = index.bitsForSet(constraintKey, compiled)
  const platformKey = service.platforms.map((p) => `${p.os}/${p.arch}`).join(',')
  const platformBits = index.platformsFor(platformKey, service.platforms)
  const resCpu = service.reservations.nanoCpus
  const resMem = service.reservations.memoryBytes
  const resourceFilter = resCpu !== 0 || resMem !== 0
  const ports = service.hostPorts.map(portKey)
  const maxReplicas = global ? 0 : Math.max(0, Math.floor(service.maxReplicasPerNode))

  // Per node: eligibility (as if the service had no task yet). What does not depend on this
  // service's usage (ready, constraints, platform) is computed once per combination and reused.
  const combo = index.staticCombo(`${constraintKey}\u0002${platformKey}`, compiled, constraintBits, platformKey, service.platforms, platformBits)
  const { staticBits, eligibleBits, capacity, portsTaken, eligibleCount } = filterNodes({ index, scratch, comboBits: combo.bits, ports, ownPorts, resourceFilter, resCpu, resMem, freeCpu, freeMem })

  // The simulation's start state: this service's tasks kept (or not), everything else as is.
  const state = startState({ index, scratch, sparse, keep, global, constraintBits, freeCpu, freeMem, resCpu, resMem })
  const kept = state.svc

  const spreadLevels: Column[] = []
  for (const preference of service.preferences) {
    const nodeLabel = labelAfterPrefix(preference.spread, NODE_LABEL_PREFIX)
    const engineLabel = nodeLabel === null ? labelAfterPrefix(preference.spread, ENGINE_LABEL_PREFIX) : null
    if (nodeLabel !== null) spreadLevels.push(index.column('node.labels', nodeLabel))
    else if (engineLabel !== null) spreadLevels.push(index.column('engine.labels', engineLabel))
    else warnings.push(note('spread', phrase('placement.said.warning.spread-ignored', { spread: preference.spread })))
  }

  const layout = spreadLevels.length > 0 ? index.spreadLayout(service.preferences.map((p) => p.spread).join('\u0000'), spreadLevels) : null
  const setup: SimSetup = { count, staticBits, eligibleBits, resourceFilter, resCpu, resMem, hostPorts: ports.length > 0, maxReplicas, spread: spreadLevels, layout }

  const { predicted, minTasks, maxTasks, pendingTasks, desiredTasks, deterministic } = global
    ? predictGlobal(index, scratch, kept, eligibleBits, constraintBits)
    : predictReplicated({ index, scratch, setup, state, sparse, service, options, resCpu, resMem })

  // Results per node.
  const limits: LimitCache = { cpu: new Map(), mem: new Map(), port: null, max: null }
  const perNode = new Array<NodePlacement>(count)
  let totalPredicted = 0
  const reasonContext: ReasonContext = { service, cpuReasons: null, memReasons: null, combined: null }
  for (let i = 0; i < count; i++) {
    const node = nodes[i]
    totalPredicted += predicted[i]
    const isEligible = (eligibleBits[i >>> 5] & (1 << (i & 31))) !== 0
    let reasons = NO_REASONS
    if (!isEligible) {
      const flags = capacity === null ? 0 : capacity[i]
      reasons =
        flags === 0
          ? combo.reasons[i]
          : withCapacityReasons(reasonContext, combo.reasons[i], flags & 1 ? freeCpu[i] : null, flags & 2 ? freeMem[i] : null, flags & 4 ? (portsTaken?.get(i) ?? null) : null)
    }
    perNode[i] = {
      nodeId: node.id,
      hostname: node.hostname,
      eligible: isEligible,
      reasons,
      existingTasks: keep ? ownTasks[i] : 0,
      predictedTasks: predicted[i],
      minTasks: minTasks[i],
      maxTasks: maxTasks[i],
      limitedBy: !global && isEligible && pendingTasks > 0 ? limitOf(setup, state, i, service, limits) : null
    }
  }

  const { explained, unsuitable, noEligible } = explainPending({ index, setup, state, constraintBits, platformBits, global, kept, eligibleBits, eligibleCount, pendingTasks, desiredTasks }, warnings)
  if (global && service.maxReplicasPerNode > 0) warnings.push(note('max-replicas', phrase('placement.said.warning.max-replicas-global')))
  if (service.preferences.length > 0) spreadWarnings(index, service, eligibleBits, warnings)
  archWarnings(index, compiled, warnings)
  for (const warning of parsed.warnings) warnings.push(constraintNote(warning))

  const explanation = sentenceOnRead(explained)
  return {
    service: service.name,
    serviceId: service.id,
    mode: service.mode,
    desiredTasks,
    perNode,
    eligibleCount,
    totalPredicted,
    pendingTasks,
    deterministic,
    // swarmkit's English for the CLI, worded when read
    get explanation() {
      return explanation()
    },
    unsuitable,
    noEligible,
    warnings,
    errors: [],
    constraintWarnings: parsed.warnings
  }
}

interface StartInput {
  index: ClusterIndex
  scratch: Scratch
  sparse: SparseUsage | undefined
  /** keep the service's tasks where the orchestrator would */
  keep: boolean
  global: boolean
  constraintBits: Bits
  freeCpu: Float64Array
  freeMem: Float64Array
  resCpu: number
  resMem: number
}

/** Kept tasks hold their reservations; the ones that go release theirs. */
function startState({ index, scratch, sparse, keep, global, constraintBits, freeCpu, freeMem, resCpu, resMem }: StartInput): SimState {
  const { nodes } = index
  const ownTasks = scratch.ownTasks
  const kept = scratch.svc
  kept.fill(0)
  const total = scratch.total
  total.set(index.active)
  // Kept tasks hold their reservations; the ones that go release theirs.
  const cpu = scratch.cpu
  cpu.set(keep ? index.freeCpu : freeCpu)
  const mem = scratch.mem
  mem.set(keep ? index.freeMem : freeMem)
  if (sparse !== undefined) {
    for (const i of sparse.at) {
      const own = ownTasks[i]
      if (keep && own > 0) {
        // What the orchestrator and the constraint enforcer leave in place.
        const node = nodes[i]
        const stays = node.state !== 'down' && node.availability !== 'drain' && (node.availability === 'pause' || hasBit(constraintBits, i))
        kept[i] = stays ? (global ? 1 : own) : 0
        cpu[i] += (own - kept[i]) * resCpu
        mem[i] += (own - kept[i]) * resMem
      }
      total[i] += kept[i] - own
    }
  }
  return { svc: kept, total, cpu, mem }
}

interface FilterInput {
  index: ClusterIndex
  scratch: Scratch
  /** ready, constraints and platform, per node */
  comboBits: Bits
  /** the host-mode ports the service publishes */
  ports: readonly string[]
  /** host ports this service's own tasks hold, per node index */
  ownPorts: Map<number, readonly string[]> | null
  resourceFilter: boolean
  resCpu: number
  resMem: number
  freeCpu: Float64Array
  freeMem: Float64Array
}

/** The scheduler's filters per node: the fixed checks, then capacity (resources, host ports). */
function filterNodes({ index, scratch, comboBits, ports, ownPorts, resourceFilter, resCpu, resMem, freeCpu, freeMem }: FilterInput) {
  const { nodes, count } = index
  const words = index.words
  const staticBits = scratch.staticBits
  staticBits.set(comboBits)
  const eligibleBits = scratch.eligibleBits
  // Per node, when it has the fixed checks but not the capacity: 1 cpu, 2 memory, 4 port.
  let capacity: Uint8Array | null = null
  let portsTaken: Map<number, string> | null = null
  if (ports.length > 0) {
    for (let i = 0; i < count; i++) {
      const taken = takenPort(nodes[i].hostPortsInUse, ports, ownPorts?.get(i))
      if (taken !== null) {
        staticBits[i >>> 5] &= ~(1 << (i & 31))
        ;(portsTaken ??= new Map()).set(i, taken)
      }
    }
  }
  eligibleBits.set(staticBits)
  if (resourceFilter || portsTaken !== null) {
    capacity = scratch.capacity
    capacity.fill(0)
    for (let i = 0; i < count; i++) {
      const flags = (resourceFilter ? (resCpu > freeCpu[i] ? 1 : 0) | (resMem > freeMem[i] ? 2 : 0) : 0) | (portsTaken?.has(i) ? 4 : 0)
      if (flags !== 0) {
        capacity[i] = flags
        eligibleBits[i >>> 5] &= ~(1 << (i & 31))
      }
    }
  }
  let eligibleCount = 0
  for (let w = 0; w < words; w++) eligibleCount += popcount(eligibleBits[w])
  return { staticBits, eligibleBits, capacity, portsTaken, eligibleCount }
}

/** How many tasks each node gets, and the start of each node's range. */
interface Prediction {
  predicted: Int32Array
  minTasks: Int32Array
  maxTasks: Int32Array
  pendingTasks: number
  desiredTasks: number
  /** every variant replayed gave the same tasks per node */
  deterministic: boolean
}

/** Global: a task for every node the orchestrator keeps in the set; it stays pending where the scheduler refuses it. */
function predictGlobal(index: ClusterIndex, scratch: Scratch, kept: Int32Array, eligibleBits: Bits, constraintBits: Bits): Prediction {
  const count = index.count
  const predicted = scratch.predicted
  predicted.fill(0)
  let pendingTasks = 0
  let desiredTasks = 0
  for (let i = 0; i < count; i++) {
    if (kept[i] > 0) {
      predicted[i] = 1
      desiredTasks++
    } else if (index.inGlobalSet[i] === 1 && index.paused[i] === 0 && hasBit(constraintBits, i)) {
      // The orchestrator creates the task; the scheduler may leave it pending on its node.
      desiredTasks++
      if (hasBit(eligibleBits, i)) predicted[i] = 1
      else pendingTasks++
    }
  }
  return { predicted, minTasks: predicted, maxTasks: predicted, pendingTasks, desiredTasks, deterministic: true }
}

interface ReplicatedInput {
  index: ClusterIndex
  scratch: Scratch
  setup: SimSetup
  state: SimState
  sparse: SparseUsage | undefined
  service: PlacementService
  options: PlanOptions
  resCpu: number
  resMem: number
}

/** Replicated: scale down, place what is missing in the canonical order, then replay other orders for min/max. */
function predictReplicated({ index, scratch, setup, state, sparse, service, options, resCpu, resMem }: ReplicatedInput): Prediction {
  const count = index.count
  const kept = state.svc
  let minTasks: Int32Array
  let maxTasks: Int32Array
  let deterministic = true
  const desiredTasks = Math.max(0, Math.floor(service.replicas))
  let keptTotal = 0
  if (sparse !== undefined) for (const i of sparse.at) keptTotal += kept[i]
  // Scale down: drop the highest copies first (replicated/services.go).
  if (keptTotal > desiredTasks) scaleDown(state, index.order, keptTotal - desiredTasks, resCpu, resMem)
  keptTotal = Math.min(keptTotal, desiredTasks)
  const need = desiredTasks - keptTotal
  const variants = Math.max(0, Math.floor(options.variants ?? 0))
  const start = need > 0 && variants > 0 ? copyState(state, { svc: scratch.startSvc, total: scratch.startTotal, cpu: scratch.startCpu, mem: scratch.startMem }) : null
  const placed = need > 0 ? simulateReplicated(setup, state, need, index.order, index.rank, null, scratch) : 0
  const pendingTasks = need - placed
  const predicted = state.svc
  minTasks = predicted
  maxTasks = predicted
  if (start !== null) {
    minTasks = scratch.minTasks
    minTasks.set(predicted)
    maxTasks = scratch.maxTasks
    maxTasks.set(predicted)
    const rng = mulberry32(options.seed ?? 0x5eed)
    const order = scratch.order
    const run: SimState = { svc: scratch.runSvc, total: scratch.runTotal, cpu: scratch.runCpu, mem: scratch.runMem }
    for (let v = 0; v < variants; v++) {
      copyState(start, run)
      // The first variant reverses the canonical order; the others shuffle it.
      order.set(index.order)
      if (v === 0) order.reverse()
      else shuffleInPlace(order, rng)
      const rank = scratch.rank
      for (let r = 0; r < count; r++) rank[order[r]] = r
      simulateReplicated(setup, run, need, order, rank, rng, scratch)
      for (let i = 0; i < count; i++) {
        const value = run.svc[i]
        if (value !== predicted[i]) deterministic = false
        if (value < minTasks[i]) minTasks[i] = value
        if (value > maxTasks[i]) maxTasks[i] = value
      }
    }
  }
  return { predicted, minTasks, maxTasks, pendingTasks, desiredTasks, deterministic }
}

function takenPort(inUse: readonly string[], ports: readonly string[], own: readonly string[] | undefined): string | null {
  if (inUse.length === 0) return null
  for (const port of ports) {
    if (inUse.includes(port) && (own === undefined || !own.includes(port))) return port
  }
  return null
}




interface ReasonContext {
  service: PlacementService
  /** Resource messages by free amount, for this plan. */
  cpuReasons: Map<number, readonly Reason[]> | null
  memReasons: Map<number, readonly Reason[]> | null
  /** Fixed reasons + one resource reason, by the identity of both (both are shared arrays). */
  combined: Map<readonly Reason[], Map<readonly Reason[], readonly Reason[]>> | null
}

function cpuReasons(context: ReasonContext, free: number): readonly Reason[] {
  const cache = (context.cpuReasons ??= new Map())
  const key = cpuDisplayKey(free)
  let reasons = cache.get(key)
  if (reasons === undefined) {
    reasons = Object.freeze([placementReason({ code: 'RESOURCES_CPU', reservedNanoCpus: context.service.reservations.nanoCpus, freeNanoCpus: Math.max(0, free), full: false })])
    cache.set(key, reasons)
  }
  return reasons
}

function memReasons(context: ReasonContext, free: number): readonly Reason[] {
  const cache = (context.memReasons ??= new Map())
  const key = bytesDisplayKey(free)
  let reasons = cache.get(key)
  if (reasons === undefined) {
    reasons = Object.freeze([placementReason({ code: 'RESOURCES_MEMORY', reservedBytes: context.service.reservations.memoryBytes, freeBytes: Math.max(0, free), full: false })])
    cache.set(key, reasons)
  }
  return reasons
}

/** The node's fixed reasons (ready, constraints, platform) followed by the capacity ones. */
function withCapacityReasons(
  context: ReasonContext,
  fixed: readonly Reason[],
  freeCpu: number | null,
  freeMem: number | null,
  portTaken: string | null
): readonly Reason[] {
  // The common cases, one resource short, share cached arrays.
  if (portTaken === null && (freeCpu === null) !== (freeMem === null)) {
    const capacity = freeCpu !== null ? cpuReasons(context, freeCpu) : memReasons(context, freeMem as number)
    if (fixed.length === 0) return capacity
    const byFixed = (context.combined ??= new Map())
    let byCapacity = byFixed.get(fixed)
    if (byCapacity === undefined) byFixed.set(fixed, (byCapacity = new Map()))
    let both = byCapacity.get(capacity)
    if (both === undefined) byCapacity.set(capacity, (both = Object.freeze([...fixed, ...capacity])))
    return both
  }
  const out: Reason[] = fixed.slice()
  if (freeCpu !== null) out.push(cpuReasons(context, freeCpu)[0])
  if (freeMem !== null) out.push(memReasons(context, freeMem)[0])
  if (portTaken !== null) out.push(placementReason({ code: 'HOST_PORT', ports: [portTaken], full: false }))
  return Object.freeze(out)
}

interface LimitCache {
  cpu: Map<number, Reason>
  mem: Map<number, Reason>
  port: Reason | null
  max: Reason | null
}

/** For an eligible node at the end of the plan: the first check that refuses one more task. */
function limitOf(setup: SimSetup, state: SimState, i: number, service: PlacementService, cache: LimitCache): Reason | null {
  if (setup.resourceFilter && setup.resCpu > state.cpu[i]) {
    const left = state.cpu[i]
    const key = cpuDisplayKey(left)
    let reason = cache.cpu.get(key)
    if (reason === undefined) {
      reason = placementReason({ code: 'RESOURCES_CPU', reservedNanoCpus: setup.resCpu, freeNanoCpus: Math.max(0, left), full: true })
      cache.cpu.set(key, reason)
    }
    return reason
  }
  if (setup.resourceFilter && setup.resMem > state.mem[i]) {
    const left = state.mem[i]
    const key = bytesDisplayKey(left)
    let reason = cache.mem.get(key)
    if (reason === undefined) {
      reason = placementReason({ code: 'RESOURCES_MEMORY', reservedBytes: setup.resMem, freeBytes: Math.max(0, left), full: true })
      cache.mem.set(key, reason)
    }
    return reason
  }
  if (setup.hostPorts && state.svc[i] > 0) {
    return (cache.port ??= placementReason({ code: 'HOST_PORT', ports: service.hostPorts.map(portKey), full: true }))
  }
  if (setup.maxReplicas > 0 && state.svc[i] >= setup.maxReplicas) {
    return (cache.max ??= placementReason({ code: 'MAX_REPLICAS', max: setup.maxReplicas }))
  }
  return null
}
