/** What the selected nodes have in common, label by label: the starting point of a bulk edit. Pure. */
export interface LabelSummary {
  key: string
  /** Hostnames of the selected nodes that have the key, in the order given. */
  hostnames: string[]
  /** The distinct values among them, sorted; more than one means the nodes disagree. */
  values: string[]
}

export interface LabelledNode {
  hostname: string
  labels: Record<string, string>
}

const collator = new Intl.Collator(undefined, { numeric: true })

export function summariseLabels(nodes: readonly LabelledNode[]): LabelSummary[] {
  const byKey = new Map<string, { hostnames: string[]; values: Set<string> }>()
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node.labels)) {
      let entry = byKey.get(key)
      if (!entry) byKey.set(key, (entry = { hostnames: [], values: new Set() }))
      entry.hostnames.push(node.hostname)
      entry.values.add(value)
    }
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([key, entry]) => ({ key, hostnames: entry.hostnames, values: [...entry.values].sort(collator.compare) }))
}

/**
 * The engine labels of the selected nodes (`engine.labels.*`, set in each daemon's configuration:
 * `docker node update` cannot change them), summarised like the node labels, for the editor to
 * show read-only beside the labels it edits.
 */
export function summariseEngineLabels(nodes: readonly { hostname: string; engineLabels?: Record<string, string> }[]): LabelSummary[] {
  return summariseLabels(nodes.map((n) => ({ hostname: n.hostname, labels: n.engineLabels ?? {} })))
}
