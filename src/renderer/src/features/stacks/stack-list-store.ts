import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { RemoveResult, StackSummary } from '../../../../shared/stacks'
import type { SortState } from '../../components/table-sort'

/** Which part of the Stacks page is shown: the list, one stack, or the editor. */
export type StacksView = { kind: 'list' } | { kind: 'stack'; name: string } | { kind: 'editor' }

interface StackListState {
  view: StacksView
  /** main's `stacks.list` (the deploy times); the counts on screen come from the mirror */
  summaries: StackSummary[] | null
  loadError: RpcErrorData | null
  filter: string
  sort: SortState | null
  /** the stack of the open removal dialog */
  removeTarget: string | null
  removing: boolean
  removeError: RpcErrorData | null
  /** the last removal's report, shown on the list until dismissed */
  removeResult: RemoveResult | null
}

interface StackListActions {
  show(view: StacksView): void
  setSummaries(summaries: StackSummary[]): void
  setLoadError(error: RpcErrorData | null): void
  setFilter(filter: string): void
  setSort(sort: SortState): void
  askRemove(stack: string): void
  cancelRemove(): void
  beginRemove(): void
  removed(result: RemoveResult): void
  removeFailed(error: RpcErrorData): void
  dismissRemoveResult(): void
  reset(): void
}

const initialState: StackListState = {
  view: { kind: 'list' },
  summaries: null,
  loadError: null,
  filter: '',
  sort: { columnId: 'name', direction: 'asc' },
  removeTarget: null,
  removing: false,
  removeError: null,
  removeResult: null
}

export const useStackListStore = create<StackListState & StackListActions>()((set) => ({
  ...initialState,
  show: (view) => set({ view }),
  setSummaries: (summaries) => set({ summaries, loadError: null }),
  setLoadError: (loadError) => set({ loadError }),
  setFilter: (filter) => set({ filter }),
  setSort: (sort) => set({ sort }),
  askRemove: (removeTarget) => set({ removeTarget, removing: false, removeError: null }),
  cancelRemove: () => set((s) => (s.removing ? {} : { removeTarget: null, removeError: null })),
  beginRemove: () => set({ removing: true, removeError: null }),
  removed: (removeResult) =>
    set((s) => ({ removing: false, removeTarget: null, removeResult, view: s.view.kind === 'stack' && s.view.name === removeResult.stack ? { kind: 'list' } : s.view })),
  removeFailed: (removeError) => set({ removing: false, removeError }),
  dismissRemoveResult: () => set({ removeResult: null }),
  reset: () => set({ ...initialState })
}))
