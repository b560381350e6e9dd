// `docker stack deploy --detach=false`: wait until every service of the deploy has converged.
// The verdict is the shared one (rollouts/convergence.ts), followed through the cluster mirror
// (rollouts/convergence-watcher.ts): all services at once, each reported as it changes.
import type { Convergence } from '../../shared/stacks'
import { watchConvergence, type MirrorFeed, type WatchVerdict } from '../rollouts/convergence-watcher'
import type { ConvergenceGoal } from '../rollouts/convergence'

export interface WaitTarget {
  id: string
  name: string
  /** the deploy replaced tasks: swarm must report the rolling update (UpdateStatus) completed */
  restarts: boolean
  /** when the spec was written (local clock) */
  writtenAt: number
  /** the version index the update was written at (the mirror may still show the spec before it); none for a create */
  writtenVersion?: number
}

/** A deploy's wait: the engine's rollback of a service is a failure (the file's spec is not what runs). */
export function stackGoal(target: WaitTarget): ConvergenceGoal {
  return {
    voice: 'stack',
    engineRollback: 'fails',
    ...(target.writtenVersion !== undefined ? { afterVersion: target.writtenVersion } : {}),
    ...(target.restarts ? { startGrace: { since: target.writtenAt } } : {})
  }
}

/** A verdict as the deploy result's per-service line. */
export function convergenceOf(target: WaitTarget, verdict: WatchVerdict): Convergence {
  const state = verdict.state === 'converged' || verdict.state === 'timeout' || verdict.state === 'stopped' ? verdict.state : 'failed'
  return { service: target.name, state, running: verdict.running, desired: verdict.desired, message: verdict.message, said: verdict.said }
}

export async function waitForConvergence(
  mirror: MirrorFeed,
  targets: WaitTarget[],
  options: { timeoutMs: number; onChange(target: WaitTarget, verdict: WatchVerdict): void; signal?: AbortSignal }
): Promise<Convergence[]> {
  return Promise.all(
    targets.map(async (target) => {
      const verdict = await watchConvergence(mirror, target.id, stackGoal(target), { timeoutMs: options.timeoutMs, onChange: (v) => options.onChange(target, v), signal: options.signal })
      return convergenceOf(target, verdict)
    })
  )
}
