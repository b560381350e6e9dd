import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { DeployResult, StackProgress } from '../../../../shared/stacks'
import { applyProgress, settleRows, type ProgressRow } from './deploy-progress-model'

/** The deploy in flight (or the last one): its rows, moved by `stacks.progress`, and its result. */
interface DeployProgressState {
  requestId: string | null
  stack: string | null
  /** the fingerprint sent as expectFingerprint */
  fingerprint: string | null
  rows: ProgressRow[]
  running: boolean
  result: DeployResult | null
  error: RpcErrorData | null
  /** main refused: the plan was no longer the one shown (the cluster changed meanwhile) */
  planChanged: boolean
  /** the user asked to stop waiting for convergence (the answer follows as the deploy's result) */
  stopping: boolean
}

interface DeployProgressActions {
  start(input: { requestId: string; stack: string; fingerprint: string; rows: ProgressRow[] }): void
  event(progress: StackProgress): void
  finish(result: DeployResult, planChanged: boolean): void
  fail(error: RpcErrorData): void
  stopRequested(requestId: string): void
  clear(): void
}

const initialState: DeployProgressState = { requestId: null, stack: null, fingerprint: null, rows: [], running: false, result: null, error: null, planChanged: false, stopping: false }

export const useDeployProgressStore = create<DeployProgressState & DeployProgressActions>()((set) => ({
  ...initialState,
  start: ({ requestId, stack, fingerprint, rows }) => set({ ...initialState, requestId, stack, fingerprint, rows, running: true }),
  event: (progress) => set((s) => (s.requestId === progress.requestId ? { rows: applyProgress(s.rows, progress) } : {})),
  finish: (result, planChanged) => set((s) => (s.requestId === result.requestId ? { running: false, result, planChanged, rows: settleRows(s.rows, result) } : {})),
  // What was not reported stays as it was: after a lost connection nobody knows whether it ran.
  fail: (error) => set({ running: false, error }),
  stopRequested: (requestId) => set((s) => (s.requestId === requestId && s.running ? { stopping: true } : {})),
  clear: () => set(initialState)
}))
