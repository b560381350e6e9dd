import { create } from 'zustand'
import type { SortState } from '../../components/table-sort'
import type { NodeFilters } from './node-filter'

interface NodesState {
  filter: string
  role: NodeFilters['role']
  availability: NodeFilters['availability']
  label: string
  sort: SortState | null
  /** Ids of the checked nodes (kept while a filter hides them; nodes that leave the swarm drop out on read). */
  selected: string[]
}

interface NodesActions {
  setFilter(filter: string): void
  setRole(role: NodeFilters['role']): void
  setAvailability(availability: NodeFilters['availability']): void
  setLabel(label: string): void
  clearFilters(): void
  setSort(sort: SortState): void
  toggleSelected(nodeId: string, selected: boolean): void
  /** Check (or uncheck) every node in `nodeIds` at once: the "select all shown" box. */
  setSelectedMany(nodeIds: readonly string[], selected: boolean): void
  setSelected(nodeIds: readonly string[]): void
  /** Leaving the page (or the cluster): nothing stays checked. */
  clearSelection(): void
}

const initialState: NodesState = {
  filter: '',
  role: 'all',
  availability: 'all',
  label: '',
  sort: { columnId: 'hostname', direction: 'asc' },
  selected: []
}

export const useNodesStore = create<NodesState & NodesActions>()((set) => ({
  ...initialState,
  setFilter: (filter) => set({ filter }),
  setRole: (role) => set({ role }),
  setAvailability: (availability) => set({ availability }),
  setLabel: (label) => set({ label }),
  clearFilters: () => set({ filter: '', role: 'all', availability: 'all', label: '' }),
  setSort: (sort) => set({ sort }),
  toggleSelected: (nodeId, selected) =>
    set((state) => ({ selected: selected ? (state.selected.includes(nodeId) ? state.selected : [...state.selected, nodeId]) : state.selected.filter((id) => id !== nodeId) })),
  setSelectedMany: (nodeIds, selected) =>
    set((state) => {
      const ids = new Set(state.selected)
      for (const id of nodeIds) {
        if (selected) ids.add(id)
        else ids.delete(id)
      }
      return { selected: [...ids] }
    }),
  setSelected: (nodeIds) => set({ selected: [...nodeIds] }),
  clearSelection: () => set({ selected: [] })
}))
