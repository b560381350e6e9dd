import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import type { NodeRoute } from '../../../../shared/node-access'
import { useNodeRoutesStore } from './node-routes-store'

/** Every node's route (main guesses the ones nobody saved). */
export async function loadRoutes(api: ApiClient, clusterId: string): Promise<void> {
  useNodeRoutesStore.getState().loading_()
  try {
    useNodeRoutesStore.getState().loaded(await api.call('nodes.routes', { clusterId }))
  } catch (error) {
    useNodeRoutesStore.getState().failed(toErrorData(error))
  }
}

/** Save a node's route with the cluster's profile, or forget it (null: back to the guess). */
export async function saveRoute(api: ApiClient, clusterId: string, hostname: string, route: NodeRoute | null): Promise<void> {
  useNodeRoutesStore.getState().saving_(true)
  try {
    useNodeRoutesStore.getState().loaded(await api.call('nodes.saveRoute', { clusterId, hostname, route }))
  } catch (error) {
    useNodeRoutesStore.getState().failed(toErrorData(error))
  }
}
