import type { Service, SwarmNode } from '../../../../shared/domain'
import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import { isBlankRow } from '../nodes/label-diff'
import { editedNode, useLabelEditorStore } from '../nodes/label-editor-store'
import { draftFromForm, emptyDraftForm, memoryText, type DraftForm } from './draft-model'
import { useDraftStore } from './draft-store'
import { usePlacementStore } from './placement-store'
import { usePlanResultsStore } from './plan-results-store'
import type { LabelApplyGroup, WhatIfChange } from './whatif-changes'
import { useWhatIfStore } from './whatif-store'

/**
 * The Placement page's effects. Every plan comes from main's planner (over main's mirror of the
 * cluster); the renderer only asks and shows. A newer question makes the answer to an older
 * one of the same kind irrelevant: each kind has a request counter and late answers are dropped.
 */

const latest = { matrix: 0, service: 0, draft: 0 }

/** The matrix after the what-if changes; with changes, the live matrix too, to mark what they change. */
export async function planMatrix(api: ApiClient, clusterId: string, changes: readonly WhatIfChange[]): Promise<void> {
  const request = ++latest.matrix
  const store = usePlanResultsStore.getState()
  store.start('matrix')
  try {
    const [matrix, baseline] = await Promise.all([
      api.call('placement.matrix', { clusterId, changes: [...changes] }),
      changes.length > 0 ? api.call('placement.matrix', { clusterId, changes: [] }) : Promise.resolve(null)
    ])
    if (request === latest.matrix) usePlanResultsStore.getState().succeed('matrix', { matrix, baseline, changes })
  } catch (error) {
    if (request === latest.matrix) usePlanResultsStore.getState().fail('matrix', toErrorData(error))
  }
}

/** One live service against every node (after the what-if changes, with the plan before them). */
export async function planService(api: ApiClient, clusterId: string, serviceId: string, changes: readonly WhatIfChange[]): Promise<void> {
  const request = ++latest.service
  usePlanResultsStore.getState().start('service')
  try {
    const { plan, before, errors } = await api.call('placement.plan', { clusterId, target: { serviceId }, changes: [...changes] })
    if (request === latest.service) usePlanResultsStore.getState().succeed('service', { serviceId, plan, before, errors })
  } catch (error) {
    if (request === latest.service) usePlanResultsStore.getState().fail('service', toErrorData(error))
  }
}

/** The draft as a fresh deployment on the live cluster. */
export async function planDraft(api: ApiClient, clusterId: string, form: DraftForm): Promise<void> {
  const request = ++latest.draft
  const { draft, constraintLines } = draftFromForm(form)
  usePlanResultsStore.getState().start('draft')
  try {
    const { plan } = await api.call('placement.plan', { clusterId, target: { draft }, changes: [] })
    if (request === latest.draft) usePlanResultsStore.getState().succeed('draft', { plan, constraintLines })
  } catch (error) {
    if (request === latest.draft) usePlanResultsStore.getState().fail('draft', toErrorData(error))
  }
}

/**
 * The page shows another cluster than last time: its node and service ids mean nothing here, so
 * the selection, the what-if list and every answer go. The draft form stays (it names no id).
 */
export function bindPlacementCluster(clusterId: string): void {
  if (!usePlacementStore.getState().bindCluster(clusterId)) return
  latest.matrix++
  latest.service++
  latest.draft++
  useWhatIfStore.getState().reset()
  usePlanResultsStore.getState().reset()
}

/** The Nodes page's label editor, for real, on these nodes (their labels as the mirror has them). */
export function openLabelEditor(nodes: readonly SwarmNode[]): void {
  if (nodes.length === 0) return
  useLabelEditorStore.getState().open(nodes.map(editedNode))
}

/**
 * Plan first, apply second: open the label editor on a group's nodes with the what-if's label
 * changes already filled in. The editor shows its own CLI and sends nothing until Save.
 */
export function openLabelEditorWithChanges(group: LabelApplyGroup, nodes: Readonly<Record<string, SwarmNode>>): void {
  const targets = group.nodeIds.flatMap((id) => (nodes[id] ? [nodes[id]] : []))
  if (targets.length === 0) return
  openLabelEditor(targets)
  const editor = useLabelEditorStore.getState()
  const multi = targets.length > 1
  const rowFor = (key: string) => useLabelEditorStore.getState().rows.find((row) => row.origin?.key === key)
  for (const key of group.remove) {
    const row = rowFor(key)
    if (row && !row.removed) editor.toggleRemove(row.id)
  }
  for (const [key, value] of Object.entries(group.add)) {
    const existing = rowFor(key)
    if (existing) {
      if (existing.removed) editor.toggleRemove(existing.id)
      editor.setValue(existing.id, value)
      // Nodes of the group that lack the key (or have another value) get it too.
      if (multi) editor.setOnAll(existing.id, true)
      continue
    }
    let blank = useLabelEditorStore.getState().rows.find(isBlankRow)
    if (!blank) {
      editor.addRow()
      blank = useLabelEditorStore.getState().rows.at(-1)
    }
    if (!blank) continue
    editor.setKey(blank.id, key)
    editor.setValue(blank.id, value)
  }
}

/**
 * A live service's constraint fix, tried before it is made: the what-if gets the service's
 * constraints (as the plan saw them, what-if edits included) with that one replaced.
 */
export function tryConstraintFix(service: Service, changes: readonly WhatIfChange[], index: number, fix: string): void {
  const edited = changes.find((change) => change.kind === 'constraints' && change.service === service.id)
  const current = edited?.kind === 'constraints' ? edited.constraints : service.constraints
  if (index < 0 || index >= current.length) return
  useWhatIfStore.getState().add({ kind: 'constraints', service: service.id, constraints: current.map((c, i) => (i === index ? fix : c)) })
  usePlacementStore.getState().setPanel('whatif')
}

/** "Plan a variant of this service": its placement fields in the draft form. */
export function draftFromService(service: Service): void {
  const { placement } = service
  const form: DraftForm = {
    ...emptyDraftForm,
    name: `${service.name}-draft`,
    mode: service.mode,
    replicas: placement.replicas ?? emptyDraftForm.replicas,
    constraintsText: service.constraints.join('\n'),
    preferencesText: placement.preferences.map((p) => p.spread).join('\n'),
    maxReplicasPerNode: placement.maxReplicasPerNode,
    reserveCpus: placement.reservations.nanoCpus > 0 ? String(placement.reservations.nanoCpus / 1e9) : '',
    reserveMemory: placement.reservations.memoryBytes > 0 ? memoryText(placement.reservations.memoryBytes) : ''
  }
  useDraftStore.getState().setForm(form)
  usePlacementStore.getState().setView('draft')
}
