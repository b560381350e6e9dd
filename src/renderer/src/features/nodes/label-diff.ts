import { keyProblem, valueProblem, type LabelProblem } from '../../../../shared/label-rules'
import type { Phrase } from '../../../../shared/phrase'
import { summariseLabels, type LabelledNode } from './label-summary'

/**
 * The label editor as the user edits it, and the *difference* it makes: only the keys the user
 * added, changed or removed are sent, so labels someone else edits meanwhile survive (main
 * re-applies the same difference after a concurrent update). Never the whole label set. Pure.
 */
export interface LabelChange {
  add: Record<string, string>
  remove: string[]
}

export interface LabelOrigin {
  key: string
  /** The value on every selected node that has the key; null when those nodes disagree. */
  value: string | null
  /** How many of the selected nodes have the key. */
  count: number
}

export interface LabelRow {
  /** Stable React key; never sent. */
  id: string
  key: string
  value: string
  /** The label this row started from; null for a row the user added. */
  origin: LabelOrigin | null
  /** Marked for removal: stays on screen (struck through) so it can be undone. */
  removed: boolean
  /** Write the value on every selected node, even where it is missing or already equal. */
  setOnAll: boolean
}

/** One row per label of the selected nodes (one node or many), in key order. */
export function rowsFromNodes(nodes: readonly LabelledNode[], makeId: () => string): LabelRow[] {
  return summariseLabels(nodes).map((summary) => {
    const value = summary.values.length === 1 ? summary.values[0] : null
    return {
      id: makeId(),
      key: summary.key,
      value: value ?? '',
      origin: { key: summary.key, value, count: summary.hostnames.length },
      removed: false,
      setOnAll: false
    }
  })
}

export function blankRow(id: string): LabelRow {
  return { id, key: '', value: '', origin: null, removed: false, setOnAll: false }
}

/** An added row the user left empty is not a change (nor an error). */
export function isBlankRow(row: LabelRow): boolean {
  return row.origin === null && row.key === '' && row.value === ''
}

export interface RowEffect {
  /** Key and value written by this row. */
  add: [string, string] | null
  /** Key removed by this row. */
  remove: string | null
}

/** What one row contributes to the change. */
export function rowEffect(row: LabelRow): RowEffect {
  const origin = row.origin
  if (!origin) return { add: row.removed || isBlankRow(row) ? null : [row.key, row.value], remove: null }
  if (row.removed) return { add: null, remove: origin.key }
  // A renamed key: the old one goes, the new one gets the value.
  if (row.key !== origin.key) return { add: [row.key, row.value], remove: origin.key }
  const edited = origin.value !== null && row.value !== origin.value
  return { add: row.setOnAll || edited ? [row.key, row.value] : null, remove: null }
}

export function changeFromRows(rows: readonly LabelRow[]): LabelChange {
  const add: Record<string, string> = {}
  const remove: string[] = []
  for (const row of rows) {
    const effect = rowEffect(row)
    if (effect.add) add[effect.add[0]] = effect.add[1]
    if (effect.remove !== null && !remove.includes(effect.remove)) remove.push(effect.remove)
  }
  // Removing a key and adding it again is just setting it (main refuses "both added and removed").
  return { add, remove: remove.filter((key) => !(key in add)) }
}

export function isEmptyChange(change: LabelChange): boolean {
  return Object.keys(change.add).length === 0 && change.remove.length === 0
}

export interface RowProblems {
  key?: LabelProblem
  value?: LabelProblem
}

/**
 * Problems per row id, only where the row changes something: an odd label that was already on
 * the node (set with the CLI) does not block saving other edits.
 */
export function rowProblems(rows: readonly LabelRow[]): Record<string, RowProblems> {
  const problems: Record<string, RowProblems> = {}
  const seen = new Set<string>()
  for (const row of rows) {
    if (row.removed || isBlankRow(row)) continue
    const effect = rowEffect(row)
    const found: RowProblems = {}
    if (effect.add) {
      found.key = keyProblem(effect.add[0]) ?? undefined
      found.value = valueProblem(effect.add[0], effect.add[1]) ?? undefined
    }
    if (!found.key && seen.has(row.key)) found.key = { code: 'keyDuplicate', params: { key: row.key } }
    seen.add(row.key)
    if (found.key || found.value) problems[row.id] = found
  }
  // Removals are not checked against the key rules: a label set elsewhere under an odd key must
  // stay removable (main checks only that the key is not empty, which an existing label never is).
  return problems
}

export interface ServerIssue {
  path: string
  message: string
  /** Main's own wording of the problem, as a phrase (see src/shared/phrase.ts). */
  said?: Phrase
}

/**
 * Main's INVALID_INPUT issues (`add.<key>`, `remove.<index>` of the change that was sent) put
 * back on the rows they are about; the rest stay general.
 */
export function placeIssues(
  rows: readonly LabelRow[],
  sent: LabelChange,
  issues: readonly ServerIssue[],
  /** How an issue reads on its row: the user's language when main sent a phrase. */
  word: (issue: ServerIssue) => string = (issue) => issue.message
): { byRow: Record<string, string[]>; general: ServerIssue[] } {
  const byRow: Record<string, string[]> = {}
  const general: ServerIssue[] = []
  for (const issue of issues) {
    let row: LabelRow | undefined
    if (issue.path.startsWith('add.')) {
      const key = issue.path.slice('add.'.length)
      row = rows.find((r) => rowEffect(r).add?.[0] === key)
    } else {
      const match = /^remove\.(\d+)$/.exec(issue.path)
      const key = match ? sent.remove[Number(match[1])] : undefined
      if (key !== undefined) row = rows.find((r) => rowEffect(r).remove === key)
    }
    if (row) (byRow[row.id] ??= []).push(word(issue))
    else general.push(issue)
  }
  return { byRow, general }
}

/**
 * Labels that changed on the live nodes since the editor opened (someone else, or the CLI):
 * shown so the user knows their difference applies on top of them.
 */
export function changedSinceOpened(opened: readonly (LabelledNode & { id: string })[], live: readonly (LabelledNode & { id: string })[]): string[] {
  const changed: string[] = []
  for (const before of opened) {
    const now = live.find((n) => n.id === before.id)
    if (!now) continue
    const keys = new Set([...Object.keys(before.labels), ...Object.keys(now.labels)])
    if ([...keys].some((key) => before.labels[key] !== now.labels[key])) changed.push(before.hostname)
  }
  return changed
}
