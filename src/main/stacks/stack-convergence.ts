// `docker stack deploy --detach=false`: wait until every service of the deploy has converged.
// The verdict per service is pure (serviceVerdict); the polling loop reads services with
// ServiceStatus and the tasks that should be running.
import type { Convergence } from '../../shared/stacks'
import type { LiveService, LiveTask } from './live-shapes'
import type { StackEngine } from './stack-engine'

export interface WaitTarget {
  id: string
  name: string
  /** the deploy replaced tasks: swarm must report the rolling update (UpdateStatus) completed */
  restarts: boolean
  /** when the spec was written (local clock) */
  writtenAt: number
}

export type Verdict = { state: 'converged' | 'failed' | 'waiting'; running: number; desired: number; message: string }

/** After this long without an UpdateStatus, an expected rolling update is taken as not needed. */
export const UPDATE_START_GRACE_MS = 3_000

export function serviceVerdict(service: LiveService | undefined, tasks: LiveTask[], target: WaitTarget, now: number): Verdict {
  if (!service) return { state: 'failed', running: 0, desired: 0, message: 'the service disappeared' }
  const spec = service.Spec
  const mode = spec.Mode
  const replicas = mode && typeof mode === 'object' && !Array.isArray(mode) ? mode.Replicated : undefined
  const specReplicas = replicas && typeof replicas === 'object' && !Array.isArray(replicas) && typeof replicas.Replicas === 'number' ? replicas.Replicas : 1
  const desired = service.ServiceStatus?.DesiredTasks ?? specReplicas
  const active = tasks.filter((t) => t.DesiredState === 'running')
  const running = active.filter((t) => t.Status?.State === 'running').length
  const status = service.UpdateStatus ?? null
  const lastError = [...tasks]
    .filter((t) => t.Status?.Err)
    .sort((a, b) => ((a.Status?.Timestamp ?? '') < (b.Status?.Timestamp ?? '') ? 1 : -1))[0]?.Status?.Err
  const detail = `${running}/${desired} running${lastError ? `; last task error: ${lastError}` : ''}`
  if (status?.State === 'paused' || status?.State === 'rollback_paused') return { state: 'failed', running, desired, message: `update ${status.State}: ${status.Message ?? ''}`.trim() }
  if (status?.State === 'rollback_completed') return { state: 'failed', running, desired, message: `rolled back: ${status.Message ?? ''}`.trim() }
  if (status && status.State !== 'completed') return { state: 'waiting', running, desired, message: `${status.State}: ${detail}` }
  if (!status && target.restarts && now - target.writtenAt < UPDATE_START_GRACE_MS) return { state: 'waiting', running, desired, message: `update starting: ${detail}` }
  if (running === desired && active.length === running) return { state: 'converged', running, desired, message: `${running}/${desired} running` }
  return { state: 'waiting', running, desired, message: detail }
}

const POLL_MS = 500

export async function waitForConvergence(
  engine: StackEngine,
  targets: WaitTarget[],
  options: { timeoutMs: number; onChange(target: WaitTarget, verdict: Verdict): void }
): Promise<Convergence[]> {
  const results = new Map<string, Convergence>()
  const last = new Map<string, string>()
  const deadline = Date.now() + options.timeoutMs
  for (;;) {
    const pending = targets.filter((t) => !results.has(t.id))
    if (pending.length === 0) break
    const ids = pending.map((t) => t.id)
    const [services, tasks] = await Promise.all([engine.listServices({ id: ids }, true), engine.listTasks({ service: ids })])
    const now = Date.now()
    for (const target of pending) {
      const service = services.find((s) => s.ID === target.id)
      const verdict = serviceVerdict(service, tasks.filter((t) => t.ServiceID === target.id), target, now)
      if (last.get(target.id) !== verdict.message) {
        last.set(target.id, verdict.message)
        options.onChange(target, verdict)
      }
      if (verdict.state !== 'waiting') results.set(target.id, { service: target.name, state: verdict.state, running: verdict.running, desired: verdict.desired, message: verdict.message })
      else if (now >= deadline) {
        results.set(target.id, { service: target.name, state: 'timeout', running: verdict.running, desired: verdict.desired, message: `not converged after ${Math.round(options.timeoutMs / 1000)}s: ${verdict.message}` })
      }
    }
    if (targets.every((t) => results.has(t.id))) break
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
  return targets.map((t) => results.get(t.id) as Convergence)
}
