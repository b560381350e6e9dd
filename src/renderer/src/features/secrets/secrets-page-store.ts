import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { ConfigContent, StoredKind } from '../../../../shared/secrets'
import type { SortState } from '../../components/table-sort'

/** The list or the rotation wizard (which takes the page: it has a lot to show). */
export type SecretsView = 'list' | 'rotate'

export interface RemoveTarget {
  kind: StoredKind
  id: string
  name: string
}

interface SecretsPageState {
  view: SecretsView
  tab: StoredKind
  filter: string
  sort: SortState | null
  /** the object whose detail is open */
  selectedId: string | null
  /** a config's content, fetched when its detail opens (never a secret's: there is no way to) */
  content: { configId: string; loading: boolean; content: ConfigContent | null; error: RpcErrorData | null } | null
  removeTarget: RemoveTarget | null
  removing: boolean
  removeError: RpcErrorData | null
  /** the last removal, shown above the list until dismissed */
  removed: { kind: StoredKind; name: string; cli: string } | null
}

interface SecretsPageActions {
  show(view: SecretsView): void
  setTab(tab: StoredKind): void
  setFilter(filter: string): void
  setSort(sort: SortState): void
  select(id: string | null): void
  contentLoading(configId: string): void
  contentLoaded(content: ConfigContent): void
  contentFailed(configId: string, error: RpcErrorData): void
  askRemove(target: RemoveTarget): void
  cancelRemove(): void
  beginRemove(): void
  removeDone(result: { kind: StoredKind; name: string; cli: string }): void
  removeFailed(error: RpcErrorData): void
  dismissRemoved(): void
  reset(): void
}

const initialState: SecretsPageState = {
  view: 'list',
  tab: 'secret',
  filter: '',
  sort: { columnId: 'name', direction: 'asc' },
  selectedId: null,
  content: null,
  removeTarget: null,
  removing: false,
  removeError: null,
  removed: null
}

export const useSecretsPageStore = create<SecretsPageState & SecretsPageActions>()((set) => ({
  ...initialState,
  show: (view) => set({ view }),
  setTab: (tab) => set((s) => (s.tab === tab ? {} : { tab, selectedId: null, content: null })),
  setFilter: (filter) => set({ filter }),
  setSort: (sort) => set({ sort }),
  select: (selectedId) => set((s) => ({ selectedId, content: s.content && s.content.configId === selectedId ? s.content : null })),
  contentLoading: (configId) => set({ content: { configId, loading: true, content: null, error: null } }),
  contentLoaded: (content) => set((s) => (s.content?.configId === content.id ? { content: { configId: content.id, loading: false, content, error: null } } : {})),
  contentFailed: (configId, error) => set((s) => (s.content?.configId === configId ? { content: { configId, loading: false, content: null, error } } : {})),
  askRemove: (removeTarget) => set({ removeTarget, removing: false, removeError: null }),
  cancelRemove: () => set((s) => (s.removing ? {} : { removeTarget: null, removeError: null })),
  beginRemove: () => set({ removing: true, removeError: null }),
  removeDone: (removed) => set((s) => ({ removing: false, removeTarget: null, removed, selectedId: s.removeTarget?.id === s.selectedId ? null : s.selectedId })),
  removeFailed: (removeError) => set({ removing: false, removeError }),
  dismissRemoved: () => set({ removed: null }),
  reset: () => set({ ...initialState })
}))
