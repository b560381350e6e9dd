import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import { draftFrom } from './connection-form-model'
import { useConnectionFormStore } from './connection-form-store'
import { useConnectionsStore } from './connections-store'

export async function loadProfiles(api: ApiClient): Promise<void> {
  const store = useConnectionsStore.getState()
  store.listLoading()
  try {
    store.listLoaded(await api.call('connections.list', {}))
  } catch (error) {
    useConnectionsStore.getState().listFailed(toErrorData(error))
  }
}

/** What the docker CLI would use, docker contexts and ~/.ssh/config hosts. */
export async function loadDiscovery(api: ApiClient): Promise<void> {
  try {
    useConnectionsStore.getState().setDiscovery(await api.call('connections.discover', {}))
  } catch (error) {
    useConnectionsStore.getState().setDiscoveryError(toErrorData(error))
  }
}

/** Save the form; validation issues from the server land on the form's fields. */
export async function saveConnectionForm(api: ApiClient): Promise<boolean> {
  const form = useConnectionFormStore.getState()
  form.setSaving(true)
  form.setSaveError(null)
  try {
    const profile = await api.call('connections.save', draftFrom(form.values))
    useConnectionsStore.getState().upsertProfile(profile)
    useConnectionFormStore.getState().close()
    return true
  } catch (error) {
    useConnectionFormStore.getState().setSaveError(toErrorData(error))
    return false
  } finally {
    useConnectionFormStore.getState().setSaving(false)
  }
}

export async function removeAskedProfile(api: ApiClient): Promise<void> {
  const store = useConnectionsStore.getState()
  const profile = store.removing
  if (!profile) return
  store.setRemoveBusy(true)
  try {
    await api.call('connections.remove', { id: profile.id })
    useConnectionsStore.getState().dropProfile(profile.id)
    useConnectionsStore.getState().askRemove(null)
    if (useConnectionFormStore.getState().values.id === profile.id) useConnectionFormStore.getState().close()
  } catch (error) {
    useConnectionsStore.getState().setRemoveError(toErrorData(error))
  } finally {
    useConnectionsStore.getState().setRemoveBusy(false)
  }
}
