import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import { useSwarmStore } from './swarm-store'

/** `docker swarm init`: the cluster's phase moves on from no-swarm by itself (cluster.state). */
export async function initSwarm(api: ApiClient, clusterId: string): Promise<void> {
  const store = useSwarmStore.getState()
  store.setInitBusy(true)
  store.setInitError(null)
  try {
    const listen = store.initListenAddr.trim()
    await api.call('swarm.init', { clusterId, advertiseAddr: store.initAdvertiseAddr, ...(listen ? { listenAddr: listen } : {}) })
  } catch (error) {
    useSwarmStore.getState().setInitError(toErrorData(error))
  } finally {
    useSwarmStore.getState().setInitBusy(false)
  }
}

export async function loadJoinCommands(api: ApiClient, clusterId: string): Promise<void> {
  useSwarmStore.getState().setJoin({ busy: true, error: null })
  try {
    const join = await api.call('swarm.joinCommands', { clusterId })
    useSwarmStore.getState().setJoin({ busy: false, join })
  } catch (error) {
    useSwarmStore.getState().setJoin({ busy: false, error: toErrorData(error) })
  }
}

export async function leaveSwarm(api: ApiClient, clusterId: string): Promise<void> {
  const store = useSwarmStore.getState()
  store.setLeave({ busy: true, error: null })
  try {
    await api.call('swarm.leave', { clusterId, force: store.leaveForce })
    useSwarmStore.getState().closeLeave()
  } catch (error) {
    useSwarmStore.getState().setLeave({ busy: false, error: toErrorData(error) })
  }
}
