import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { RotationProgress, RotationResult, StoredKind } from '../../../../shared/secrets'
import { applyProgress, settleSteps, type ProgressStep } from './rotation-progress'

/** A rotation, resume or roll back in flight (or the last one): its steps, moved by `secrets.progress`, then its result. */
export interface RotationRun {
  requestId: string
  action: 'rotate' | 'resume' | 'rollback'
  kind: StoredKind
  oldName: string
  newName: string
  /** the services concerned, in update order */
  services: string[]
  steps: ProgressStep[]
  running: boolean
  result: RotationResult | null
  error: RpcErrorData | null
}

interface RunState {
  run: RotationRun | null
}

interface RunActions {
  start(run: Omit<RotationRun, 'running' | 'result' | 'error'>): void
  event(progress: RotationProgress): void
  finish(requestId: string, result: RotationResult): void
  fail(requestId: string, error: RpcErrorData): void
  clear(): void
}

export const useRunStore = create<RunState & RunActions>()((set) => ({
  run: null,
  start: (run) => set({ run: { ...run, running: true, result: null, error: null } }),
  event: (progress) => set((s) => (s.run && s.run.requestId === progress.requestId ? { run: { ...s.run, steps: applyProgress(s.run.steps, progress) } } : {})),
  finish: (requestId, result) => set((s) => (s.run?.requestId === requestId ? { run: { ...s.run, running: false, result, steps: settleSteps(s.run.steps, result) } } : {})),
  // Refused before anything was done (a refusal, a stale plan), or the connection was lost: what
  // was not reported stays as it was.
  fail: (requestId, error) => set((s) => (s.run?.requestId === requestId ? { run: { ...s.run, running: false, error } } : {})),
  clear: () => set((s) => (s.run?.running ? {} : { run: null }))
}))
