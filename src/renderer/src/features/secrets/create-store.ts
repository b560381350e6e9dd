import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { StoredKind } from '../../../../shared/secrets'
import type { CreateDraft, LabelDraftRow } from './create-model'
import { blankValueDraft, patchValue, withoutValue, type ValueDraft } from './value-draft'

/**
 * The create dialog. The typed value lives here only while the dialog is open: it is dropped the
 * moment the request leaves (success or not) and when the dialog is cancelled.
 */
interface CreateState {
  opened: boolean
  draft: CreateDraft
  busy: boolean
  error: RpcErrorData | null
  /** the value was dropped after a failed attempt: say it must be given again */
  valueDropped: boolean
  created: { kind: StoredKind; name: string; cli: string } | null
}

interface CreateActions {
  open(kind: StoredKind): void
  close(): void
  setName(name: string): void
  setLabel(rowId: string, patch: Partial<Pick<LabelDraftRow, 'key' | 'value'>>): void
  addLabel(): void
  removeLabel(rowId: string): void
  setValue(patch: Partial<ValueDraft>): void
  /** the request is sent: the typed value goes */
  submitted(): void
  succeeded(created: { kind: StoredKind; name: string; cli: string }): void
  failed(error: RpcErrorData): void
  dismissCreated(): void
}

let lastRowId = 0
const newRow = (): LabelDraftRow => ({ id: `label-${++lastRowId}`, key: '', value: '' })
const blankDraft = (kind: StoredKind): CreateDraft => ({ kind, name: '', labels: [newRow()], value: blankValueDraft() })

export const useCreateStore = create<CreateState & CreateActions>()((set) => ({
  opened: false,
  draft: blankDraft('secret'),
  busy: false,
  error: null,
  valueDropped: false,
  created: null,
  open: (kind) => set({ opened: true, draft: blankDraft(kind), busy: false, error: null, valueDropped: false }),
  close: () => set((s) => (s.busy ? {} : { opened: false, draft: blankDraft(s.draft.kind), error: null, valueDropped: false })),
  setName: (name) => set((s) => ({ draft: { ...s.draft, name } })),
  setLabel: (rowId, patch) => set((s) => ({ draft: { ...s.draft, labels: s.draft.labels.map((r) => (r.id === rowId ? { ...r, ...patch } : r)) } })),
  addLabel: () => set((s) => ({ draft: { ...s.draft, labels: [...s.draft.labels, newRow()] } })),
  removeLabel: (rowId) =>
    set((s) => {
      const labels = s.draft.labels.filter((r) => r.id !== rowId)
      return { draft: { ...s.draft, labels: labels.length > 0 ? labels : [newRow()] } }
    }),
  setValue: (patch) => set((s) => ({ draft: { ...s.draft, value: patchValue(s.draft.value, patch) }, valueDropped: patch.text ? false : s.valueDropped })),
  submitted: () => set((s) => ({ busy: true, error: null, draft: { ...s.draft, value: withoutValue(s.draft.value) } })),
  succeeded: (created) => set((s) => ({ busy: false, opened: false, created, draft: blankDraft(s.draft.kind) })),
  failed: (error) => set((s) => ({ busy: false, error, valueDropped: s.draft.value.mode === 'text' })),
  dismissCreated: () => set({ created: null })
}))
