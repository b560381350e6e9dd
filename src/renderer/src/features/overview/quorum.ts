import type { SwarmNode } from '../../../../shared/domain'

/**
 * Raft arithmetic for a swarm's managers, as the Docker docs teach it: a swarm of N managers
 * needs a majority (quorum) of floor(N/2)+1 reachable managers to change anything, and so
 * tolerates the loss of floor((N-1)/2) of them. Pure: counts in, facts and warnings out.
 */
export type QuorumWarning =
  /** 4 managers tolerate no more failures than 3: an even count only adds load. */
  | 'even-managers'
  /** Docker recommends at most 7 managers: more slows every Raft write. */
  | 'too-many-managers'
  /** Fewer than a majority reachable: no scheduling, no updates until they come back. */
  | 'quorum-lost'
  /** Exactly a majority reachable: the next manager failure loses quorum. */
  | 'one-failure-from-loss'

export interface QuorumAssessment {
  managers: number
  /** Managers needed for a majority. */
  quorum: number
  /** Managers that may fail (with all others up) while keeping quorum. */
  faultTolerance: number
  reachable: number
  /** Reachable managers above the quorum: how many more may fail right now. */
  margin: number
  hasQuorum: boolean
  warnings: QuorumWarning[]
}

export const RECOMMENDED_MAX_MANAGERS = 7

export function assessQuorum(managers: number, reachable: number): QuorumAssessment {
  const n = Math.max(0, Math.floor(managers))
  const up = Math.min(n, Math.max(0, Math.floor(reachable)))
  const quorum = Math.floor(n / 2) + 1
  const faultTolerance = Math.max(0, Math.floor((n - 1) / 2))
  const hasQuorum = n > 0 && up >= quorum
  const warnings: QuorumWarning[] = []
  if (n > 0) {
    if (n % 2 === 0) warnings.push('even-managers')
    if (n > RECOMMENDED_MAX_MANAGERS) warnings.push('too-many-managers')
    if (!hasQuorum) warnings.push('quorum-lost')
    else if (up === quorum) warnings.push('one-failure-from-loss')
  }
  return { managers: n, quorum, faultTolerance, reachable: up, margin: Math.max(0, up - quorum), hasQuorum, warnings }
}

/**
 * Count managers and the reachable ones from the mirror's nodes. A manager known to be locked
 * (autolock, after a restart) takes no part in Raft until it is unlocked: never counted reachable,
 * whatever a stale mirror still says.
 */
export function managerCounts(nodes: readonly SwarmNode[], locked: ReadonlySet<string> = new Set()): { managers: number; reachable: number } {
  let managers = 0
  let reachable = 0
  for (const node of nodes) {
    if (node.role !== 'manager' || !node.manager) continue
    managers++
    if (node.manager.reachability === 'reachable' && !locked.has(node.id)) reachable++
  }
  return { managers, reachable }
}
