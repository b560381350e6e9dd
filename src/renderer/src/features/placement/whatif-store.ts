import { create } from 'zustand'
import { pruneChanges, withChange, withoutChangeAt, type WhatIfChange } from './whatif-changes'

/** The kinds of hypothetical change the builder offers (the contract's, one form each). */
export type ChangeKind = WhatIfChange['kind']

/** The "new change" form, one field set for every kind (the kind picks which ones count). */
export interface ChangeDraft {
  kind: ChangeKind
  nodeId: string | null
  key: string
  value: string
  availability: 'active' | 'pause' | 'drain'
  state: 'ready' | 'down' | 'unknown' | 'disconnected'
  serviceId: string | null
  constraintsText: string
}

interface WhatIfState {
  changes: WhatIfChange[]
  draft: ChangeDraft
}

interface WhatIfActions {
  setDraft(patch: Partial<ChangeDraft>): void
  add(change: WhatIfChange): void
  removeAt(index: number): void
  clear(): void
  /** Drop changes on nodes or services that left the cluster. */
  prune(nodeIds: ReadonlySet<string>, serviceIds: ReadonlySet<string>): void
  reset(): void
}

const initialDraft: ChangeDraft = { kind: 'labelAdd', nodeId: null, key: '', value: '', availability: 'drain', state: 'down', serviceId: null, constraintsText: '' }

export const useWhatIfStore = create<WhatIfState & WhatIfActions>()((set) => ({
  changes: [],
  draft: initialDraft,
  setDraft: (patch) => set((state) => ({ draft: { ...state.draft, ...patch } })),
  add: (change) => set((state) => ({ changes: withChange(state.changes, change) })),
  removeAt: (index) => set((state) => ({ changes: withoutChangeAt(state.changes, index) })),
  clear: () => set({ changes: [] }),
  prune: (nodeIds, serviceIds) => set((state) => ({ changes: pruneChanges(state.changes, nodeIds, serviceIds) })),
  reset: () => set({ changes: [], draft: initialDraft })
}))
