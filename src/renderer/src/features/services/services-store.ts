import { create } from 'zustand'
import type { SortState } from '../../components/table-sort'

interface ServicesState {
  filter: string
  sort: SortState | null
  /** Service shown in the detail drawer. */
  selectedId: string | null
}

interface ServicesActions {
  setFilter(filter: string): void
  setSort(sort: SortState): void
  select(serviceId: string | null): void
}

const initialState: ServicesState = { filter: '', sort: { columnId: 'name', direction: 'asc' }, selectedId: null }

export const useServicesStore = create<ServicesState & ServicesActions>()((set) => ({
  ...initialState,
  setFilter: (filter) => set({ filter }),
  setSort: (sort) => set({ sort }),
  select: (selectedId) => set({ selectedId })
}))
