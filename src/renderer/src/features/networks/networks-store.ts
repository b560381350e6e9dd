import { create } from 'zustand'
import type { SortState } from '../../components/table-sort'
import type { RpcErrorData } from '../../../../shared/errors'
import type { EngineVolume, NetworkDraft, NetworkPlan, NetworkRemovalPlan } from '../../../../shared/networks'
import { emptyDraft } from './network-rows'

interface NetworksState {
  tab: 'networks' | 'volumes'
  /** Cluster volumes listed per volume (with its nodes) or per node (with its volumes). */
  volumesView: 'volume' | 'node'
  filter: string
  sort: SortState | null
  /** Network shown in the detail drawer. */
  selectedId: string | null
  create: {
    open: boolean
    draft: NetworkDraft
    /** Increments with every edit, so a late plan for an older draft is dropped. */
    revision: number
    plan: NetworkPlan | null
    planning: boolean
    planError: RpcErrorData | null
    creating: boolean
    createError: RpcErrorData | null
  }
  remove: {
    networkId: string | null
    name: string
    plan: NetworkRemovalPlan | null
    checkError: RpcErrorData | null
    removing: boolean
    removeError: RpcErrorData | null
  }
  volumes: {
    loading: boolean
    result: { node: { id: string; hostname: string }; volumes: EngineVolume[]; cli: string } | null
    error: RpcErrorData | null
  }
}

interface NetworksActions {
  setTab(tab: NetworksState['tab']): void
  setVolumesView(view: NetworksState['volumesView']): void
  setFilter(filter: string): void
  setSort(sort: SortState): void
  select(networkId: string | null): void
  openCreate(): void
  closeCreate(): void
  editDraft(change: Partial<NetworkDraft>): number
  setPlan(revision: number, result: { plan: NetworkPlan } | { error: RpcErrorData }): void
  setCreating(creating: boolean, error?: RpcErrorData | null): void
  openRemove(network: { id: string; name: string }): void
  setRemovePlan(networkId: string, result: { plan: NetworkRemovalPlan } | { error: RpcErrorData }): void
  setRemoving(removing: boolean, error?: RpcErrorData | null): void
  closeRemove(): void
  setVolumes(state: Partial<NetworksState['volumes']>): void
}

const closedCreate = (): NetworksState['create'] => ({
  open: false, draft: emptyDraft(), revision: 0, plan: null, planning: false, planError: null, creating: false, createError: null
})
const closedRemove = (): NetworksState['remove'] => ({ networkId: null, name: '', plan: null, checkError: null, removing: false, removeError: null })

export const useNetworksStore = create<NetworksState & NetworksActions>()((set, get) => ({
  tab: 'networks',
  volumesView: 'volume',
  filter: '',
  sort: { columnId: 'name', direction: 'asc' },
  selectedId: null,
  create: closedCreate(),
  remove: closedRemove(),
  volumes: { loading: false, result: null, error: null },
  setTab: (tab) => set({ tab }),
  setVolumesView: (volumesView) => set({ volumesView }),
  setFilter: (filter) => set({ filter }),
  setSort: (sort) => set({ sort }),
  select: (selectedId) => set({ selectedId }),
  openCreate: () => set({ create: { ...closedCreate(), open: true, planning: true } }),
  closeCreate: () => set((s) => ({ create: { ...closedCreate(), revision: s.create.revision + 1 } })),
  editDraft: (change) => {
    const revision = get().create.revision + 1
    set((s) => ({ create: { ...s.create, draft: { ...s.create.draft, ...change }, revision, planning: true, createError: null } }))
    return revision
  },
  setPlan: (revision, result) => {
    const current = get().create
    if (!current.open || current.revision !== revision) return
    set({ create: { ...current, planning: false, ...('plan' in result ? { plan: result.plan, planError: null } : { planError: result.error }) } })
  },
  setCreating: (creating, error = null) => set((s) => ({ create: { ...s.create, creating, createError: error } })),
  openRemove: (network) => set({ remove: { ...closedRemove(), networkId: network.id, name: network.name } }),
  setRemovePlan: (networkId, result) => {
    const current = get().remove
    if (current.networkId !== networkId) return
    set({ remove: { ...current, ...('plan' in result ? { plan: result.plan, checkError: null } : { checkError: result.error }) } })
  },
  setRemoving: (removing, error = null) => set((s) => ({ remove: { ...s.remove, removing, removeError: error } })),
  closeRemove: () => set({ remove: closedRemove() }),
  setVolumes: (state) => set((s) => ({ volumes: { ...s.volumes, ...state } }))
}))
