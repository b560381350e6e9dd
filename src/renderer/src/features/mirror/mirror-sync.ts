import type { ApiClient } from '../../api/client'
import type { MirrorStoreApi } from './mirror-store'

/**
 * Keeps the mirror store in step with main: a reset replaces a cluster's model, a batch moves it
 * forward, and a gap in sequence numbers fetches a fresh snapshot instead of guessing.
 * The only effectful piece of the mirror feature in the renderer.
 */
export function startMirrorSync(api: ApiClient, store: MirrorStoreApi): () => void {
  const resyncing = new Set<string>()

  const resync = async (clusterId: string): Promise<void> => {
    if (resyncing.has(clusterId)) return
    resyncing.add(clusterId)
    try {
      const snapshot = await api.call('clusters.snapshot', { clusterId, tasksLater: true })
      store.getState().reset(clusterId, snapshot)
    } catch {
      // The cluster closed or is reconnecting; its next mirror.reset will bring the model back.
    } finally {
      resyncing.delete(clusterId)
    }
  }

  const offReset = api.on('mirror.reset', ({ clusterId, snapshot }) => store.getState().reset(clusterId, snapshot))
  const offDeltas = api.on('mirror.deltas', (batch) => {
    const hasModel = Boolean(store.getState().models[batch.clusterId])
    if (!store.getState().applyBatch(batch) || !hasModel) void resync(batch.clusterId)
  })
  const offState = api.on('cluster.state', (state) => {
    if (state.phase === 'closed') store.getState().drop(state.clusterId)
  })
  return () => {
    offReset()
    offDeltas()
    offState()
  }
}
