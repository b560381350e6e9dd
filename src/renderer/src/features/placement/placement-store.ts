import { create } from 'zustand'

/** What the Placement page shows: the matrix (live services, what-if) or the draft planner. */
export type PlacementView = 'matrix' | 'draft'
/** The panel beside the matrix: the selected service's plan, or the what-if builder. */
export type PlacementPanel = 'service' | 'whatif'

interface PlacementState {
  /** The cluster the selection belongs to; another cluster starts afresh. */
  clusterId: string | null
  view: PlacementView
  panel: PlacementPanel
  selectedServiceId: string | null
  filter: string
  onlyProblems: boolean
}

interface PlacementActions {
  /** Returns true when the cluster differs from the one the page showed last (the selection was reset). */
  bindCluster(clusterId: string): boolean
  setView(view: PlacementView): void
  setPanel(panel: PlacementPanel): void
  /** Select a service (or none) and show its plan. */
  select(serviceId: string | null): void
  setFilter(filter: string): void
  setOnlyProblems(onlyProblems: boolean): void
}

const initialState: PlacementState = { clusterId: null, view: 'matrix', panel: 'service', selectedServiceId: null, filter: '', onlyProblems: false }

export const usePlacementStore = create<PlacementState & PlacementActions>()((set, get) => ({
  ...initialState,
  bindCluster: (clusterId) => {
    if (get().clusterId === clusterId) return false
    set({ ...initialState, view: get().view, clusterId })
    return true
  },
  setView: (view) => set({ view }),
  setPanel: (panel) => set({ panel }),
  select: (selectedServiceId) => set(selectedServiceId ? { selectedServiceId, panel: 'service' } : { selectedServiceId }),
  setFilter: (filter) => set({ filter }),
  setOnlyProblems: (onlyProblems) => set({ onlyProblems })
}))
