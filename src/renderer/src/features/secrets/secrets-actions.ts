import type { RotationRecord, RotationResult, ValueSource } from '../../../../shared/secrets'
import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import { createReadiness } from './create-model'
import { useCreateStore } from './create-store'
import { initialSteps, servicesOfPlan, servicesOfRecord } from './rotation-progress'
import { useRunStore, type RotationRun } from './run-store'
import { useSecretsPageStore } from './secrets-page-store'
import { useUnfinishedStore } from './unfinished-store'
import { valueSourceOf } from './value-draft'
import { planKeyOf, planRequestOf } from './wizard-model'
import { useWizardStore } from './wizard-store'

/**
 * The Secrets & configs page's effects. Main reads values, plans and rotates; the renderer asks
 * and shows. A value typed here crosses the transport in one call and is dropped from the stores
 * as soon as that call is answered; it is never logged (errors carry main's words, not inputs).
 */

const latest = { content: 0, plan: 0, rotations: 0 }
let boundCluster: string | null = null

/** The page belongs to one cluster: switching forgets the selection, the plan and a finished run. */
export function bindSecretsCluster(clusterId: string): void {
  if (boundCluster === clusterId) return
  const previous = boundCluster
  boundCluster = clusterId
  if (previous === null) return
  latest.content++
  latest.plan++
  useSecretsPageStore.getState().reset()
  if (!useRunStore.getState().run?.running) {
    useWizardStore.getState().reset()
    useRunStore.getState().clear()
  }
}

/**
 * Leaving the page drops every value typed and not sent: the create dialog, the resume prompt,
 * and the wizard (unless its rotation is running: it drops the value once main answers).
 */
export function forgetTypedValues(): void {
  useCreateStore.getState().close()
  useUnfinishedStore.getState().dropValue()
  if (useRunStore.getState().run?.running) return
  useWizardStore.getState().reset()
  useSecretsPageStore.getState().show('list')
}

export async function loadConfigContent(api: ApiClient, clusterId: string, configId: string): Promise<void> {
  const request = ++latest.content
  useSecretsPageStore.getState().contentLoading(configId)
  try {
    const content = await api.call('secrets.configContent', { clusterId, configId })
    if (request === latest.content) useSecretsPageStore.getState().contentLoaded(content)
  } catch (error) {
    if (request === latest.content) useSecretsPageStore.getState().contentFailed(configId, toErrorData(error))
  }
}

export async function createObject(api: ApiClient, clusterId: string): Promise<void> {
  const store = useCreateStore.getState()
  const { request } = createReadiness(store.draft)
  if (!request || store.busy) return
  store.submitted()
  try {
    const created = await api.call('secrets.create', { clusterId, ...request })
    useCreateStore.getState().succeeded({ kind: request.kind, name: created.name, cli: created.cli })
    useSecretsPageStore.getState().setTab(request.kind)
  } catch (error) {
    useCreateStore.getState().failed(toErrorData(error))
  }
}

export async function removeObject(api: ApiClient, clusterId: string): Promise<void> {
  const page = useSecretsPageStore.getState()
  const target = page.removeTarget
  if (!target || page.removing) return
  page.beginRemove()
  try {
    const result = await api.call('secrets.remove', { clusterId, kind: target.kind, objectId: target.id })
    useSecretsPageStore.getState().removeDone({ kind: target.kind, name: result.name, cli: result.cli })
  } catch (error) {
    useSecretsPageStore.getState().removeFailed(toErrorData(error))
  }
}

/**
 * An answer still wanted: no newer question, and the wizard still on the plan step (going back
 * to step 1 may change the value, which the plan's identity check depends on).
 */
const current = (counter: number): boolean => counter === latest.plan && useWizardStore.getState().step === 'plan'

/** Plan what the wizard's options say (never changes the cluster). `force` asks again for the same options. */
export async function planRotation(api: ApiClient, clusterId: string, force = false): Promise<void> {
  const wizard = useWizardStore.getState()
  const request = planRequestOf(wizard.draft)
  if (!request) return
  const key = planKeyOf(request)
  if (!force && (wizard.shownKey === key || wizard.planningKey === key)) return
  const counter = ++latest.plan
  wizard.planning(key)
  try {
    const plan = await api.call('secrets.planRotation', { clusterId, ...request })
    if (current(counter)) useWizardStore.getState().planned(key, plan)
  } catch (error) {
    if (current(counter)) useWizardStore.getState().planFailed(key, toErrorData(error))
  }
}

function newRequestId(): string {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  return `rotation-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

/** Runs one long call with its `secrets.progress` events routed to the run store. */
async function withProgress(api: ApiClient, run: Omit<RotationRun, 'running' | 'result' | 'error' | 'requestId'>, call: (requestId: string) => Promise<RotationResult>): Promise<RotationResult | null> {
  const requestId = newRequestId()
  useRunStore.getState().start({ ...run, requestId })
  const off = api.on('secrets.progress', (event) => {
    if (event.requestId === requestId) useRunStore.getState().event(event)
  })
  try {
    const result = await call(requestId)
    useRunStore.getState().finish(requestId, result)
    return result
  } catch (error) {
    useRunStore.getState().fail(requestId, toErrorData(error))
    return null
  } finally {
    off()
  }
}

/**
 * Apply the plan shown: the same options, the same value source, and its fingerprint, so main
 * changes nothing when the cluster moved since (STALE_PLAN). The typed value is dropped once
 * main has answered with a result; after a refusal it stays for one more plan and try.
 */
export async function applyRotation(api: ApiClient, clusterId: string): Promise<void> {
  const wizard = useWizardStore.getState()
  const request = planRequestOf(wizard.draft)
  const plan = wizard.plan
  if (!request || !plan || useRunStore.getState().run?.running) return
  wizard.goto('apply')
  const result = await withProgress(
    api,
    { action: 'rotate', kind: plan.kind, oldName: plan.old.name, newName: plan.newName, services: servicesOfPlan(plan), steps: initialSteps(plan.steps) },
    (requestId) => api.call('secrets.rotate', { clusterId, ...request, expectFingerprint: plan.fingerprint, requestId })
  )
  if (result) {
    useWizardStore.getState().dropValue()
    if (result.outcome === 'failed') useUnfinishedStore.getState().replace(clusterId, result.record)
  }
}

export async function loadRotations(api: ApiClient, clusterId: string): Promise<void> {
  const counter = ++latest.rotations
  try {
    const records = await api.call('secrets.rotations', { clusterId, onlyUnfinished: true })
    if (counter === latest.rotations) useUnfinishedStore.getState().loaded(clusterId, records)
  } catch (error) {
    if (counter === latest.rotations) useUnfinishedStore.getState().loadFailed(clusterId, toErrorData(error))
  }
}

const runOfRecord = (record: RotationRecord, action: 'resume' | 'rollback'): Omit<RotationRun, 'running' | 'result' | 'error' | 'requestId'> => ({
  action,
  kind: record.kind,
  oldName: record.old.name,
  newName: record.new.name,
  services: servicesOfRecord(record),
  steps: []
})

/**
 * Finish an unfinished rotation. Without a value first; when main answers VALUE_REQUIRED (it
 * stopped before the new version existed) the value is asked and this is called again with it.
 */
export async function resumeRotation(api: ApiClient, clusterId: string, record: RotationRecord, withValue = false): Promise<void> {
  if (useRunStore.getState().run?.running) return
  const unfinished = useUnfinishedStore.getState()
  let value: ValueSource | undefined
  if (withValue) {
    value = valueSourceOf(unfinished.value, record.kind) ?? undefined
    if (!value) return
  }
  const result = await withProgress(api, runOfRecord(record, 'resume'), (requestId) => api.call('secrets.resumeRotation', { clusterId, rotationId: record.id, ...(value ? { value } : {}), requestId }))
  useUnfinishedStore.getState().dropValue()
  const run = useRunStore.getState().run
  if (!result && run?.error?.code === 'VALUE_REQUIRED') useUnfinishedStore.getState().askValue(record.id)
  else useUnfinishedStore.getState().askValue(null)
  if (result) useUnfinishedStore.getState().replace(clusterId, result.record)
  else void loadRotations(api, clusterId)
}

export async function rollBackRotation(api: ApiClient, clusterId: string, record: RotationRecord): Promise<void> {
  if (useRunStore.getState().run?.running) return
  const keepNew = useUnfinishedStore.getState().keepNew[record.id] ?? false
  const result = await withProgress(api, runOfRecord(record, 'rollback'), (requestId) => api.call('secrets.rollbackRotation', { clusterId, rotationId: record.id, keepNew, requestId }))
  if (result) useUnfinishedStore.getState().replace(clusterId, result.record)
  else void loadRotations(api, clusterId)
}

/** Offer the stack file the plan edited, as a download named like the original. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/yaml' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
