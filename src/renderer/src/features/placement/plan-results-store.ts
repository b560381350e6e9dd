import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { Worded } from '../../../../shared/phrase'
import type { PlacementMatrix, PlacementPlanData } from '../../../../shared/placement'
import type { TextLine } from './draft-model'
import type { WhatIfChange } from './whatif-changes'

/**
 * What main's planner answered, per question: the matrix (after the what-if changes, with the
 * live one as baseline when there are changes), the selected service's plan, the draft's plan.
 * Results stay on screen while the next answer is on its way (`loading`), so nothing flickers.
 */

export interface MatrixResult {
  matrix: PlacementMatrix
  /** The matrix without the changes; null when there are none. */
  baseline: PlacementMatrix | null
  /** The what-if list this answers (the store's array: compared by identity). */
  changes: readonly WhatIfChange[]
}

export interface ServicePlanResult {
  serviceId: string
  plan: PlacementPlanData
  before: PlacementPlanData | null
  /** Changes the planner could not apply (unknown node or service). */
  errors: Worded[]
}

export interface DraftPlanResult {
  plan: PlacementPlanData
  /** The constraint lines this plan was made from (issue index -> textarea line). */
  constraintLines: TextLine[]
}

interface Slot<T> {
  result: T | null
  error: RpcErrorData | null
  loading: boolean
}

const empty = <T,>(): Slot<T> => ({ result: null, error: null, loading: false })

interface PlanResultsState {
  matrix: Slot<MatrixResult>
  service: Slot<ServicePlanResult>
  draft: Slot<DraftPlanResult>
}

type SlotName = keyof PlanResultsState

interface PlanResultsActions {
  start(slot: SlotName): void
  succeed<S extends SlotName>(slot: S, result: NonNullable<PlanResultsState[S]['result']>): void
  fail(slot: SlotName, error: RpcErrorData): void
  clear(slot: SlotName): void
  reset(): void
}

const initialState: PlanResultsState = { matrix: empty(), service: empty(), draft: empty() }

export const usePlanResultsStore = create<PlanResultsState & PlanResultsActions>()((set) => ({
  ...initialState,
  start: (slot) => set((state) => ({ [slot]: { ...state[slot], loading: true } })),
  succeed: (slot, result) => set({ [slot]: { result, error: null, loading: false } }),
  fail: (slot, error) => set((state) => ({ [slot]: { ...state[slot], error, loading: false } })),
  clear: (slot) => set({ [slot]: empty() }),
  reset: () => set(initialState)
}))
