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
      const snapshot = await api.call('clusters.snapshot', { clusterId })
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

/** Load what is already open (after a page reload in web mode, main's clusters outlive the page). */
export async function loadOpenClusters(api: ApiClient, store: MirrorStoreApi): Promise<void> {
  const clusters = await api.call('clusters.list', {})
  await Promise.all(
    clusters
      .filter((cluster) => cluster.phase === 'ready' || cluster.phase === 'reconnecting')
      .map(async (cluster) => {
        try {
          store.getState().reset(cluster.clusterId, await api.call('clusters.snapshot', { clusterId: cluster.clusterId }))
        } catch {
          // A cluster that is reconnecting has no snapshot yet; its mirror.reset will follow.
        }
      })
  )
}
