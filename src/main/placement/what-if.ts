/**
 * What-if: apply hypothetical changes (node labels, availability, node state, service
 * constraints or other placement fields) and compare every service's placement before and
 * after, before anything is applied. Pure.
 *
 * "Before" is each live service's plan on the current cluster (existing tasks kept); "after" is
 * the same on the changed cluster, where the engine would:
 *  - replace the tasks on nodes that are drained or down (orchestrator),
 *  - replace the tasks on active nodes that no longer match the constraints (constraint
 *    enforcer; a constraints-only service update leaves tasks whose node still matches),
 *  - leave paused nodes' tasks alone.
 * Services are evaluated in the given order and the tasks a service moves take their
 * reservations, ports and counts to their new nodes before the next service is planned (the
 * scheduler itself visits services in no fixed order, so crowded clusters may differ).
 */
import { phrase, type Phrase, type Worded } from '../../shared/phrase'
import { worded } from '../i18n/words'
import {
  indexCluster,
  planPlacement,
  type NodeAvailability,
  type NodeState,
  type PlacementNode,
  type PlacementPlan,
  type PlacementService,
  type PlanOptions
} from './placement-planner'

export type Change =
  | { kind: 'labelAdd'; nodeId: string; key: string; value: string }
  | { kind: 'labelRemove'; nodeId: string; key: string }
  | { kind: 'availability'; nodeId: string; availability: NodeAvailability }
  | { kind: 'nodeState'; nodeId: string; state: NodeState }
  /** Replace a service's constraint list (service: id, or name for a service without id). */
  | { kind: 'constraints'; service: string; constraints: readonly string[] }
  | { kind: 'serviceEdit'; service: string; patch: Partial<Omit<PlacementService, 'id' | 'name'>> }

export interface NodeMove {
  nodeId: string
  hostname: string
  before: number
  after: number
}

export interface ServiceImpact {
  serviceId: string | null
  name: string
  before: PlacementPlan
  after: PlacementPlan
  /** The engine would refuse the edited service (constraint syntax): the first error, else null. */
  refused: string | null
  refusedSaid: Phrase | null
  /** Had at least one eligible node, has none after (a refused edit loses nothing). */
  losesAllNodes: boolean
  /** Tasks that would leave their node (rescheduled elsewhere, or pending). */
  movedTasks: number
  /** More pending tasks after than before. */
  newlyPending: number
  /** Nodes whose predicted count changes. */
  moves: NodeMove[]
  /** Anything about its placement differs (eligibility, counts, pending). */
  changed: boolean
}

export interface WhatIfResult {
  services: ServiceImpact[]
  /** The nodes after the changes (labels, availability, state; usage after the moves). */
  nodes: PlacementNode[]
  /** Changes that name an unknown node or service (ignored). */
  errors: Worded[]
  /** One line per affected service, most severe first. */
  summary: Worded[]
}

export function applyChanges(
  nodes: readonly PlacementNode[],
  services: readonly PlacementService[],
  changes: readonly Change[]
): { nodes: PlacementNode[]; services: PlacementService[]; errors: Worded[] } {
  const nodeList = nodes.slice()
  const serviceList = services.slice()
  const errors: Worded[] = []
  const nodeAt = new Map(nodeList.map((node, i) => [node.id, i]))
  const serviceAt = (ref: string): number => {
    const byId = serviceList.findIndex((service) => service.id === ref)
    return byId >= 0 ? byId : serviceList.findIndex((service) => service.id === null && service.name === ref)
  }
  for (const change of changes) {
    if (change.kind === 'constraints' || change.kind === 'serviceEdit') {
      const at = serviceAt(change.service)
      if (at < 0) {
        errors.push(worded(phrase('placement.said.whatif.unknown-service', { service: change.service })))
        continue
      }
      const patch = change.kind === 'constraints' ? { constraints: change.constraints } : change.patch
      serviceList[at] = { ...serviceList[at], ...patch }
      continue
    }
    const at = nodeAt.get(change.nodeId)
    if (at === undefined) {
      errors.push(worded(phrase('placement.said.whatif.unknown-node', { node: change.nodeId })))
      continue
    }
    const node = nodeList[at]
    switch (change.kind) {
      case 'labelAdd':
        nodeList[at] = { ...node, labels: { ...node.labels, [change.key]: change.value } }
        break
      case 'labelRemove': {
        const labels = { ...node.labels }
        delete labels[change.key]
        nodeList[at] = { ...node, labels }
        break
      }
      case 'availability':
        nodeList[at] = { ...node, availability: change.availability }
        break
      case 'nodeState':
        nodeList[at] = { ...node, state: change.state }
        break
    }
  }
  return { nodes: nodeList, services: serviceList, errors }
}

/** Move a service's usage on the nodes from its `before` counts to its `after` counts. */
function moveUsage(nodes: PlacementNode[], service: PlacementService, before: PlacementPlan, after: PlacementPlan): PlacementNode[] {
  if (service.id === null) return nodes
  const serviceId = service.id
  const ports = service.hostPorts.map((port) => `${port.protocol}/${port.port}`)
  return nodes.map((node, i) => {
    const delta = after.perNode[i].predictedTasks - before.perNode[i].predictedTasks
    if (delta === 0) return node
    const own = node.services[serviceId] ?? { tasks: 0, nanoCpus: 0, memoryBytes: 0, hostPorts: [] }
    const tasks = Math.max(0, own.tasks + delta)
    const nanoCpus = Math.max(0, own.nanoCpus + delta * service.reservations.nanoCpus)
    const memoryBytes = Math.max(0, own.memoryBytes + delta * service.reservations.memoryBytes)
    const hostPorts = tasks > 0 ? ports : []
    const othersPorts = new Set<string>()
    for (const [id, usage] of Object.entries(node.services)) if (id !== serviceId) for (const port of usage.hostPorts) othersPorts.add(port)
    return {
      ...node,
      reserved: {
        nanoCpus: node.reserved.nanoCpus - own.nanoCpus + nanoCpus,
        memoryBytes: node.reserved.memoryBytes - own.memoryBytes + memoryBytes
      },
      activeTasks: node.activeTasks - own.tasks + tasks,
      hostPortsInUse: [...new Set([...othersPorts, ...hostPorts])],
      services: { ...node.services, [serviceId]: { tasks, nanoCpus, memoryBytes, hostPorts } }
    }
  })
}

function samePlacement(before: PlacementPlan, after: PlacementPlan): boolean {
  if (before.pendingTasks !== after.pendingTasks || before.eligibleCount !== after.eligibleCount) return false
  for (let i = 0; i < before.perNode.length; i++) {
    const a = before.perNode[i]
    const b = after.perNode[i]
    if (a.eligible !== b.eligible || a.predictedTasks !== b.predictedTasks) return false
  }
  return true
}

export function whatIf(
  nodes: readonly PlacementNode[],
  services: readonly PlacementService[],
  changes: readonly Change[],
  options: Pick<PlanOptions, 'variants' | 'seed'> = {}
): WhatIfResult {
  const changed = applyChanges(nodes, services, changes)
  const beforeCluster = indexCluster(nodes)
  let working = changed.nodes
  let afterCluster = indexCluster(working)
  const impacts: ServiceImpact[] = []
  for (let s = 0; s < services.length; s++) {
    const before = planPlacement(beforeCluster, services[s], { ...options, existing: 'keep' })
    const after = planPlacement(afterCluster, changed.services[s], { ...options, existing: 'keep' })
    const moves: NodeMove[] = []
    let movedTasks = 0
    for (let i = 0; i < before.perNode.length; i++) {
      const from = before.perNode[i].predictedTasks
      const to = after.perNode[i].predictedTasks
      if (from !== to) moves.push({ nodeId: before.perNode[i].nodeId, hostname: before.perNode[i].hostname, before: from, after: to })
      if (from > to) movedTasks += from - to
    }
    const refusal = after.errors.length > 0 && before.errors.length === 0 ? after.errors[0] : null
    const refused = refusal?.message ?? null
    impacts.push({
      serviceId: services[s].id,
      name: services[s].name,
      before,
      after,
      refused,
      refusedSaid: refusal?.said ?? null,
      losesAllNodes: refused === null && before.eligibleCount > 0 && after.eligibleCount === 0,
      movedTasks,
      newlyPending: Math.max(0, after.pendingTasks - before.pendingTasks),
      moves,
      changed: !samePlacement(before, after)
    })
    if (moves.length > 0) {
      working = moveUsage(working, changed.services[s], before, after)
      afterCluster = indexCluster(working)
    }
  }
  return { services: impacts, nodes: working, errors: changed.errors, summary: summarise(impacts) }
}

function summarise(impacts: readonly ServiceImpact[]): Worded[] {
  const lines: { severity: number; said: Phrase }[] = []
  for (const impact of impacts) {
    const service = impact.name
    if (impact.refused !== null) {
      lines.push({ severity: 0, said: phrase('placement.said.whatif.refused', { service, error: impact.refusedSaid ?? impact.refused }) })
      continue
    }
    if (!impact.changed) continue
    if (impact.losesAllNodes) {
      const pending = impact.after.pendingTasks
      lines.push({ severity: 0, said: pending > 0 ? phrase('placement.said.whatif.loses-all-pending', { service, count: pending }) : phrase('placement.said.whatif.loses-all-none', { service }) })
    } else if (impact.newlyPending > 0) {
      lines.push({ severity: 1, said: phrase('placement.said.whatif.pending', { service, count: impact.newlyPending }) })
    } else if (impact.movedTasks > 0) {
      const moves = impact.moves.map((m) => `${m.hostname} ${m.before}→${m.after}`).join(', ')
      lines.push({ severity: 2, said: phrase('placement.said.whatif.moves', { service, count: impact.movedTasks, moves }) })
    } else {
      const gained = impact.after.eligibleCount - impact.before.eligibleCount
      lines.push({
        severity: 3,
        said: gained >= 0 ? phrase('placement.said.whatif.more-eligible', { service, count: gained }) : phrase('placement.said.whatif.fewer-eligible', { service, count: -gained })
      })
    }
  }
  return lines.sort((a, b) => a.severity - b.severity).map((line) => worded(line.said))
}
