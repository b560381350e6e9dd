import { commandLine, shellQuote } from '../../../../shared/docker-cli'
import type { Phrase } from '../../../../shared/phrase'
import { objectNameProblem, objectNameProblemSaid, type StoredKind, type ValueSource } from '../../../../shared/secrets'
import { valueProblem, valueSourceOf, type ValueDraft, type ValueProblem } from './value-draft'

/**
 * The create form as data: name, labels, value source. Each check returns a problem the form
 * shows where it belongs; `createRequestOf` is what goes to `secrets.create`. Pure.
 */

export interface LabelDraftRow {
  id: string
  key: string
  value: string
}

export type LabelRowProblem = { code: 'keyEmpty' } | { code: 'keySpace'; key: string } | { code: 'keyEquals'; key: string } | { code: 'duplicate'; key: string } | { code: 'lineBreak'; key: string }

/**
 * Problems per row id. The engine takes almost any label; these keep them writable as
 * `--label KEY=VALUE`. A row left completely empty is ignored (the blank row at the end).
 */
export function labelProblems(rows: readonly LabelDraftRow[]): Record<string, LabelRowProblem> {
  const problems: Record<string, LabelRowProblem> = {}
  const seen = new Set<string>()
  for (const row of rows) {
    const key = row.key.trim()
    if (key === '' && row.value === '') continue
    if (key === '') problems[row.id] = { code: 'keyEmpty' }
    else if (/\s/.test(key)) problems[row.id] = { code: 'keySpace', key }
    else if (key.includes('=')) problems[row.id] = { code: 'keyEquals', key }
    else if (seen.has(key)) problems[row.id] = { code: 'duplicate', key }
    else if (/[\r\n]/.test(row.value)) problems[row.id] = { code: 'lineBreak', key }
    seen.add(key)
  }
  return problems
}

export function labelsOf(rows: readonly LabelDraftRow[]): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const row of rows) if (row.key.trim() !== '') labels[row.key.trim()] = row.value
  return labels
}

export interface CreateDraft {
  kind: StoredKind
  name: string
  labels: LabelDraftRow[]
  value: ValueDraft
}

export interface CreateReadiness {
  nameProblem: string | null
  /** nameProblem as a phrase, for the form */
  nameProblemSaid: Phrase | null
  labelProblems: Record<string, LabelRowProblem>
  valueProblem: ValueProblem | null
  /** null until every check passes */
  request: { kind: StoredKind; name: string; labels: Record<string, string>; value: ValueSource } | null
}

export function createReadiness(draft: CreateDraft): CreateReadiness {
  const nameProblem = objectNameProblem(draft.name)
  const problems = labelProblems(draft.labels)
  const value = valueProblem(draft.value, draft.kind)
  const source = valueSourceOf(draft.value, draft.kind)
  const ready = nameProblem === null && Object.keys(problems).length === 0 && source !== null
  return { nameProblem, nameProblemSaid: objectNameProblemSaid(draft.name), labelProblems: problems, valueProblem: value, request: ready ? { kind: draft.kind, name: draft.name, labels: labelsOf(draft.labels), value: source } : null }
}

/**
 * `docker secret create [--label k=v] NAME -` (value on stdin), or NAME FILE for a file. A
 * generated value has no CLI form: the line shows stdin, where `openssl rand` would pipe it.
 */
export function createCliPreview(draft: CreateDraft): string {
  const labels = Object.entries(labelsOf(draft.labels)).map(([k, v]) => `--label ${shellQuote(`${k}=${v}`)}`)
  const source = draft.value.mode === 'file' && draft.value.path.trim() !== '' ? shellQuote(draft.value.path.trim()) : '-'
  return commandLine('docker', draft.kind, 'create', ...labels, shellQuote(draft.name || 'NAME'), source)
}

export function removeCliPreview(kind: StoredKind, name: string): string {
  return commandLine('docker', kind, 'rm', shellQuote(name))
}
