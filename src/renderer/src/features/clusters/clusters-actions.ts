import { DEFAULT_PROFILE_ID } from '../../../../shared/connections'
import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import type { MirrorStoreApi } from '../mirror/mirror-store'
import { useClustersStore } from './clusters-store'

/**
 * Fetch a snapshot for a cluster that has no model yet. Main normally pushes `mirror.reset` when a
 * cluster becomes ready; this covers a page that attached later (web mode reload).
 */
async function ensureSnapshot(api: ApiClient, mirror: MirrorStoreApi, clusterId: string): Promise<void> {
  if (mirror.getState().models[clusterId]) return
  try {
    const snapshot = await api.call('clusters.snapshot', { clusterId, tasksLater: true })
    const current = mirror.getState().models[clusterId]
    if (!current || current.seq < snapshot.seq) mirror.getState().reset(clusterId, snapshot)
  } catch {
    // Reconnecting or closed: the next mirror.reset brings the model.
  }
}

const ACTIVE_KEY = 'swarmdesk.activeCluster'

/** Keep the active cluster across a page reload (web mode: main's clusters outlive the page). */
export function rememberActiveCluster(): () => void {
  return useClustersStore.subscribe((state, previous) => {
    if (state.activeId === previous.activeId) return
    try {
      if (state.activeId) window.sessionStorage.setItem(ACTIVE_KEY, state.activeId)
    } catch {
      // Storage can be unavailable (privacy settings); the first cluster is shown instead.
    }
  })
}

function restoreActiveCluster(): void {
  try {
    const saved = window.sessionStorage.getItem(ACTIVE_KEY)
    if (saved) useClustersStore.getState().setActive(saved)
  } catch {
    // See rememberActiveCluster.
  }
}

/** Follow `cluster.state` pushes: phase badges, failover notices, closed clusters. */
export function watchClusterStates(api: ApiClient, mirror: MirrorStoreApi): () => void {
  return api.on('cluster.state', (state) => {
    useClustersStore.getState().upsert(state)
    if (state.phase === 'ready') void ensureSnapshot(api, mirror, state.clusterId)
  })
}

/**
 * Startup: show what main already has open (clusters outlive a web page reload); when nothing is
 * open, open the engine the docker CLI would use so the first screen is never blank.
 */
export async function loadClusters(api: ApiClient, mirror: MirrorStoreApi): Promise<void> {
  const store = useClustersStore.getState()
  store.listLoading()
  let open: number
  try {
    const states = await api.call('clusters.list', {})
    store.listLoaded(states)
    restoreActiveCluster()
    const live = states.filter((s) => s.phase !== 'closed')
    open = live.length
    await Promise.all(live.filter((s) => s.phase === 'ready').map((s) => ensureSnapshot(api, mirror, s.clusterId)))
  } catch (error) {
    store.listFailed(toErrorData(error))
    return
  }
  if (open === 0) await openProfile(api, mirror, DEFAULT_PROFILE_ID, DEFAULT_PROFILE_ID)
}

/**
 * Open a saved profile (or "default"). An unknown or changed SSH host key becomes a prompt; any
 * other failure is kept for the page to explain. Resolves with the cluster id, or null.
 */
export async function openProfile(api: ApiClient, mirror: MirrorStoreApi, profileId: string, label: string): Promise<string | null> {
  const store = useClustersStore.getState()
  store.setOpening(profileId, true)
  store.setFailure(null)
  try {
    const state = await api.call('clusters.open', { profileId })
    useClustersStore.getState().upsert(state)
    useClustersStore.getState().setActive(state.clusterId)
    if (state.phase === 'ready') void ensureSnapshot(api, mirror, state.clusterId)
    return state.clusterId
  } catch (caught) {
    const error = toErrorData(caught)
    if ((error.code === 'HOST_KEY_UNKNOWN' || error.code === 'HOST_KEY_CHANGED') && error.hostKey) {
      useClustersStore.getState().setHostKeyPrompt({ profileId, label, code: error.code, hostKey: error.hostKey, message: error.message })
    } else {
      useClustersStore.getState().setFailure({ action: 'open', label, profileId, error })
    }
    return null
  } finally {
    useClustersStore.getState().setOpening(profileId, false)
  }
}

/** The user checked the fingerprint and accepted it: store it in known_hosts, then open again. */
export async function acceptHostKeyAndOpen(api: ApiClient, mirror: MirrorStoreApi): Promise<void> {
  const store = useClustersStore.getState()
  const prompt = store.hostKeyPrompt
  if (!prompt || prompt.code !== 'HOST_KEY_UNKNOWN') return
  const { host, port, keyType, publicKey, fingerprint } = prompt.hostKey
  store.setAcceptingHostKey(true)
  try {
    await api.call('connections.acceptHostKey', { host, port, keyType, publicKey, fingerprint })
  } catch (error) {
    useClustersStore.getState().setHostKeyPrompt(null)
    useClustersStore.getState().setFailure({ action: 'open', label: prompt.label, profileId: prompt.profileId, error: toErrorData(error) })
    return
  } finally {
    useClustersStore.getState().setAcceptingHostKey(false)
  }
  useClustersStore.getState().setHostKeyPrompt(null)
  await openProfile(api, mirror, prompt.profileId, prompt.label)
}

export async function closeCluster(api: ApiClient, mirror: MirrorStoreApi, clusterId: string): Promise<boolean> {
  const state = useClustersStore.getState().clusters[clusterId]
  try {
    await api.call('clusters.close', { clusterId })
  } catch (error) {
    if (state) {
      useClustersStore.getState().setFailure({ action: 'close', label: state.name, profileId: state.profileId, error: toErrorData(error) })
    }
    return false
  }
  useClustersStore.getState().remove(clusterId)
  mirror.getState().drop(clusterId)
  return true
}

/** Try a failed cluster again from scratch: close it, then open its profile. */
export async function retryCluster(api: ApiClient, mirror: MirrorStoreApi, clusterId: string): Promise<void> {
  const state = useClustersStore.getState().clusters[clusterId]
  if (!state) return
  if (await closeCluster(api, mirror, clusterId)) await openProfile(api, mirror, state.profileId, state.name)
}
