import type { EngineInfo } from '../docker/engine-shapes'

/** What an engine is to SwarmDesk, read from `GET /info`. Pure: table-tested. */
export type EngineRole =
  | { kind: 'manager'; swarmId: string; nodeId: string }
  | { kind: 'worker'; managers: string[] }
  | { kind: 'no-swarm' }
  | { kind: 'locked' }
  | { kind: 'pending'; state: string; error: string }
  /** a manager that cannot reach a quorum (cut off, or too few managers up): it names no swarm */
  | { kind: 'no-leader' }

export function classifyEngine(info: EngineInfo): EngineRole {
  const swarm = info.Swarm
  const state = swarm?.LocalNodeState ?? 'inactive'
  if (state === 'inactive' || state === '') return { kind: 'no-swarm' }
  if (state === 'locked') return { kind: 'locked' }
  if (state !== 'active') return { kind: 'pending', state, error: swarm?.Error ?? '' }
  if (swarm?.ControlAvailable) {
    // without a leader the engine leaves the cluster's ID out: it is no other swarm, it is this one gone quiet
    if (!swarm.Cluster?.ID) return { kind: 'no-leader' }
    return { kind: 'manager', swarmId: swarm.Cluster.ID, nodeId: swarm.NodeID ?? '' }
  }
  return { kind: 'worker', managers: (swarm?.RemoteManagers ?? []).map((m) => m.Addr ?? '').filter(Boolean) }
}

/** Backoff between reconnection rounds: quick at first, never more than 5 s apart. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(5000, 250 * 2 ** Math.max(0, attempt))
}
