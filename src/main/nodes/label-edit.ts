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

// Docker accepts almost anything; these rules keep labels usable in constraints
// (`node.labels.<key> == <value>`): no spaces or `=` in keys, no line breaks anywhere.
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/
export const MAX_KEY_LENGTH = 255
export const MAX_VALUE_LENGTH = 4096

export function validateLabelChange(change: LabelChange): LabelProblem[] {
  const problems: LabelProblem[] = []
  const checkKey = (key: string, field: string) => {
    if (key.length === 0) problems.push({ field, message: 'a label key cannot be empty' })
    else if (key.length > MAX_KEY_LENGTH) problems.push({ field, message: `a label key is at most ${MAX_KEY_LENGTH} characters` })
    else if (/\s/.test(key)) problems.push({ field, message: `label key "${key}" contains whitespace; constraints could not name it` })
    else if (key.includes('=')) problems.push({ field, message: `label key "${key}" contains "="; write key=value as two fields` })
    else if (!KEY_PATTERN.test(key)) {
      problems.push({ field, message: `label key "${key}" must start with a letter or digit and use only letters, digits, ".", "_", "-" and "/"` })
    }
  }
  for (const [key, value] of Object.entries(change.add)) {
    checkKey(key, `add.${key}`)
    if (/[\r\n]/.test(value)) problems.push({ field: `add.${key}`, message: `the value of "${key}" contains a line break` })
    if (value.length > MAX_VALUE_LENGTH) problems.push({ field: `add.${key}`, message: `the value of "${key}" is longer than ${MAX_VALUE_LENGTH} characters` })
  }
  for (const [index, key] of change.remove.entries()) {
    checkKey(key, `remove.${index}`)
    if (key in change.add) problems.push({ field: `remove.${index}`, message: `"${key}" is both added and removed` })
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

function shellQuote(value: string): string {
  return /^[A-Za-z0-9._/=:@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}

/** `docker node update --label-add k=v --label-rm k NODE`, one command per node. */
export function labelChangeCli(change: LabelChange, node: string): string {
  const parts = ['docker', 'node', 'update']
  for (const key of change.remove) parts.push('--label-rm', shellQuote(key))
  for (const [key, value] of Object.entries(change.add)) parts.push('--label-add', shellQuote(`${key}=${value}`))
  parts.push(shellQuote(node))
  return parts.join(' ')
}
