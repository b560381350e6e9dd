import type { Snapshot } from '../../shared/domain'
import { phrase, type Phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import type { ClusterSession } from '../clusters/cluster-session'
import { toAppError } from '../docker/engine-errors'
import type { EngineSwarm, EngineSwarmSpec, SwarmUpdateFlags } from '../docker/engine-shapes'
import { updateWithRetry } from '../docker/versioned-update'
import { detached } from '../process-faults'

/**
 * The swarm object of an open cluster, read and written the safe way: a session in a swarm (else
 * refused), GET /swarm from a manager (a worker is refused with why), POST /swarm/update with the
 * version index just read (re-read and re-applied on a concurrent change, never overwritten), and
 * the mirror re-read after a change the engine sends no event for.
 */
export function createSwarmAccess(registry: ClusterRegistry, options: { pollMs?: number } = {}) {
  const following = new Map<string, NodeJS.Timeout>()
  function sessionOf(clusterId: string): ClusterSession {
    const session = registry.get(clusterId)
    if (session.phase === 'no-swarm') throw refusal('NOT_IN_SWARM', phrase('security.said.not-in-swarm', { name: session.profile.name }))
    return session
  }

  async function inspect(clusterId: string): Promise<EngineSwarm> {
    try {
      return await sessionOf(clusterId).engine.swarmInspect()
    } catch (error) {
      throw managerOnly(error)
    }
  }

  async function refreshMirror(clusterId: string): Promise<void> {
    try {
      await registry.get(clusterId).mirror?.refreshSwarmAndNodes()
    } catch {
      // the mirror's own ping reports a lost link; the next event repairs the model
    }
  }

  async function update(clusterId: string, what: Phrase, apply: (spec: EngineSwarmSpec, swarm: EngineSwarm) => EngineSwarmSpec | null, flags: SwarmUpdateFlags = {}) {
    const engine = sessionOf(clusterId).engine
    let last: EngineSwarm = {}
    const result = await updateWithRetry<EngineSwarmSpec>({
      what,
      read: async () => {
        last = await inspect(clusterId)
        return { version: last.Version?.Index ?? 0, spec: last.Spec ?? {} }
      },
      apply: (spec) => apply(spec, last),
      write: (version, spec) => engine.swarmUpdate(version, spec, flags)
    })
    await refreshMirror(clusterId)
    return result
  }

  /** host:port other nodes join through: the manager's advertise address on the swarm port. */
  function joinAddress(clusterId: string): string {
    const snapshot = sessionOf(clusterId).currentSnapshot()
    const self = snapshot.nodes.find((n) => n.id === snapshot.swarm.nodeId)
    return self?.manager?.address || `${snapshot.swarm.nodeAddress}:2377`
  }

  /**
   * Re-read the swarm and its nodes every `pollMs` until `over(snapshot)` or `limitMs`: what the
   * engine sends no event for (a CA rotation's progress, a manager's reachability: the leader
   * computes it on each read) still reaches the mirror. One follower per cluster and purpose.
   */
  function followUntil(clusterId: string, purpose: string, over: (snapshot: Snapshot) => boolean, limitMs: number): void {
    const key = `${clusterId}\u0000${purpose}`
    if (following.has(key)) return
    const started = Date.now()
    const tick = async (): Promise<void> => {
      await refreshMirror(clusterId)
      let done = true
      try {
        done = over(sessionOf(clusterId).currentSnapshot())
      } catch {
        done = true
      }
      if (done || Date.now() - started > limitMs) {
        following.delete(key)
        return
      }
      following.set(key, setTimeout(() => detached(tick(), `following the swarm (${purpose})`), options.pollMs ?? 1000))
    }
    following.set(key, setTimeout(() => detached(tick(), `following the swarm (${purpose})`), 0))
  }

  function dispose(): void {
    for (const timer of following.values()) clearTimeout(timer)
    following.clear()
  }

  return { sessionOf, inspect, update, refreshMirror, joinAddress, followUntil, dispose }
}

export type SwarmAccess = ReturnType<typeof createSwarmAccess>

/** Tokens, keys and the CA live in the managers' Raft store: a worker's engine has none of them. */
function managerOnly(error: unknown) {
  const appError = toAppError(error)
  if (appError.code === 'NOT_A_MANAGER') return refusal('NOT_A_MANAGER', phrase('security.said.manager-only', { message: appError.message }))
  return appError
}
