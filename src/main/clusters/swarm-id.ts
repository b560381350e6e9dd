import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import type { ClusterRegistry } from './cluster-registry'

/**
 * The swarm's own ID (stable across managers), which keys what SwarmDesk keeps per swarm
 * (deployed stack files, rotation journals): from the mirror, or from the engine while the
 * mirror is not loaded.
 */
export async function swarmIdOf(registry: ClusterRegistry, clusterId: string): Promise<string> {
  const session = registry.get(clusterId)
  try {
    return session.currentSnapshot().swarm.swarmId
  } catch {
    const info = await session.engine.info()
    const id = info.Swarm?.Cluster?.ID
    if (!id) throw refusal('NOT_IN_SWARM', phrase('clusters.said.not-a-manager'))
    return id
  }
}
