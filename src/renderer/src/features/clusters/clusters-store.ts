import { create } from 'zustand'
import type { ClusterState } from '../../../../shared/connections'
import type { HostKeyDetails, RpcErrorData } from '../../../../shared/errors'

/** A failed open or close, shown above the page until dismissed. */
export interface ClusterActionFailure {
  action: 'open' | 'close'
  /** Profile name (or "default") for the message. */
  label: string
  profileId: string
  error: RpcErrorData
}

/** An SSH host key the user must decide about before the profile can be opened. */
export interface HostKeyPrompt {
  profileId: string
  label: string
  code: 'HOST_KEY_UNKNOWN' | 'HOST_KEY_CHANGED'
  hostKey: HostKeyDetails
  message: string
}

interface ClustersState {
  /** Open clusters by id (closed ones are removed). */
  clusters: Record<string, ClusterState>
  /** Ids in the order they were opened: the switcher's order. */
  order: string[]
  activeId: string | null
  /** clusters.list at startup. */
  listStatus: 'idle' | 'loading' | 'loaded' | 'failed'
  listError: RpcErrorData | null
  /** Profile ids with a clusters.open in flight. */
  opening: Record<string, boolean>
  failure: ClusterActionFailure | null
  hostKeyPrompt: HostKeyPrompt | null
  acceptingHostKey: boolean
}

interface ClustersActions {
  listLoading(): void
  listLoaded(states: ClusterState[]): void
  listFailed(error: RpcErrorData): void
  upsert(state: ClusterState): void
  remove(clusterId: string): void
  setActive(clusterId: string): void
  setOpening(profileId: string, busy: boolean): void
  setFailure(failure: ClusterActionFailure | null): void
  setHostKeyPrompt(prompt: HostKeyPrompt | null): void
  setAcceptingHostKey(busy: boolean): void
}

const initialState: ClustersState = {
  clusters: {},
  order: [],
  activeId: null,
  listStatus: 'idle',
  listError: null,
  opening: {},
  failure: null,
  hostKeyPrompt: null,
  acceptingHostKey: false
}

export const useClustersStore = create<ClustersState & ClustersActions>()((set) => ({
  ...initialState,
  listLoading: () => set({ listStatus: 'loading', listError: null }),
  listLoaded: (states) =>
    set((state) => {
      const open = states.filter((s) => s.phase !== 'closed')
      const clusters = Object.fromEntries(open.map((s) => [s.clusterId, s]))
      const order = open.map((s) => s.clusterId)
      const activeId = state.activeId && clusters[state.activeId] ? state.activeId : (order[0] ?? null)
      return { clusters, order, activeId, listStatus: 'loaded', listError: null }
    }),
  listFailed: (error) => set({ listStatus: 'failed', listError: error }),
  upsert: (incoming) =>
    set((state) => {
      if (incoming.phase === 'closed') return withoutCluster(state, incoming.clusterId)
      const known = state.clusters[incoming.clusterId] !== undefined
      return {
        clusters: { ...state.clusters, [incoming.clusterId]: incoming },
        order: known ? state.order : [...state.order, incoming.clusterId],
        activeId: state.activeId ?? incoming.clusterId
      }
    }),
  remove: (clusterId) => set((state) => withoutCluster(state, clusterId)),
  setActive: (clusterId) => set((state) => (state.clusters[clusterId] ? { activeId: clusterId } : {})),
  setOpening: (profileId, busy) =>
    set((state) => {
      const opening = { ...state.opening }
      if (busy) opening[profileId] = true
      else delete opening[profileId]
      return { opening }
    }),
  setFailure: (failure) => set({ failure }),
  setHostKeyPrompt: (hostKeyPrompt) => set({ hostKeyPrompt }),
  setAcceptingHostKey: (acceptingHostKey) => set({ acceptingHostKey })
}))

function withoutCluster(state: ClustersState, clusterId: string): Partial<ClustersState> {
  if (!state.clusters[clusterId]) return {}
  const clusters = { ...state.clusters }
  delete clusters[clusterId]
  const order = state.order.filter((id) => id !== clusterId)
  const activeId = state.activeId === clusterId ? (order[0] ?? null) : state.activeId
  return { clusters, order, activeId }
}

/** The active cluster's state, or null. */
export function useActiveCluster(): ClusterState | null {
  return useClustersStore((s) => (s.activeId ? (s.clusters[s.activeId] ?? null) : null))
}
