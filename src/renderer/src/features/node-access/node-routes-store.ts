import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { NodeRoute, NodeRouteView } from '../../../../shared/node-access'

/** The routes drawer: every node's route as main guessed or saved it, and the one being edited. */
interface NodeRoutesState {
  open: boolean
  loading: boolean
  routes: NodeRouteView[]
  error: RpcErrorData | null
  /** hostname -> the draft of its route */
  editing: { hostname: string; draft: NodeRoute } | null
  saving: boolean
}

interface NodeRoutesActions {
  show(): void
  hide(): void
  loading_(): void
  loaded(routes: NodeRouteView[]): void
  failed(error: RpcErrorData): void
  edit(hostname: string, draft: NodeRoute): void
  change(draft: Partial<NodeRoute>): void
  cancel(): void
  saving_(saving: boolean): void
}

const initialState: NodeRoutesState = { open: false, loading: false, routes: [], error: null, editing: null, saving: false }

export const useNodeRoutesStore = create<NodeRoutesState & NodeRoutesActions>()((set) => ({
  ...initialState,
  show: () => set({ ...initialState, open: true }),
  hide: () => set(initialState),
  loading_: () => set({ loading: true, error: null }),
  loaded: (routes) => set({ loading: false, routes, editing: null, saving: false }),
  failed: (error) => set({ loading: false, saving: false, error }),
  edit: (hostname, draft) => set({ editing: { hostname, draft }, error: null }),
  change: (draft) => set((s) => (s.editing ? { editing: { ...s.editing, draft: { ...s.editing.draft, ...draft } } } : {})),
  cancel: () => set({ editing: null, error: null }),
  saving_: (saving) => set({ saving })
}))
