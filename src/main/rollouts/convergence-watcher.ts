// Follows one service until it converges, fails or the time is up, through the cluster mirror's
// live updates: the mirror already re-reads a service and its tasks after each of its events
// (and follows its tasks while they move), so a wait reads nothing from the engine itself. The
// verdict is convergence.ts (pure); this module only listens, keeps time and reports changes.
import type { ClusterState } from '../../shared/connections'
import type { Service, Task } from '../../shared/domain'
import { phrase } from '../../shared/phrase'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { english } from '../i18n/english'
import type { EventBus } from '../rpc/event-bus'
import { convergenceVerdict, timedOut, type ConvergenceGoal, type ConvergenceVerdict } from './convergence'

/** What a wait needs of a cluster's mirror: read one service, hear that something changed. */
export interface MirrorFeed {
  /** The service and its tasks as the mirror holds them; null while there is no mirror (reconnecting). */
  read(serviceId: string): { service: Service | undefined; tasks: Task[] } | null
  /** `changed` after each batch the mirror applies (or a resync), `closed` when the cluster is closed. */
  subscribe(listener: (change: 'changed' | 'closed') => void): () => void
  /** Ask the mirror to keep reading this service and its tasks while the wait lasts; returns the release. */
  followWhileWaited?(serviceId: string): () => void
}

/** The feed of an open cluster: its session's mirror, and the bus its batches are published on. */
export function clusterMirrorFeed(registry: ClusterRegistry, bus: EventBus, clusterId: string): MirrorFeed {
  return {
    read(serviceId) {
      let session
      try {
        session = registry.get(clusterId)
      } catch {
        return null
      }
      if (session.phase !== 'ready') return null
      return session.mirror?.serviceWithTasks(serviceId) ?? null
    },
    subscribe(listener) {
      return bus.subscribe((name, payload) => {
        if (name === 'mirror.deltas' || name === 'mirror.reset') {
          if ((payload as { clusterId: string }).clusterId === clusterId) listener('changed')
        } else if (name === 'cluster.state') {
          const state = payload as ClusterState
          if (state.clusterId === clusterId && state.phase === 'closed') listener('closed')
        }
      })
    },
    followWhileWaited(serviceId) {
      // The mirror of the moment; after a failover, the new mirror is asked again.
      const follow = (): (() => void) => {
        try {
          return registry.get(clusterId).mirror?.followWhileWaited(serviceId) ?? (() => undefined)
        } catch {
          return () => undefined
        }
      }
      let release = follow()
      const unsubscribe = bus.subscribe((name, payload) => {
        if (name !== 'mirror.reset' || (payload as { clusterId: string }).clusterId !== clusterId) return
        release()
        release = follow()
      })
      return () => {
        unsubscribe()
        release()
      }
    }
  }
}

/** `stopped`: the one waiting stopped the wait (the service goes on converging, or not, without us). */
export type WatchVerdict = Omit<ConvergenceVerdict, 'state'> & { state: ConvergenceVerdict['state'] | 'timeout' | 'stopped' }

export interface WatchOptions {
  timeoutMs: number
  /**
   * Converged must hold this long with the same tasks, like the docker CLI's "verify" step
   * (a task that crashes right after starting is replaced, which resets it).
   */
  stableForMs?: number
  /** Each time the sentence changes (progress), the final one included, a timeout excepted. */
  onChange?(verdict: WatchVerdict): void
  /** Stops the wait at once (a user's "stop waiting"): resolves with `stopped` and where it stood. */
  signal?: AbortSignal
}

/** Waits for one service; resolves with the final verdict (never rejects on the service's state). */
export function watchConvergence(feed: MirrorFeed, serviceId: string, goal: ConvergenceGoal, options: WatchOptions): Promise<WatchVerdict> {
  return new Promise<WatchVerdict>((resolve, reject) => {
    const since = Date.now()
    let seen = false
    let lastMessage = ''
    let latest: ConvergenceVerdict | null = null
    let stable: { since: number; tasks: string } | null = null
    let recheck: NodeJS.Timeout | null = null
    let finished = false
    let unsubscribe: () => void = () => undefined
    const unfollow = feed.followWhileWaited?.(serviceId) ?? (() => undefined)

    const settle = (outcome: { verdict: WatchVerdict } | { error: unknown }): void => {
      if (finished) return
      finished = true
      unsubscribe()
      unfollow()
      clearTimeout(deadline)
      if (recheck) clearTimeout(recheck)
      options.signal?.removeEventListener('abort', stop)
      if ('error' in outcome) reject(outcome.error)
      else resolve(outcome.verdict)
    }
    const stop = (): void => {
      const last = latest ?? convergenceVerdict({ service: undefined, tasks: [], goal, now: Date.now(), seen: false, since })
      const said = phrase('convergence.stopped', { detail: last.said })
      settle({ verdict: { ...last, state: 'stopped', said, message: english(said), recheckAt: null } })
    }
    const report = (verdict: WatchVerdict): void => {
      if (verdict.message === lastMessage) return
      lastMessage = verdict.message
      options.onChange?.(verdict)
    }

    const evaluate = (): void => {
      if (finished) return
      try {
        const read = feed.read(serviceId)
        if (!read) return // no mirror just now (failover): the reset that follows brings it back
        if (read.service) seen = true
        const now = Date.now()
        let verdict = convergenceVerdict({ service: read.service, tasks: read.tasks, goal, now, seen, since })
        if (verdict.state === 'converged' && options.stableForMs) {
          const tasks = read.tasks.filter((t) => t.desiredState === 'running').map((t) => t.id).sort().join(',')
          if (stable?.tasks !== tasks) stable = { since: now, tasks }
          const until = stable.since + options.stableForMs
          if (now < until) {
            const said = phrase('convergence.verifying', { detail: verdict.said })
            verdict = { ...verdict, state: 'waiting', said, message: english(said), recheckAt: until }
          }
        } else stable = null
        latest = verdict
        report(verdict)
        if (verdict.state !== 'waiting') return settle({ verdict })
        if (recheck) clearTimeout(recheck)
        recheck = verdict.recheckAt === null ? null : setTimeout(evaluate, Math.max(0, verdict.recheckAt - now) + 1)
      } catch (error) {
        settle({ error })
      }
    }

    const deadline = setTimeout(() => {
      evaluate()
      if (finished) return
      const last = latest ?? convergenceVerdict({ service: undefined, tasks: [], goal, now: Date.now(), seen: false, since })
      const said = timedOut(last, options.timeoutMs)
      // Not reported as progress: each caller says a timeout its own way (as it always did).
      settle({ verdict: { ...last, state: 'timeout', said, message: english(said) } })
    }, options.timeoutMs)

    unsubscribe = feed.subscribe((change) => {
      if (change === 'changed') return evaluate()
      const said = phrase('convergence.cluster-closed')
      const verdict: WatchVerdict = { ...(latest ?? convergenceVerdict({ service: undefined, tasks: [], goal, now: Date.now(), seen: false, since })), state: 'failed', said, message: english(said) }
      report(verdict)
      settle({ verdict })
    })
    evaluate()
    if (options.signal?.aborted) stop()
    else options.signal?.addEventListener('abort', stop, { once: true })
  })
}
