import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import type { RpcErrorData } from '../../../../shared/errors'
import type { ServiceDraft } from '../../../../shared/services'
import { useServiceFormStore } from './service-form-store'
import { useServiceActionStore, type ServiceAction } from './service-action-store'

/**
 * The services feature's calls to main. Views never patch the model: the engine's events bring
 * every change back through the mirror.
 */

/** Ask main to plan the form's draft (issues, diff, CLI line, placement); stale answers are dropped by the store. */
export async function planServiceDraft(api: ApiClient, clusterId: string, draft: ServiceDraft): Promise<void> {
  const { serviceId, base } = useServiceFormStore.getState()
  try {
    const plan = await api.call('services.plan', { clusterId, draft, ...(serviceId && base ? { serviceId, base } : {}) })
    useServiceFormStore.getState().setPlan(draft, { plan })
  } catch (error) {
    useServiceFormStore.getState().setPlan(draft, { error: toErrorData(error) })
  }
}

export async function openUpdateForm(api: ApiClient, clusterId: string, serviceId: string): Promise<RpcErrorData | null> {
  try {
    const edit = await api.call('services.edit', { clusterId, serviceId })
    useServiceFormStore.getState().openUpdate(edit)
    return null
  } catch (error) {
    return toErrorData(error)
  }
}

/** Create or update from the form; main plans again and sends nothing if anything is wrong. */
export async function submitServiceForm(api: ApiClient, clusterId: string): Promise<boolean> {
  const store = useServiceFormStore.getState()
  if (store.submitting) return false
  store.setSubmitting(true)
  try {
    if (store.serviceId && store.base) await api.call('services.update', { clusterId, serviceId: store.serviceId, base: store.base, draft: store.draft })
    else await api.call('services.create', { clusterId, draft: store.draft })
    useServiceFormStore.getState().close()
    return true
  } catch (error) {
    useServiceFormStore.getState().setSubmitError(toErrorData(error))
    return false
  } finally {
    useServiceFormStore.getState().setSubmitting(false)
  }
}

/** Scale, rollback, force update or remove one service; the result (or error) is kept for the drawer. */
export async function runServiceAction(api: ApiClient, clusterId: string, serviceId: string, action: ServiceAction): Promise<void> {
  const store = useServiceActionStore.getState()
  store.start(serviceId, action)
  try {
    if (action.kind === 'scale') await api.call('services.scale', { clusterId, serviceId, replicas: action.replicas })
    else if (action.kind === 'rollback') await api.call('services.rollback', { clusterId, serviceId })
    else if (action.kind === 'force') await api.call('services.forceUpdate', { clusterId, serviceId })
    else await api.call('services.remove', { clusterId, serviceId })
    useServiceActionStore.getState().finish(serviceId, null)
  } catch (error) {
    useServiceActionStore.getState().finish(serviceId, toErrorData(error))
  }
}
