import { useMemo } from 'react'
import type { SwarmNode } from '../../../../shared/domain'
import { nodeMatchesFilters, type NodeFilters } from './node-filter'

export interface ShownNodes {
  /** every node of the swarm */
  all: SwarmNode[]
  /** the nodes the filters let through, the table's rows */
  rows: SwarmNode[]
  /** the selected nodes still in the swarm, by hostname */
  selected: SwarmNode[]
  selectedSet: Set<string>
  /** selected nodes the filters show, and hide */
  shownSelected: number
  hiddenSelected: number
}

/** The table's rows and the selection, from the mirror's nodes, the filters and the selected ids. */
export function useShownNodes(nodes: Readonly<Record<string, SwarmNode>> | null, { text: filter, role, availability, label }: NodeFilters, selectedIds: readonly string[]): ShownNodes {
  const all = useMemo(() => Object.values(nodes ?? {}), [nodes])
  const filters = useMemo<NodeFilters>(() => ({ text: filter, role, availability, label }), [filter, role, availability, label])
  const rows = useMemo(() => all.filter((n) => nodeMatchesFilters(n, filters)), [all, filters])
  // Nodes that left the swarm drop out of the selection here, not by patching the store.
  const selected = useMemo(() => {
    const ids = new Set(selectedIds)
    return all.filter((n) => ids.has(n.id)).sort((a, b) => a.hostname.localeCompare(b.hostname, undefined, { numeric: true }))
  }, [all, selectedIds])
  const selectedSet = useMemo(() => new Set(selected.map((n) => n.id)), [selected])
  const shownSelected = rows.filter((n) => selectedSet.has(n.id)).length
  const hiddenSelected = selected.length - shownSelected
  return { all, rows, selected, selectedSet, shownSelected, hiddenSelected }
}
