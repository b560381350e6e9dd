import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { DriftResult, StackSource } from '../../../../shared/stacks'

/** Files to compare the live stack with (null = SwarmDesk's last deploy of it). */
export interface DriftSource {
  /** what the user gave: a path, or the name of a file loaded in the page */
  label: string
  source: StackSource
}

/** The open stack's drift: the live stack against its last deployed files, or files the user gave. */
interface StackDriftState {
  stack: string | null
  /** increments with every question, so a late answer about another stack or file is dropped */
  request: number
  loading: boolean
  result: DriftResult | null
  error: RpcErrorData | null
  /** what the shown (or coming) result compares with */
  source: DriftSource | null
  /** a compose file on disk to compare with (read by main) */
  comparePath: string
  /** opening the files in the editor failed */
  openError: RpcErrorData | null
}

interface StackDriftActions {
  open(stack: string): void
  start(source: DriftSource | null): number
  succeed(request: number, result: DriftResult): void
  fail(request: number, error: RpcErrorData): void
  setComparePath(path: string): void
  setOpenError(error: RpcErrorData | null): void
  clear(): void
}

const initialState: Omit<StackDriftState, 'request'> = { stack: null, loading: false, result: null, error: null, source: null, comparePath: '', openError: null }

export const useStackDriftStore = create<StackDriftState & StackDriftActions>()((set, get) => ({
  ...initialState,
  request: 0,
  open: (stack) => set((s) => (s.stack === stack ? {} : { ...initialState, stack, request: s.request + 1 })),
  start: (source) => {
    const request = get().request + 1
    set({ request, loading: true, error: null, openError: null, source })
    return request
  },
  succeed: (request, result) => {
    if (get().request === request) set({ loading: false, result, error: null })
  },
  fail: (request, error) => {
    if (get().request === request) set({ loading: false, error, result: null })
  },
  setComparePath: (comparePath) => set({ comparePath }),
  setOpenError: (openError) => set({ openError }),
  clear: () => set((s) => ({ ...initialState, request: s.request + 1 }))
}))
