import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import { useForwardsStore } from './forwards-store'

/** The forwards open now, then every change main pushes (returns the unsubscribe). */
export function followForwards(api: ApiClient): () => void {
  const off = api.on('forwards.changed', (change) => {
    const store = useForwardsStore.getState()
    store.setForwards(change.forwards)
    if (change.ended?.reason) store.setEnded(change.ended)
  })
  api.call('forwards.list', {}).then(
    (forwards) => useForwardsStore.getState().setForwards(forwards),
    () => undefined
  )
  return off
}

/** Open a forward for the dialog's task; the dialog closes on success and shows the refusal otherwise. */
export async function openForward(api: ApiClient, remotePort: number, localPort: number): Promise<void> {
  const store = useForwardsStore.getState()
  const request = store.request
  if (!request || store.opening) return
  store.setOpening(true)
  store.setError(null)
  try {
    const forward = await api.call('forwards.open', { clusterId: request.clusterId, taskId: request.taskId, remotePort, localPort })
    const now = useForwardsStore.getState()
    // `forwards.changed` may already have brought it.
    if (!now.forwards.some((f) => f.forwardId === forward.forwardId)) now.setForwards([...now.forwards, forward])
    now.ask(null)
  } catch (error) {
    useForwardsStore.getState().setError(toErrorData(error))
  } finally {
    useForwardsStore.getState().setOpening(false)
  }
}

export async function closeForward(api: ApiClient, forwardId: string): Promise<void> {
  await api.call('forwards.close', { forwardId }).catch(() => undefined)
  const store = useForwardsStore.getState()
  store.setForwards(store.forwards.filter((f) => f.forwardId !== forwardId))
}
