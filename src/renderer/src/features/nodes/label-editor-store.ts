import i18next from 'i18next'
import { create } from 'zustand'
import type { ProcedureOutput } from '../../../../shared/contract'
import type { RpcErrorData } from '../../../../shared/errors'
import { blankRow, placeIssues, rowsFromNodes, type LabelChange, type LabelRow } from './label-diff'
import { say } from '../../i18n/say'

export type LabelResult = ProcedureOutput<'nodes.updateLabels'>['results'][number]

/** A node as the editor saw it when it opened: the base its difference is computed against. */
export interface EditedNode {
  id: string
  hostname: string
  labels: Record<string, string>
  /** engine labels (the daemon's configuration): shown read-only, never sent */
  engineLabels?: Record<string, string>
}

/** A node of the mirror as the editor opens on it. */
export function editedNode(n: { id: string; hostname: string; labels: Record<string, string>; engineLabels: Record<string, string> }): EditedNode {
  return { id: n.id, hostname: n.hostname, labels: n.labels, engineLabels: n.engineLabels }
}

interface LabelEditorState {
  opened: boolean
  nodes: EditedNode[]
  rows: LabelRow[]
  busy: boolean
  /** A refusal or failure of the whole save that no row can show. */
  error: RpcErrorData | null
  /** Main's INVALID_INPUT issues, by row id; cleared when that row is edited. */
  rowIssues: Record<string, string[]>
  /** Per-node outcome of the last save; the form is replaced by them until "edit again". */
  results: LabelResult[] | null
}

interface LabelEditorActions {
  open(nodes: readonly EditedNode[]): void
  close(): void
  setKey(rowId: string, key: string): void
  setValue(rowId: string, value: string): void
  setOnAll(rowId: string, on: boolean): void
  /** Existing label: mark or unmark for removal. Added row: drop it. */
  toggleRemove(rowId: string): void
  addRow(): void
  setBusy(busy: boolean): void
  setFailure(error: RpcErrorData, sent: LabelChange): void
  setResults(results: LabelResult[]): void
}

let lastRowId = 0
const makeRowId = (): string => `row-${++lastRowId}`

const initialState: LabelEditorState = { opened: false, nodes: [], rows: [], busy: false, error: null, rowIssues: {}, results: null }

function withoutIssues(issues: Record<string, string[]>, rowId: string): Record<string, string[]> {
  if (!(rowId in issues)) return issues
  const next = { ...issues }
  delete next[rowId]
  return next
}

export const useLabelEditorStore = create<LabelEditorState & LabelEditorActions>()((set) => {
  const updateRow = (rowId: string, patch: (row: LabelRow) => Partial<LabelRow>) =>
    set((state) => ({
      rows: state.rows.map((row) => (row.id === rowId ? { ...row, ...patch(row) } : row)),
      rowIssues: withoutIssues(state.rowIssues, rowId)
    }))
  return {
    ...initialState,
    open: (nodes) => {
      const rows = rowsFromNodes(nodes, makeRowId)
      // No label yet: start with an empty row to type into.
      set({ ...initialState, opened: true, nodes: [...nodes], rows: rows.length > 0 ? rows : [blankRow(makeRowId())] })
    },
    close: () => set(initialState),
    setKey: (rowId, key) => updateRow(rowId, () => ({ key })),
    // Typing a value where the nodes disagree means "this value on all of them".
    setValue: (rowId, value) => updateRow(rowId, (row) => ({ value, setOnAll: row.setOnAll || (row.origin !== null && row.origin.value === null) })),
    // Turning it off puts the row back as it was (the common value, or nothing where they differ).
    setOnAll: (rowId, on) => updateRow(rowId, (row) => (on || !row.origin ? { setOnAll: on } : { setOnAll: false, value: row.origin.value ?? '' })),
    toggleRemove: (rowId) =>
      set((state) => {
        const row = state.rows.find((r) => r.id === rowId)
        if (!row) return {}
        const rows = row.origin ? state.rows.map((r) => (r.id === rowId ? { ...r, removed: !r.removed } : r)) : state.rows.filter((r) => r.id !== rowId)
        return { rows, rowIssues: withoutIssues(state.rowIssues, rowId) }
      }),
    addRow: () => set((state) => ({ rows: [...state.rows, blankRow(makeRowId())] })),
    setBusy: (busy) => set({ busy }),
    setFailure: (error, sent) =>
      set((state) => {
        if (error.code !== 'INVALID_INPUT' || !error.issues?.length) return { busy: false, error, rowIssues: {} }
        // worded now, in the language of the moment: the editor is a short-lived dialog
        const placed = placeIssues(state.rows, sent, error.issues, (issue) => (issue.said ? say(i18next.t, issue.said) : issue.message))
        // Everything found its row: the rows say it all, no general alert needed.
        return { busy: false, rowIssues: placed.byRow, error: placed.general.length > 0 ? { ...error, issues: placed.general } : null }
      }),
    setResults: (results) => set({ busy: false, error: null, rowIssues: {}, results })
  }
})
