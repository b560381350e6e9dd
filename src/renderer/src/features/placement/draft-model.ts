import { shellQuote } from '../../../../shared/docker-cli'
import type { Phrase } from '../../../../shared/phrase'
import type { PlacementDraft, PlacementPlanData } from '../../../../shared/placement'

/**
 * The draft planner's form (a service that does not exist yet) as the user types it, what it
 * sends to the planner, and the `docker service create` line it stands for. Pure.
 */

export type DraftMode = PlacementDraft['mode']

export interface DraftForm {
  /** Optional: the CLI line leaves `--name` out when empty (the engine makes one up). */
  name: string
  mode: DraftMode
  replicas: number
  /** One constraint per line, as `--constraint` takes them. */
  constraintsText: string
  /** One spread descriptor per line: `node.labels.zone` or `spread=node.labels.zone`. */
  preferencesText: string
  /** 0: no limit. */
  maxReplicasPerNode: number
  /** As `--reserve-cpu` takes it: a decimal number of CPUs. */
  reserveCpus: string
  /** As `--reserve-memory` takes it: 512M, 1.5g, 256MiB... */
  reserveMemory: string
}

export const emptyDraftForm: DraftForm = {
  name: '',
  mode: 'replicated',
  replicas: 2,
  constraintsText: '',
  preferencesText: '',
  maxReplicasPerNode: 0,
  reserveCpus: '',
  reserveMemory: ''
}

/** The planner needs a name; the CLI line does not. */
export const DRAFT_PLAN_NAME = 'draft'
/** The draft has no image: the CLI line ends with this placeholder. */
export const PLACEHOLDER_IMAGE = 'IMAGE'

export const draftModes: readonly DraftMode[] = ['replicated', 'global', 'replicated-job', 'global-job']

/** Replicated modes take a replica count (a job's `--replicas` is also its concurrency by default). */
export function takesReplicas(mode: DraftMode): boolean {
  return mode === 'replicated' || mode === 'replicated-job'
}

export interface TextLine {
  /** Trimmed. */
  text: string
  /** 0-based line in the textarea. */
  line: number
}

/** The non-blank lines of a textarea, trimmed, with where they are. */
export function textLines(text: string): TextLine[] {
  const out: TextLine[] = []
  text.split('\n').forEach((raw, line) => {
    const trimmed = raw.trim()
    if (trimmed !== '') out.push({ text: trimmed, line })
  })
  return out
}

/** `--reserve-cpu`: a decimal number of CPUs (the CLI multiplies by 1e9). Blank: 0. Invalid: null. */
export function parseCpus(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return 0
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return null
  return Math.round(Number(trimmed) * 1e9)
}

const memoryUnits: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }

/** `--reserve-memory` as the CLI parses it (go-units RAMInBytes: binary units, optional i/b). Blank: 0. Invalid: null. */
export function parseMemory(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return 0
  const match = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(trimmed)
  if (!match) return null
  return Math.floor(Number(match[1]) * memoryUnits[(match[2] ?? '').toLowerCase()])
}

/** Bytes as the shortest exact `--reserve-memory` value (1073741824 -> 1G, 1000 -> 1000). */
export function memoryText(bytes: number): string {
  const units = ['', 'K', 'M', 'G', 'T']
  let value = Math.max(0, Math.floor(bytes))
  let unit = 0
  while (unit < units.length - 1 && value >= 1024 && value % 1024 === 0) {
    value /= 1024
    unit++
  }
  return `${value}${units[unit]}`
}

export interface PreferenceLine extends TextLine {
  /** The descriptor (`node.labels.zone`), or null when the line is not a spread preference. */
  spread: string | null
}

/** Spread preferences, one per line; `spread=` is optional (the only strategy there is). */
export function preferenceLines(text: string): PreferenceLine[] {
  return textLines(text).map((entry) => {
    const eq = entry.text.indexOf('=')
    if (eq < 0) return { ...entry, spread: entry.text }
    const strategy = entry.text.slice(0, eq).trim().toLowerCase()
    const value = entry.text.slice(eq + 1).trim()
    return { ...entry, spread: strategy === 'spread' && value !== '' ? value : null }
  })
}

export interface DraftProblems {
  reserveCpus: boolean
  reserveMemory: boolean
  /** Lines (0-based) of the preferences textarea that are not `spread=...`. */
  preferenceLines: number[]
}

export interface DraftRequest {
  draft: PlacementDraft
  /** Where each constraint came from, in the order sent (the planner's issue index points here). */
  constraintLines: TextLine[]
  problems: DraftProblems
}

/** The draft the planner gets. Invalid fields are left out (sent as 0/empty) and reported as problems. */
export function draftFromForm(form: DraftForm): DraftRequest {
  const constraintLines = textLines(form.constraintsText)
  const preferences = preferenceLines(form.preferencesText)
  const nanoCpus = parseCpus(form.reserveCpus)
  const memoryBytes = parseMemory(form.reserveMemory)
  return {
    draft: {
      name: form.name.trim() || DRAFT_PLAN_NAME,
      mode: form.mode,
      replicas: takesReplicas(form.mode) ? Math.max(0, Math.floor(form.replicas)) : 0,
      constraints: constraintLines.map((entry) => entry.text),
      preferences: preferences.flatMap((entry) => (entry.spread === null ? [] : [{ spread: entry.spread }])),
      maxReplicasPerNode: Math.max(0, Math.floor(form.maxReplicasPerNode)),
      reservations: { nanoCpus: nanoCpus ?? 0, memoryBytes: memoryBytes ?? 0 },
      platforms: [],
      hostPorts: []
    },
    constraintLines,
    problems: {
      reserveCpus: nanoCpus === null,
      reserveMemory: memoryBytes === null,
      preferenceLines: preferences.filter((entry) => entry.spread === null).map((entry) => entry.line)
    }
  }
}

/** `docker service create ... IMAGE` for the draft, with the placeholder image. */
export function draftCli(form: DraftForm): string {
  const words = ['docker', 'service', 'create']
  const name = form.name.trim()
  if (name !== '') words.push('--name', shellQuote(name))
  if (form.mode !== 'replicated') words.push('--mode', form.mode)
  if (takesReplicas(form.mode)) words.push('--replicas', String(Math.max(0, Math.floor(form.replicas))))
  for (const entry of textLines(form.constraintsText)) words.push('--constraint', shellQuote(entry.text))
  for (const entry of preferenceLines(form.preferencesText)) if (entry.spread !== null) words.push('--placement-pref', shellQuote(`spread=${entry.spread}`))
  if (form.maxReplicasPerNode > 0) words.push('--replicas-max-per-node', String(Math.floor(form.maxReplicasPerNode)))
  const cpus = parseCpus(form.reserveCpus)
  if (cpus !== null && cpus > 0) words.push('--reserve-cpu', shellQuote(form.reserveCpus.trim()))
  const memory = parseMemory(form.reserveMemory)
  if (memory !== null && memory > 0) words.push('--reserve-memory', shellQuote(form.reserveMemory.trim()))
  words.push(PLACEHOLDER_IMAGE)
  return words.join(' ')
}

export interface ConstraintLineIssue {
  /** 0-based line in the constraints textarea. */
  line: number
  expression: string
  level: 'error' | 'warning'
  message: string
  /** The problem and its suggestion as phrases: what the app shows, in the user's language. */
  said: Phrase
  suggestion: string | null
  suggestionSaid: Phrase | null
  /** A whole replacement constraint, for a one-click fix: the parser's own `fix`, never read back from the words. */
  fix: string | null
}

/** The plan's constraint errors and warnings, placed on the lines they came from (line order). */
export function constraintLineIssues(plan: Pick<PlacementPlanData, 'errors' | 'constraintWarnings'>, lines: readonly TextLine[]): ConstraintLineIssue[] {
  const place = (level: ConstraintLineIssue['level']) => (issue: PlacementPlanData['errors'][number]): ConstraintLineIssue[] => {
    const where = lines[issue.index]
    if (!where) return []
    return [
      {
        line: where.line,
        expression: issue.expression,
        level,
        message: issue.message,
        said: issue.said,
        suggestion: issue.suggestion ?? null,
        suggestionSaid: issue.suggestionSaid ?? null,
        fix: issue.fix
      }
    ]
  }
  return [...plan.errors.flatMap(place('error')), ...plan.constraintWarnings.flatMap(place('warning'))].sort((a, b) => a.line - b.line || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1))
}

/**
 * Replace one constraint line by its fix. The line is found by its number when it still holds
 * the expression (the user may have typed since the plan), else by its text; unchanged otherwise.
 */
export function replaceConstraintLine(text: string, line: number, expression: string, replacement: string): string {
  const rows = text.split('\n')
  const at = rows[line]?.trim() === expression.trim() ? line : rows.findIndex((row) => row.trim() === expression.trim())
  if (at < 0) return text
  const indent = /^\s*/.exec(rows[at])?.[0] ?? ''
  rows[at] = `${indent}${replacement}`
  return rows.join('\n')
}
