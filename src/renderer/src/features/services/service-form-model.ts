import type { TFunction } from 'i18next'
import type { DraftIssue, ServiceDraft } from '../../../../shared/services'
import { draftIssuePhrase } from '../../../../shared/service-issue-phrases'
import { say } from '../../i18n/say'

/** Pure helpers of the service form: textareas as lists, and the plan's issues worded and placed on fields. */

/** One entry per non-blank line (trimmed at the ends only: values may hold inner spaces). */
export function linesToList(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '')
}

export function listToLines(list: readonly string[]): string {
  return list.join('\n')
}

/**
 * One issue in the user's language: main sends a code and its values, worded through the one
 * mapping of codes to phrases (`services.issues.<code>`, src/shared/service-issue-phrases.ts). The
 * form names the modes as its mode picker does (the `--mode` of the CLI line stays as typed).
 */
export function issueMessage(t: TFunction, issue: DraftIssue): string {
  if (issue.code === 'mode-change') return t('services.issues.mode-change', { ...issue, fromMode: t(`services.mode.${issue.from}`), toMode: t(`services.mode.${issue.to}`) })
  return say(t, draftIssuePhrase(issue))
}

/** An issue as the form shows it: where, and what is wrong in the user's language. */
export interface WordedIssue {
  path: string
  message: string
}

export function wordIssues(t: TFunction, issues: readonly DraftIssue[]): WordedIssue[] {
  return issues.map((issue) => ({ path: issue.path, message: issueMessage(t, issue) }))
}

/** The issues of one field (`image`) or of a row (`ports.1` matches `ports.1.published`). */
export function issuesAt(issues: readonly WordedIssue[], path: string): string[] {
  return issues.filter((issue) => issue.path === path || issue.path.startsWith(`${path}.`)).map((issue) => issue.message)
}

/** A textarea that holds a list: its issues say which line (`env.2` -> line 3). */
export function lineIssues(issues: readonly WordedIssue[], field: string, list: readonly string[], text: string): string[] {
  const lines = text.split('\n')
  return issues
    .filter((issue) => issue.path.startsWith(`${field}.`))
    .map((issue) => {
      const index = Number(issue.path.slice(field.length + 1).split('.')[0])
      const entry = list[index]
      const line = entry === undefined ? -1 : lines.findIndex((l) => l.trim() === entry)
      return line >= 0 ? `${line + 1}: ${issue.message}` : issue.message
    })
}

export type DraftPatch = Partial<ServiceDraft>

/** Replace one row of a list field, immutably. */
export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item))
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index)
}

/** The draft fields an update changes (for the "you changed" summary before the diff arrives). */
export function changedFields(base: ServiceDraft | null, draft: ServiceDraft): (keyof ServiceDraft)[] {
  if (!base) return []
  return (Object.keys(draft) as (keyof ServiceDraft)[]).filter((key) => JSON.stringify(base[key]) !== JSON.stringify(draft[key]))
}

/** Equal as data: same values, whatever the order of an object's keys. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameData(item, b[i]))
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  return ka.length === kb.length && ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

/** The draft differs from what the form was opened with: closing it would lose edits (asked first). */
export function isDraftDirty(start: ServiceDraft, draft: ServiceDraft): boolean {
  return !sameData(start, draft)
}
