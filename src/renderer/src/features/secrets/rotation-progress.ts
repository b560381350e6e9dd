import type { Phrase } from '../../../../shared/phrase'
import type { RotationPlan, RotationProgress, RotationRecord, RotationResult, RotationStep } from '../../../../shared/secrets'

/**
 * A rotation's progress (or a resume's, or a roll back's) as rows: the plan's steps first, moved
 * by `secrets.progress` events; steps the plan did not have (the reverts of a roll back) get rows
 * of their own as they come. The result's journal settles what no event said. Pure.
 */

export type StepKind = RotationStep['kind']
export type StepStatus = 'pending' | 'running' | 'waiting' | 'done' | 'failed' | 'skipped'

export interface ProgressStep {
  /** `<kind>:<subject>` */
  key: string
  kind: StepKind
  subject: string
  status: StepStatus
  /** convergence detail (`2/3 running`) or the error, in English */
  message: string
  /** the same as a phrase, shown in the user's language (absent in journals written before phrases) */
  said?: Phrase | null
  cli: string | null
}

export const stepKey = (kind: StepKind, subject: string): string => `${kind}:${subject}`

export function initialSteps(steps: readonly RotationStep[]): ProgressStep[] {
  return steps.map((s) => ({ key: stepKey(s.kind, s.subject), kind: s.kind, subject: s.subject, status: 'pending', message: '', cli: s.cli }))
}

const statusOf: Record<RotationProgress['state'], StepStatus> = { started: 'running', waiting: 'waiting', done: 'done', failed: 'failed' }

export function applyProgress(steps: readonly ProgressStep[], event: Pick<RotationProgress, 'kind' | 'subject' | 'state' | 'message'> & { said?: Phrase | null }): ProgressStep[] {
  const key = stepKey(event.kind, event.subject)
  const index = steps.findIndex((s) => s.key === key)
  const status = statusOf[event.state]
  const said = event.said ?? null
  // A step that starts keeps no message from before; waiting and failure carry theirs.
  if (index < 0) return [...steps, { key, kind: event.kind, subject: event.subject, status, message: event.message, said, cli: null }]
  const next = [...steps]
  const kept = !event.message && status === 'done'
  next[index] = { ...steps[index], status, message: event.message || (kept ? steps[index].message : ''), said: kept ? steps[index].said ?? null : said }
  return next
}

/**
 * The final word: every journal line not seen as an event (a resume's earlier run included), then
 * what is still pending or running did not happen.
 */
export function settleSteps(steps: readonly ProgressStep[], result: Pick<RotationResult, 'record'>): ProgressStep[] {
  let next = [...steps]
  const last = new Map<string, RotationRecord['log'][number]>()
  for (const entry of result.record.log) last.set(stepKey(entry.kind, entry.subject), entry)
  for (const [key, entry] of last) {
    const row = next.find((s) => s.key === key)
    if (!row || (row.status !== 'done' && row.status !== 'failed')) next = applyProgress(next, entry)
  }
  return next.map((s) => (s.status === 'pending' || s.status === 'running' || s.status === 'waiting' ? { ...s, status: 'skipped' } : s))
}

export type ServicePhase = 'pending' | 'untouched' | 'updating' | 'converging' | 'converged' | 'failed' | 'reverting' | 'reverted'

export interface ServiceProgress {
  service: string
  phase: ServicePhase
  /** the latest convergence detail or error, in English, and as a phrase when there is one */
  detail: string
  detailSaid: Phrase | null
}

const active = (s: ProgressStep | undefined): boolean => s?.status === 'running' || s?.status === 'waiting'

/** One line per service: where its move to the new version (or back) stands. */
export function serviceProgress(steps: readonly ProgressStep[], services: readonly string[]): ServiceProgress[] {
  return services.map((service) => {
    const of = (kind: StepKind) => steps.find((s) => s.key === stepKey(kind, service))
    const update = of('update')
    const converge = of('converge')
    const revert = of('revert')
    const revertConverge = of('revert-converge')
    const latest = [revertConverge, revert, converge, update].find((s) => s && s.message)
    const line = (phase: ServicePhase): ServiceProgress => ({ service, phase, detail: latest?.message ?? '', detailSaid: latest?.said ?? null })
    if (revertConverge?.status === 'done') return line('reverted')
    if (active(revert) || active(revertConverge) || revert?.status === 'done') return line('reverting')
    if ([update, converge, revert, revertConverge].some((s) => s?.status === 'failed')) return line('failed')
    if (converge?.status === 'done') return line('converged')
    if (active(converge) || update?.status === 'done') return line('converging')
    if (active(update)) return line('updating')
    // The run ended before its turn (a roll back, a failure): it never left the old version.
    if (update?.status === 'skipped') return line('untouched')
    return line('pending')
  })
}

export interface StepCounts {
  total: number
  finished: number
  failed: number
}

export function stepCounts(steps: readonly ProgressStep[]): StepCounts {
  return {
    total: steps.length,
    finished: steps.filter((s) => s.status === 'done' || s.status === 'failed' || s.status === 'skipped').length,
    failed: steps.filter((s) => s.status === 'failed').length
  }
}

/** The services a run concerns: the plan's consumers, or a journal's. */
export function servicesOfPlan(plan: Pick<RotationPlan, 'consumers'>): string[] {
  return plan.consumers.map((c) => c.serviceName)
}
export function servicesOfRecord(record: Pick<RotationRecord, 'services'>): string[] {
  return record.services.map((s) => s.serviceName)
}

/**
 * The likely cause of a failed rotation when the engine's words point at it: new tasks failing
 * their health check with the new value, most often because another service (a database) still
 * holds the old one. Pure: the hint is a key, worded by the view.
 */
export function failureHint(failure: Pick<NonNullable<RotationResult['failure']>, 'service' | 'message' | 'taskError'> | null): 'health-check' | null {
  if (!failure?.service) return null
  return /unhealthy|health ?check/i.test(`${failure.taskError ?? ''} ${failure.message}`) ? 'health-check' : null
}
