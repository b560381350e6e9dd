// The plan's notes and explanations, made once per plan (not per node): why tasks stay pending or
// no node qualifies (swarmkit's Pipeline.Explain), the refused plan of a constraint that does not
// parse, and the warnings about spread labels and architectures. Pure; split from
// placement-planner.ts, which keeps the per-node hot path.
import { ENGINE_LABEL_PREFIX, NODE_LABEL_PREFIX, foldValue, labelAfterPrefix, type ConstraintIssue, type ParsedConstraints } from './constraint-parser'
import { describeConstraint, normaliseArch } from './constraint-eval'
import { hasBit, popcount, type Bits, type ClusterIndex, type CompiledConstraint } from './cluster-index'
import type { SimSetup, SimState } from './scheduler-simulation'
import { placementReason } from './placement-text'
import { unsuitablePhrase } from '../../shared/placement-phrases'
import { phrase, type Phrase } from '../../shared/phrase'
import { withWords } from '../i18n/words'
import type { PlacementWarning, Unsuitable, UnsuitableFilter } from '../../shared/placement'
import type { NodePlacement, PlacementPlan, PlacementService } from './placement-types'

export function note(kind: PlacementWarning['kind'], said: Phrase): PlacementWarning {
  return withWords({ kind, message: '', said })
}

/** A constraint issue as a plan note: "constraint N (expression): message — suggestion". */
export function constraintNote(issue: ConstraintIssue): PlacementWarning {
  const facts = { number: issue.index + 1, expression: issue.expression, message: issue.said }
  return note('constraint', issue.suggestionSaid ? phrase('placement.said.warning.constraint-suggested', { ...facts, suggestion: issue.suggestionSaid }) : phrase('placement.said.warning.constraint', facts))
}

export function refusedPlan(index: ClusterIndex, service: PlacementService, parsed: ParsedConstraints, existing: Int32Array | null): PlacementPlan {
  const first = parsed.errors[0]
  const reasons = Object.freeze([placementReason({ code: 'INVALID_SPEC', error: first.message })])
  let total = 0
  const perNode = index.nodes.map((node, i): NodePlacement => {
    // A refused update changes nothing: the live tasks stay.
    const existingTasks = existing === null ? 0 : existing[i]
    total += existingTasks
    return { nodeId: node.id, hostname: node.hostname, eligible: false, reasons, existingTasks, predictedTasks: existingTasks, minTasks: existingTasks, maxTasks: existingTasks, limitedBy: null }
  })
  const warnings = parsed.errors.map(constraintNote)
  warnings.unshift(note('refused', phrase('placement.said.warning.refused', { error: first.said })))
  return {
    service: service.name,
    serviceId: service.id,
    mode: service.mode,
    desiredTasks: 0,
    perNode,
    eligibleCount: 0,
    totalPredicted: total,
    pendingTasks: 0,
    deterministic: true,
    explanation: null,
    unsuitable: null,
    noEligible: null,
    warnings,
    errors: parsed.errors,
    constraintWarnings: parsed.warnings
  }
}

const FILTERS: readonly UnsuitableFilter[] = ['not-ready', 'resources', 'constraints', 'platform', 'host-port', 'max-replicas']

/**
 * swarmkit's Pipeline.Explain: each node counted against the first filter it fails, most
 * failures first. For a global service only the nodes given a pending task are counted (each
 * preassigned task is checked against its own node).
 */
function explain(index: ClusterIndex, setup: SimSetup, state: SimState, constraintBits: Bits, platformBits: Bits, counted: (i: number) => boolean): Unsuitable {
  const failures = new Array<number>(FILTERS.length).fill(0)
  for (let i = 0; i < index.count; i++) {
    if (!counted(i)) continue
    let filter = -1
    if (index.readyOk[i] === 0) filter = 0
    else if (setup.resourceFilter && (setup.resCpu > state.cpu[i] || setup.resMem > state.mem[i])) filter = 1
    else if (!hasBit(constraintBits, i)) filter = 2
    else if (!hasBit(platformBits, i)) filter = 3
    else if (!hasBit(setup.staticBits, i) || (setup.hostPorts && state.svc[i] > 0)) filter = 4
    else if (setup.maxReplicas > 0 && state.svc[i] >= setup.maxReplicas) filter = 5
    if (filter >= 0) failures[filter]++
  }
  const ranked = failures
    .map((n, filter) => ({ n, filter }))
    .filter((entry) => entry.n > 0)
    .sort((a, b) => b.n - a.n || a.filter - b.filter)
  return ranked.map((entry) => ({ filter: FILTERS[entry.filter], nodes: entry.n }))
}

export interface PendingInput {
  index: ClusterIndex
  setup: SimSetup
  state: SimState
  constraintBits: Bits
  platformBits: Bits
  global: boolean
  kept: Int32Array
  eligibleBits: Bits
  eligibleCount: number
  pendingTasks: number
  desiredTasks: number
}

/** Why tasks stay pending (or no node is eligible): the filter that stops each node; the warning goes first. */
export function explainPending(
  { index, setup, state, constraintBits, platformBits, global, kept, eligibleBits, eligibleCount, pendingTasks, desiredTasks }: PendingInput,
  warnings: PlacementWarning[]
): Pick<PlacementPlan, 'unsuitable' | 'noEligible'> & { explained: Phrase | null } {
  // For a global service each pending task is checked against its own node only.
  const counted = global
    ? (i: number) => !hasBit(eligibleBits, i) && kept[i] === 0 && index.inGlobalSet[i] === 1 && index.paused[i] === 0 && hasBit(constraintBits, i)
    : () => true
  let explained: Phrase | null = null
  let unsuitable: Unsuitable | null = null
  let noEligible: PlacementPlan['noEligible'] = null
  if (pendingTasks > 0) {
    unsuitable = explain(index, setup, state, constraintBits, platformBits, counted)
    if (eligibleCount === 0) noEligible = 'pending'
    const why = unsuitablePhrase(unsuitable)
    explained = why
    warnings.unshift(
      eligibleCount === 0
        ? note('no-eligible', phrase('placement.noEligible.pending', { count: pendingTasks, why }))
        : note('pending', phrase('placement.stayPending', { count: pendingTasks, why }))
    )
  } else if (eligibleCount === 0 && (global || desiredTasks > 0)) {
    unsuitable = explain(index, setup, state, constraintBits, platformBits, () => true)
    noEligible = global ? 'global' : 'new-tasks'
    const why = unsuitablePhrase(unsuitable)
    warnings.unshift(note('no-eligible', global ? phrase('placement.noEligible.global', { why }) : phrase('placement.noEligible.new-tasks', { why })))
  }
  return { explained, unsuitable, noEligible }
}

export function spreadWarnings(index: ClusterIndex, service: PlacementService, eligibleBits: Bits, warnings: PlacementWarning[]): void {
  for (const preference of service.preferences) {
    const nodeLabel = labelAfterPrefix(preference.spread, NODE_LABEL_PREFIX)
    const engineLabel = nodeLabel === null ? labelAfterPrefix(preference.spread, ENGINE_LABEL_PREFIX) : null
    const label = nodeLabel ?? engineLabel
    if (label === null) continue
    const column = index.column(nodeLabel !== null ? 'node.labels' : 'engine.labels', label)
    let labelled = 0
    let missing = 0
    for (let w = 0; w < eligibleBits.length; w++) {
      labelled += popcount(eligibleBits[w] & column.presentBits[w])
      missing += popcount(eligibleBits[w] & ~column.presentBits[w])
    }
    if (labelled === 0 && missing > 0) {
      warnings.push(note('spread', phrase('placement.said.warning.spread-no-label', { label, spread: preference.spread })))
    } else if (missing > 0) {
      warnings.push(note('spread', phrase('placement.said.warning.spread-missing', { count: missing, label, spread: preference.spread })))
    }
  }
}

/** node.platform.arch == amd64 matches nothing when the engines report x86_64: say so. */
export function archWarnings(index: ClusterIndex, compiled: readonly CompiledConstraint[], warnings: PlacementWarning[]): void {
  for (const { constraint, bits } of compiled) {
    if (constraint.field !== 'node.platform.arch' || constraint.operator !== '==') continue
    if (bits.some((word) => word !== 0)) continue
    const wanted = normaliseArch(constraint.folded)
    const reported = new Set<string>()
    for (const node of index.nodes) if (normaliseArch(foldValue(node.arch)) === wanted) reported.add(node.arch)
    if (reported.size > 0) {
      const actual = [...reported].join(' / ')
      warnings.push(note('arch', phrase('placement.said.warning.arch', { constraint: describeConstraint(constraint), actual, fixed: `${constraint.key} ${constraint.operator} ${actual}` })))
    }
  }
}
