import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import { changeFromRows, isEmptyChange } from './label-diff'
import { useLabelEditorStore } from './label-editor-store'
import { changeOf, useNodeChangeStore, type NodeAction } from './node-change-store'

/**
 * Sends the editor's difference (never the whole label set) to every edited node. The table
 * then shows the result from the live mirror; nothing is patched locally.
 */
export async function saveLabels(api: ApiClient, clusterId: string): Promise<void> {
  const store = useLabelEditorStore.getState()
  const change = changeFromRows(store.rows)
  if (store.busy || isEmptyChange(change)) return
  store.setBusy(true)
  try {
    const { results } = await api.call('nodes.updateLabels', { clusterId, nodeIds: store.nodes.map((n) => n.id), add: change.add, remove: change.remove })
    useLabelEditorStore.getState().setResults(results)
  } catch (error) {
    useLabelEditorStore.getState().setFailure(toErrorData(error), change)
  }
}

/** Plan first: ask main what the change would do (refusal, warnings, CLI) before offering it. */
export async function checkNodeChange(api: ApiClient, clusterId: string, node: { id: string; hostname: string }, action: NodeAction): Promise<void> {
  const request = useNodeChangeStore.getState().start({ nodeId: node.id, hostname: node.hostname, action })
  try {
    const check = await api.call('nodes.checkChange', { clusterId, nodeId: node.id, change: changeOf(action) })
    useNodeChangeStore.getState().setCheck(request, { check })
  } catch (error) {
    useNodeChangeStore.getState().setCheck(request, { error: toErrorData(error) })
  }
}

/**
 * Apply, after the user saw the check. Warnings are confirmed only when some were shown: if the
 * swarm changed meanwhile and main now has warnings the user never saw, it refuses, and the
 * dialog checks again so the user sees them before confirming.
 */
export async function applyNodeChange(api: ApiClient, clusterId: string): Promise<void> {
  const store = useNodeChangeStore.getState()
  const { target, check, request } = store
  if (!target || !check || check.refusal || store.applying) return
  store.beginApply()
  try {
    await api.call('nodes.applyChange', { clusterId, nodeId: target.nodeId, change: changeOf(target.action), confirmedWarnings: check.warnings.length > 0 })
    if (useNodeChangeStore.getState().request === request) useNodeChangeStore.getState().close()
  } catch (error) {
    if (useNodeChangeStore.getState().request !== request) return
    const data = toErrorData(error)
    useNodeChangeStore.getState().setApplyError(data)
    if (data.code === 'CONFLICT') {
      try {
        const again = await api.call('nodes.checkChange', { clusterId, nodeId: target.nodeId, change: changeOf(target.action) })
        useNodeChangeStore.getState().setCheck(request, { check: again })
      } catch {
        // The apply error already explains the failure.
      }
    }
  }
}
