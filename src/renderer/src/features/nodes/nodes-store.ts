import { create } from 'zustand'
import type { SortState } from '../../components/table-sort'

interface NodesState {
  filter: string
  sort: SortState | null
}

interface NodesActions {
  setFilter(filter: string): void
  setSort(sort: SortState): void
}

const initialState: NodesState = { filter: '', sort: { columnId: 'hostname', direction: 'asc' } }

export const useNodesStore = create<NodesState & NodesActions>()((set) => ({
  ...initialState,
  setFilter: (filter) => set({ filter }),
  setSort: (sort) => set({ sort })
}))
