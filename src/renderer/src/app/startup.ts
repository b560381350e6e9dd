import type { ApiClient } from '../api/client'
import { loadClusters, rememberActiveCluster, watchClusterStates } from '../features/clusters/clusters-actions'
import { useClustersStore } from '../features/clusters/clusters-store'
import { loadProfiles } from '../features/connections/connections-actions'
import { startMirrorSync } from '../features/mirror/mirror-sync'
import type { MirrorStoreApi } from '../features/mirror/mirror-store'
import { adoptSystemLanguages } from '../i18n'
import { useAppStore } from '../app-state/app-store'

/** Subscriptions that live as long as the app: mirror deltas and cluster phases. */
export function startSubscriptions(api: ApiClient, mirror: MirrorStoreApi): () => void {
  const stopMirror = startMirrorSync(api, mirror)
  const stopStates = watchClusterStates(api, mirror)
  const stopRemember = rememberActiveCluster()
  return () => {
    stopMirror()
    stopStates()
    stopRemember()
  }
}

/** One-shot loads at startup (guarded: React's strict mode runs effects twice in development). */
export function loadInitialData(api: ApiClient, mirror: MirrorStoreApi): void {
  if (useClustersStore.getState().listStatus !== 'idle') return
  void loadClusters(api, mirror)
  void loadProfiles(api)
  api.call('app.info', {}).then(
    (info) => {
      useAppStore.getState().setInfo(info)
      adoptSystemLanguages(info.systemLanguages)
    },
    () => {
      // Only used for hints (secret storage, version); the app works without it.
    }
  )
}
