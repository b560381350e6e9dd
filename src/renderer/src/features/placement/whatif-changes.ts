import { commandLine, labelChangeCli, nodeChangeCli, shellQuote } from '../../../../shared/docker-cli'
import type { PlacementChange } from '../../../../shared/placement'

/**
 * The what-if list: hypothetical changes the planner applies to a copy of the cluster. Editing
 * the list, the commands it would take to make them real, and which label changes the label
 * editor can apply for real. Pure: nothing here touches the cluster.
 */

export type WhatIfChange = PlacementChange

export interface NodeFacts {
  id: string
  hostname: string
  labels: Readonly<Record<string, string>>
  availability: 'active' | 'pause' | 'drain'
  state: string
}

export interface ServiceFacts {
  id: string
  name: string
  constraints: readonly string[]
}

/** Two changes with the same target cannot both hold: the later one replaces the earlier. */
export function changeTarget(change: WhatIfChange): string {
  switch (change.kind) {
    case 'labelAdd':
    case 'labelRemove':
      return `label:${change.nodeId}:${change.key}`
    case 'availability':
      return `availability:${change.nodeId}`
    case 'nodeState':
      return `state:${change.nodeId}`
    case 'constraints':
      return `constraints:${change.service}`
  }
}

/** Add a change, replacing (in place) one with the same target. */
export function withChange(list: readonly WhatIfChange[], change: WhatIfChange): WhatIfChange[] {
  const target = changeTarget(change)
  const at = list.findIndex((existing) => changeTarget(existing) === target)
  if (at < 0) return [...list, change]
  return list.map((existing, i) => (i === at ? change : existing))
}

export function withoutChangeAt(list: readonly WhatIfChange[], index: number): WhatIfChange[] {
  return list.filter((_, i) => i !== index)
}

/** Changes that name nodes or services no longer in the cluster are dropped. */
export function pruneChanges(list: readonly WhatIfChange[], nodeIds: ReadonlySet<string>, serviceIds: ReadonlySet<string>): WhatIfChange[] {
  const kept = list.filter((change) => (change.kind === 'constraints' ? serviceIds.has(change.service) : nodeIds.has(change.nodeId)))
  return kept.length === list.length ? (list as WhatIfChange[]) : kept
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((item, i) => item === b[i])

/** The cluster already is this way (e.g. the label was applied since): the change does nothing. */
export function isAlreadyLive(change: WhatIfChange, nodes: Readonly<Record<string, NodeFacts>>, services: Readonly<Record<string, ServiceFacts>>): boolean {
  if (change.kind === 'constraints') {
    const service = services[change.service]
    return service !== undefined && sameList(service.constraints, change.constraints)
  }
  const node = nodes[change.nodeId]
  if (!node) return false
  switch (change.kind) {
    case 'labelAdd':
      return node.labels[change.key] === change.value
    case 'labelRemove':
      return !(change.key in node.labels)
    case 'availability':
      return node.availability === change.availability
    case 'nodeState':
      return node.state === change.state
  }
}

export interface LabelApplyGroup {
  nodeIds: string[]
  add: Record<string, string>
  remove: string[]
}

/**
 * The label changes still to make, grouped by nodes that get exactly the same difference: each
 * group is one (possibly bulk) label-editor session. Groups follow the list order.
 */
export function labelApplyGroups(changes: readonly WhatIfChange[], nodes: Readonly<Record<string, NodeFacts>>, services: Readonly<Record<string, ServiceFacts>> = {}): LabelApplyGroup[] {
  const perNode = new Map<string, { add: Record<string, string>; remove: string[] }>()
  for (const change of changes) {
    if (change.kind !== 'labelAdd' && change.kind !== 'labelRemove') continue
    if (!nodes[change.nodeId] || isAlreadyLive(change, nodes, services)) continue
    let diff = perNode.get(change.nodeId)
    if (!diff) perNode.set(change.nodeId, (diff = { add: {}, remove: [] }))
    if (change.kind === 'labelAdd') diff.add[change.key] = change.value
    else diff.remove.push(change.key)
  }
  const groups = new Map<string, LabelApplyGroup>()
  for (const [nodeId, diff] of perNode) {
    const add = Object.fromEntries(Object.entries(diff.add).sort(([a], [b]) => a.localeCompare(b)))
    const remove = [...diff.remove].sort()
    const key = JSON.stringify([add, remove])
    const group = groups.get(key)
    if (group) group.nodeIds.push(nodeId)
    else groups.set(key, { nodeIds: [nodeId], add, remove })
  }
  return [...groups.values()]
}

/**
 * The docker commands that would make the changes real (shown, never run): one node update per
 * node for its labels, availability separately, a service update per constraint edit. A node
 * going down is a failure, not a command: it is a comment.
 */
export function changesCli(changes: readonly WhatIfChange[], nodes: Readonly<Record<string, NodeFacts>>, services: Readonly<Record<string, ServiceFacts>>): string {
  // A node's label edits make one command, where its first label edit is in the list.
  const entries: ({ labelsOf: string } | { line: string })[] = []
  const labelDiffs = new Map<string, { add: Record<string, string>; remove: string[] }>()
  const hostname = (nodeId: string): string => nodes[nodeId]?.hostname ?? nodeId
  for (const change of changes) {
    if (change.kind === 'labelAdd' || change.kind === 'labelRemove') {
      let diff = labelDiffs.get(change.nodeId)
      if (!diff) {
        labelDiffs.set(change.nodeId, (diff = { add: {}, remove: [] }))
        entries.push({ labelsOf: change.nodeId })
      }
      if (change.kind === 'labelAdd') diff.add[change.key] = change.value
      else diff.remove.push(change.key)
    } else if (change.kind === 'availability') {
      entries.push({ line: nodeChangeCli({ availability: change.availability }, hostname(change.nodeId)) })
    } else if (change.kind === 'nodeState') {
      entries.push({ line: `# ${hostname(change.nodeId)} becomes ${change.state} (a failure, not a command)` })
    } else {
      const service = services[change.service]
      const before = service?.constraints ?? []
      const removed = before.filter((c) => !change.constraints.includes(c))
      const added = change.constraints.filter((c) => !before.includes(c))
      const words = [...removed.flatMap((c) => ['--constraint-rm', shellQuote(c)]), ...added.flatMap((c) => ['--constraint-add', shellQuote(c)])]
      entries.push({ line: commandLine('docker', 'service', 'update', ...words, shellQuote(service?.name ?? change.service)) })
    }
  }
  return entries
    .map((entry) => ('line' in entry ? entry.line : labelChangeCli(labelDiffs.get(entry.labelsOf) ?? { add: {}, remove: [] }, hostname(entry.labelsOf))))
    .join('\n')
}

export interface TaskShift {
  hostname: string
  /** Tasks that leave (from) or arrive (to). */
  count: number
}

/** A service's per-node count changes as "from these nodes -> to those", most tasks first. */
export function taskShifts(moves: readonly { hostname: string; before: number; after: number }[]): { from: TaskShift[]; to: TaskShift[] } {
  const byCount = (a: TaskShift, b: TaskShift): number => b.count - a.count || a.hostname.localeCompare(b.hostname, undefined, { numeric: true })
  return {
    from: moves.filter((m) => m.after < m.before).map((m) => ({ hostname: m.hostname, count: m.before - m.after })).sort(byCount),
    to: moves.filter((m) => m.after > m.before).map((m) => ({ hostname: m.hostname, count: m.after - m.before })).sort(byCount)
  }
}

export interface NodeEdit {
  availability: NodeFacts['availability'] | null
  state: Extract<WhatIfChange, { kind: 'nodeState' }>['state'] | null
  /** How many of its labels the changes add or remove. */
  labels: number
}

/** Hypothetical availability, state and label edits per node (for the matrix headers). */
export function nodeEdits(changes: readonly WhatIfChange[]): Map<string, NodeEdit> {
  const out = new Map<string, NodeEdit>()
  for (const change of changes) {
    if (change.kind === 'constraints') continue
    const entry: NodeEdit = out.get(change.nodeId) ?? { availability: null, state: null, labels: 0 }
    if (change.kind === 'availability') entry.availability = change.availability
    else if (change.kind === 'nodeState') entry.state = change.state
    else entry.labels++
    out.set(change.nodeId, entry)
  }
  return out
}
