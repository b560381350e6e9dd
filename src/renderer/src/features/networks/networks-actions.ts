import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import type { NetworkDraft } from '../../../../shared/networks'
import { useNetworksStore } from './networks-store'

/** Plan first: every edit of the form is checked by main (nothing is sent to the engine). */
export async function planDraft(api: ApiClient, clusterId: string, revision: number, draft: NetworkDraft): Promise<void> {
  try {
    const plan = await api.call('networks.plan', { clusterId, draft })
    useNetworksStore.getState().setPlan(revision, { plan })
  } catch (error) {
    useNetworksStore.getState().setPlan(revision, { error: toErrorData(error) })
  }
}

/** Create exactly the planned draft; main re-plans and refuses if the swarm changed meanwhile. */
export async function createNetwork(api: ApiClient, clusterId: string): Promise<void> {
  const store = useNetworksStore.getState()
  const { draft, plan, creating, revision } = store.create
  if (creating || !plan?.ok) return
  store.setCreating(true)
  try {
    const { network } = await api.call('networks.create', { clusterId, draft })
    useNetworksStore.getState().closeCreate()
    useNetworksStore.getState().select(network.id)
  } catch (error) {
    useNetworksStore.getState().setCreating(false, toErrorData(error))
    // The swarm may have changed (a name or subnet taken meanwhile): show the fresh plan.
    void planDraft(api, clusterId, revision, draft)
  }
}

export async function checkRemoval(api: ApiClient, clusterId: string, network: { id: string; name: string }): Promise<void> {
  useNetworksStore.getState().openRemove(network)
  try {
    const plan = await api.call('networks.planRemove', { clusterId, networkId: network.id })
    useNetworksStore.getState().setRemovePlan(network.id, { plan })
  } catch (error) {
    useNetworksStore.getState().setRemovePlan(network.id, { error: toErrorData(error) })
  }
}

export async function removeNetwork(api: ApiClient, clusterId: string): Promise<void> {
  const store = useNetworksStore.getState()
  const { networkId, plan, removing } = store.remove
  if (!networkId || !plan || plan.blocked || removing) return
  store.setRemoving(true)
  try {
    await api.call('networks.remove', { clusterId, networkId })
    useNetworksStore.getState().closeRemove()
    if (useNetworksStore.getState().selectedId === networkId) useNetworksStore.getState().select(null)
  } catch (error) {
    useNetworksStore.getState().setRemoving(false, toErrorData(error))
    // Someone may have attached a service meanwhile: show who.
    try {
      const again = await api.call('networks.planRemove', { clusterId, networkId })
      useNetworksStore.getState().setRemovePlan(networkId, { plan: again })
    } catch {
      // The remove error already explains the failure.
    }
  }
}

export async function loadVolumes(api: ApiClient, clusterId: string): Promise<void> {
  useNetworksStore.getState().setVolumes({ loading: true, error: null })
  try {
    const result = await api.call('networks.volumes', { clusterId })
    useNetworksStore.getState().setVolumes({ loading: false, result })
  } catch (error) {
    useNetworksStore.getState().setVolumes({ loading: false, error: toErrorData(error) })
  }
}
