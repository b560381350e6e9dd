import { create } from 'zustand'
import type { ConnectionProfile, Discovery } from '../../../../shared/connections'
import type { RpcErrorData } from '../../../../shared/errors'

interface ConnectionsState {
  profiles: ConnectionProfile[]
  listStatus: 'idle' | 'loading' | 'loaded' | 'failed'
  listError: RpcErrorData | null
  discovery: Discovery | null
  discoveryError: RpcErrorData | null
  /** Profile being removed (confirm dialog), and its progress. */
  removing: ConnectionProfile | null
  removeBusy: boolean
  removeError: RpcErrorData | null
}

interface ConnectionsActions {
  listLoading(): void
  listLoaded(profiles: ConnectionProfile[]): void
  listFailed(error: RpcErrorData): void
  upsertProfile(profile: ConnectionProfile): void
  dropProfile(id: string): void
  setDiscovery(discovery: Discovery): void
  setDiscoveryError(error: RpcErrorData): void
  askRemove(profile: ConnectionProfile | null): void
  setRemoveBusy(busy: boolean): void
  setRemoveError(error: RpcErrorData | null): void
}

const initialState: ConnectionsState = {
  profiles: [],
  listStatus: 'idle',
  listError: null,
  discovery: null,
  discoveryError: null,
  removing: null,
  removeBusy: false,
  removeError: null
}

export const useConnectionsStore = create<ConnectionsState & ConnectionsActions>()((set) => ({
  ...initialState,
  listLoading: () => set({ listStatus: 'loading', listError: null }),
  listLoaded: (profiles) => set({ profiles, listStatus: 'loaded', listError: null }),
  listFailed: (listError) => set({ listStatus: 'failed', listError }),
  upsertProfile: (profile) =>
    set((state) => {
      const index = state.profiles.findIndex((p) => p.id === profile.id)
      if (index === -1) return { profiles: [...state.profiles, profile] }
      const profiles = [...state.profiles]
      profiles[index] = profile
      return { profiles }
    }),
  dropProfile: (id) => set((state) => ({ profiles: state.profiles.filter((p) => p.id !== id) })),
  setDiscovery: (discovery) => set({ discovery, discoveryError: null }),
  setDiscoveryError: (discoveryError) => set({ discoveryError }),
  askRemove: (removing) => set({ removing, removeError: null }),
  setRemoveBusy: (removeBusy) => set({ removeBusy }),
  setRemoveError: (removeError) => set({ removeError })
}))
