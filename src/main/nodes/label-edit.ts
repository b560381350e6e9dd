import { keyProblem, valueProblem, type LabelProblemCode } from '../../shared/label-rules'
import { phrase, type Phrase } from '../../shared/phrase'
import { english } from '../i18n/english'

/**
 * Node label edits as intentions ("add zone=east, remove ssd"), applied to whatever labels the
 * node has *now*. Re-applying an intention to a node re-read after a concurrent change keeps that
 * change: that is how an "update out of sequence" retry never loses someone else's label. Pure.
 */
export interface LabelChange {
  add: Record<string, string>
  remove: string[]
}

export interface LabelProblem {
  field: string
  /** English, for the CLI and the error's issues. */
  message: string
  said: Phrase
}

/** A label rule's problem as a phrase of nodes.said.label.* (the English the CLI prints). */
export function labelProblemPhrase(problem: { code: LabelProblemCode; params: Record<string, string | number> }): Phrase {
  const p = problem.params
  switch (problem.code) {
    case 'keyEmpty':
      return phrase('nodes.said.label.keyEmpty')
    case 'keyTooLong':
      return phrase('nodes.said.label.keyTooLong', { max: p.max })
    case 'keyWhitespace':
      return phrase('nodes.said.label.keyWhitespace', { key: p.key })
    case 'keyEquals':
      return phrase('nodes.said.label.keyEquals', { key: p.key })
    case 'keyPattern':
      return phrase('nodes.said.label.keyPattern', { key: p.key })
    case 'keyDuplicate':
      return phrase('nodes.said.label.keyDuplicate', { key: p.key })
    case 'valueLineBreak':
      return phrase('nodes.said.label.valueLineBreak', { key: p.key })
    case 'valueTooLong':
      return phrase('nodes.said.label.valueTooLong', { key: p.key, max: p.max })
  }
}

function labelIssue(field: string, said: Phrase): LabelProblem {
  return { field, message: english(said), said }
}

/**
 * Keys and values added must follow the rules; keys removed need only be non-empty, so that a
 * label someone set with an odd key (the Engine accepts almost anything) can still be removed.
 */
export function validateLabelChange(change: LabelChange): LabelProblem[] {
  const problems: LabelProblem[] = []
  for (const [key, value] of Object.entries(change.add)) {
    const problem = keyProblem(key) ?? valueProblem(key, value)
    if (problem) problems.push(labelIssue(`add.${key}`, labelProblemPhrase(problem)))
  }
  for (const [index, key] of change.remove.entries()) {
    if (key.length === 0) problems.push(labelIssue(`remove.${index}`, labelProblemPhrase({ code: 'keyEmpty', params: {} })))
    else if (key in change.add) problems.push(labelIssue(`remove.${index}`, phrase('nodes.said.label.addedAndRemoved', { key })))
  }
  if (Object.keys(change.add).length === 0 && change.remove.length === 0) problems.push(labelIssue('add', phrase('nodes.said.label.nothing')))
  return problems
}

/** The labels after the change; keys the change does not name are kept exactly as they are. */
export function applyLabelChange(current: Record<string, string>, change: LabelChange): Record<string, string> {
  const next = { ...current }
  for (const key of change.remove) delete next[key]
  Object.assign(next, change.add)
  return next
}

export function labelsEqual(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key])
}

export { labelChangeCli } from '../../shared/docker-cli'
