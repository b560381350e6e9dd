import { keyProblem, valueProblem, type LabelProblemCode } from '../../shared/label-rules'

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
  message: string
}

const messages: Record<LabelProblemCode, (p: Record<string, string | number>) => string> = {
  keyEmpty: () => 'a label key cannot be empty',
  keyTooLong: (p) => `a label key is at most ${p.max} characters`,
  keyWhitespace: (p) => `label key "${p.key}" contains whitespace; constraints could not name it`,
  keyEquals: (p) => `label key "${p.key}" contains "="; write key=value as two fields`,
  keyPattern: (p) => `label key "${p.key}" must start with a letter or digit and use only letters, digits, ".", "_", "-" and "/"`,
  keyDuplicate: (p) => `label key "${p.key}" appears twice`,
  valueLineBreak: (p) => `the value of "${p.key}" contains a line break`,
  valueTooLong: (p) => `the value of "${p.key}" is longer than ${p.max} characters`
}

export function labelProblemMessage(problem: { code: LabelProblemCode; params: Record<string, string | number> }): string {
  return messages[problem.code](problem.params)
}

/**
 * Keys and values added must follow the rules; keys removed need only be non-empty, so that a
 * label someone set with an odd key (the Engine accepts almost anything) can still be removed.
 */
export function validateLabelChange(change: LabelChange): LabelProblem[] {
  const problems: LabelProblem[] = []
  for (const [key, value] of Object.entries(change.add)) {
    const problem = keyProblem(key) ?? valueProblem(key, value)
    if (problem) problems.push({ field: `add.${key}`, message: labelProblemMessage(problem) })
  }
  for (const [index, key] of change.remove.entries()) {
    if (key.length === 0) problems.push({ field: `remove.${index}`, message: labelProblemMessage({ code: 'keyEmpty', params: {} }) })
    else if (key in change.add) problems.push({ field: `remove.${index}`, message: `"${key}" is both added and removed` })
  }
  if (Object.keys(change.add).length === 0 && change.remove.length === 0) problems.push({ field: 'add', message: 'nothing to change: add or remove at least one label' })
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
