import type { StackSource } from '../../../../shared/stacks'
import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import { initialRows, isPlanChanged } from './deploy-progress-model'
import { useDeployProgressStore } from './deploy-progress-store'
import { useStackDriftStore, type DriftSource } from './stack-drift-store'
import { useStackEditorStore } from './stack-editor-store'
import { planRequestOf } from './stack-input'
import { useStackListStore } from './stack-list-store'

/**
 * The Stacks page's effects. Main plans, deploys, removes and compares; the renderer asks and
 * shows. Every question has a counter so an answer to an older one is dropped.
 */

const latest = { list: 0, plan: 0 }
let boundCluster: string | null = null

/**
 * The page belongs to one cluster: switching cluster forgets the list, the plan shown, the drift
 * and a finished deploy (the editor's files stay: the same file may go to another cluster).
 */
export function bindStacksCluster(clusterId: string): void {
  if (boundCluster === clusterId) return
  const previous = boundCluster
  boundCluster = clusterId
  if (previous === null) return
  latest.list++
  latest.plan++
  useStackListStore.getState().reset()
  useStackEditorStore.getState().clearPlan()
  useStackDriftStore.getState().clear()
  if (!useDeployProgressStore.getState().running) useDeployProgressStore.getState().clear()
}

/** `stacks.list`: what only main knows (the deploy times); the counts come from the mirror. */
export async function loadStacks(api: ApiClient, clusterId: string): Promise<void> {
  const request = ++latest.list
  try {
    const summaries = await api.call('stacks.list', { clusterId })
    if (request === latest.list) useStackListStore.getState().setSummaries(summaries)
  } catch (error) {
    if (request === latest.list) useStackListStore.getState().setLoadError(toErrorData(error))
  }
}

/** Plan what the editor holds (it never changes the cluster). `force` asks again for the same input. */
export async function planEditor(api: ApiClient, clusterId: string, force = false): Promise<void> {
  const editor = useStackEditorStore.getState()
  const readiness = planRequestOf(editor)
  if (!readiness.ready) {
    latest.plan++
    editor.clearPlan()
    return
  }
  if (!force && editor.shown?.key === readiness.key && editor.shown.clusterId === clusterId) return
  const request = ++latest.plan
  editor.startPlan(readiness.key)
  try {
    const plan = await api.call('stacks.plan', { clusterId, ...readiness.request })
    if (request === latest.plan) useStackEditorStore.getState().planned({ clusterId, key: readiness.key, request: readiness.request, files: readiness.files, plan })
  } catch (error) {
    if (request === latest.plan) useStackEditorStore.getState().planFailed(readiness.key, toErrorData(error))
  }
}

function newRequestId(): string {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  return `deploy-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

/**
 * Deploy exactly the plan shown: its inputs, and its fingerprint as `expectFingerprint`, so main
 * applies nothing if the cluster changed since. Progress arrives as `stacks.progress` events.
 */
export async function deployStack(api: ApiClient, clusterId: string): Promise<void> {
  const editor = useStackEditorStore.getState()
  const shown = editor.shown
  const progress = useDeployProgressStore.getState()
  if (!shown || shown.clusterId !== clusterId || !shown.plan.ok || progress.running || editor.planningKey !== null) return
  const requestId = newRequestId()
  const wait = editor.options.wait
  progress.start({ requestId, stack: shown.request.stack, fingerprint: shown.plan.fingerprint, rows: initialRows(shown.plan, wait) })
  const off = api.on('stacks.progress', (event) => {
    if (event.clusterId === clusterId && event.requestId === requestId) useDeployProgressStore.getState().event(event)
  })
  try {
    const result = await api.call('stacks.deploy', { clusterId, ...shown.request, wait, requestId, expectFingerprint: shown.plan.fingerprint })
    useDeployProgressStore.getState().finish(result, isPlanChanged(result))
    if (result.applied) await followLastDeploy(api, clusterId, shown.request.stack)
  } catch (error) {
    useDeployProgressStore.getState().fail(toErrorData(error))
  } finally {
    off()
  }
  // At once, so the plan shown never outlives the deploy: what is left to do (nothing, after a
  // full deploy), or the new plan when it had changed.
  void planEditor(api, clusterId, true)
  void loadStacks(api, clusterId)
}

/** A redeploy's editor says "the files of the last deploy (date)": after deploying, that date is this deploy's. */
async function followLastDeploy(api: ApiClient, clusterId: string, stack: string): Promise<void> {
  if (useStackEditorStore.getState().origin?.stack !== stack) return
  try {
    const record = await api.call('stacks.lastDeployed', { clusterId, stack })
    if (record) useStackEditorStore.getState().redeployed(stack, record.deployedAt)
  } catch {
    // the subtitle keeps the date it had; the deploy's own result says what happened
  }
}

/** Stops the running deploy's wait for convergence; the deploy then answers with where each service stood. */
export async function stopDeployWait(api: ApiClient, clusterId: string): Promise<void> {
  const { requestId, running } = useDeployProgressStore.getState()
  if (!requestId || !running) return
  useDeployProgressStore.getState().stopRequested(requestId)
  try {
    await api.call('stacks.stopWaiting', { clusterId, requestId })
  } catch (error) {
    useDeployProgressStore.getState().fail(toErrorData(error))
  }
}

/** `docker stack rm` for the stack of the open dialog. */
export async function removeStack(api: ApiClient, clusterId: string): Promise<void> {
  const list = useStackListStore.getState()
  const stack = list.removeTarget
  if (!stack || list.removing) return
  list.beginRemove()
  try {
    const result = await api.call('stacks.remove', { clusterId, stack })
    useStackListStore.getState().removed(result)
  } catch (error) {
    useStackListStore.getState().removeFailed(toErrorData(error))
  }
  void loadStacks(api, clusterId)
}

/** The live stack against its last deployed files (no source), or against the files given. */
export async function checkDrift(api: ApiClient, clusterId: string, stack: string, source: DriftSource | null): Promise<void> {
  const drift = useStackDriftStore.getState()
  drift.open(stack)
  const request = useStackDriftStore.getState().start(source)
  try {
    const result = await api.call('stacks.drift', { clusterId, stack, ...(source ? { source: source.source } : {}) })
    useStackDriftStore.getState().succeed(request, result)
  } catch (error) {
    useStackDriftStore.getState().fail(request, toErrorData(error))
  }
}

/** A blank editor for a new stack. */
export function newDeploy(): void {
  useStackEditorStore.getState().reset()
  useDeployProgressStore.getState().clear()
  useStackListStore.getState().show({ kind: 'editor' })
}

/** The editor with the stack's name and the files the drift was computed with (its last deploy, or the file given). */
export async function openInEditor(api: ApiClient, clusterId: string, stack: string, source: DriftSource | null): Promise<void> {
  const editor = useStackEditorStore.getState()
  try {
    if (source && 'paths' in source.source) {
      editor.load({ name: stack, buffers: [], paths: source.source.paths, options: {}, origin: null })
    } else if (source && 'files' in source.source) {
      editor.load({ name: stack, buffers: source.source.files, options: {}, origin: null })
    } else {
      const record = await api.call('stacks.lastDeployed', { clusterId, stack })
      if (!record) {
        useStackDriftStore.getState().setOpenError({ code: 'NOT_FOUND', message: `SwarmDesk has no deployed files for stack ${stack}` })
        return
      }
      editor.load({
        name: stack,
        buffers: record.files,
        options: { useDotEnv: record.options.useDotEnv, resolveImage: record.options.resolveImage, prune: record.options.prune },
        origin: { stack, deployedAt: record.deployedAt }
      })
    }
  } catch (error) {
    useStackDriftStore.getState().setOpenError(toErrorData(error))
    return
  }
  useDeployProgressStore.getState().clear()
  useStackListStore.getState().show({ kind: 'editor' })
}

/** Source for a drift check from a path typed (main reads it) or a file loaded in the page. */
export function driftSourceOf(input: { path: string } | { name: string; text: string }): DriftSource {
  if ('path' in input) return { label: input.path, source: { paths: [input.path] } satisfies StackSource }
  return { label: input.name, source: { files: [{ path: input.name, text: input.text }] } satisfies StackSource }
}

/** The editor with files another page prepared (a secret rotation's edited stack file), to plan and deploy from here. */
export function openStackFiles(stack: string, files: { path: string; text: string }[]): void {
  useStackEditorStore.getState().load({ name: stack, buffers: files, options: {}, origin: null })
  useDeployProgressStore.getState().clear()
  useStackListStore.getState().show({ kind: 'editor' })
}
