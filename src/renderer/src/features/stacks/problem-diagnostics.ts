import type { TFunction } from 'i18next'
import type { PlanProblem } from '../../../../shared/stacks'
import { say } from '../../i18n/say'

/**
 * From main's plan problems (file, line, column: 1-based) to places in the editor's buffers
 * (character offsets, what CodeMirror diagnostics use). Pure.
 */

export interface TextRange {
  from: number
  to: number
}

/** Start offset of each line (lines split on \n; a \r before it stays part of the line). */
function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** End of line `index` (0-based), before its \n or \r\n. */
function lineEnd(text: string, starts: number[], index: number): number {
  let end = index + 1 < starts.length ? starts[index + 1] - 1 : text.length
  if (end > starts[index] && text[end - 1] === '\r') end--
  return end
}

/** Offset of line:column (both 1-based), clamped into the text and into the line. */
export function offsetAt(text: string, line: number, column: number): number {
  const starts = lineStarts(text)
  const index = Math.min(Math.max(line, 1), starts.length) - 1
  return Math.min(starts[index] + Math.max(column, 1) - 1, lineEnd(text, starts, index))
}

/**
 * What to underline for a problem at line:column: from there to the end of the line's content
 * (a value, a key, or a broken flow collection), without a trailing comment or spaces; at least
 * one character when the line has one, else an empty range at the end of the line.
 */
export function problemRange(text: string, line: number, column: number): TextRange {
  const from = offsetAt(text, line, column)
  const starts = lineStarts(text)
  const index = Math.min(Math.max(line, 1), starts.length) - 1
  const end = lineEnd(text, starts, index)
  let content = text.slice(from, end)
  const comment = content.search(/\s#/)
  if (comment >= 0) content = content.slice(0, comment)
  let to = from + content.trimEnd().length
  if (to === from && from < end) to = from + 1
  return { from, to }
}

/** Which of the plan's files (and so which editor buffer) a problem is in; null when none. */
export function fileIndexOf(problem: Pick<PlanProblem, 'location'>, planFiles: readonly string[]): number | null {
  if (!problem.location) return null
  const index = planFiles.indexOf(problem.location.file)
  return index >= 0 ? index : null
}

/** The problem in the user's language, from main's phrase (which leaves out the place: the screen shows it apart). */
export function problemWords(t: TFunction, problem: Pick<PlanProblem, 'said'>): string {
  return say(t, problem.said)
}

/** The known fix in the user's language, or null. */
export function fixWords(t: TFunction, problem: Pick<PlanProblem, 'fix' | 'fixSaid'>): string | null {
  if (problem.fixSaid) return say(t, problem.fixSaid)
  return problem.fix
}

/** `/srv/shop/docker-compose.yml` -> `docker-compose.yml` */
export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return cut < 0 ? path : path.slice(cut + 1)
}

export interface BufferDiagnostic extends TextRange {
  severity: 'error' | 'warning'
  message: string
  /** index of the problem in plan.problems */
  problem: number
}

/** The problems located in buffer `bufferIndex`, as ranges of `text` (the text that was planned). */
export function diagnosticsFor(t: TFunction, problems: readonly PlanProblem[], planFiles: readonly string[], bufferIndex: number, text: string): BufferDiagnostic[] {
  const out: BufferDiagnostic[] = []
  problems.forEach((p, i) => {
    if (!p.location || fileIndexOf(p, planFiles) !== bufferIndex) return
    const range = problemRange(text, p.location.line, p.location.column)
    const words = problemWords(t, p)
    const fix = fixWords(t, p)
    out.push({ ...range, severity: p.severity, message: fix ? `${words}\n→ ${fix}` : words, problem: i })
  })
  return out
}
