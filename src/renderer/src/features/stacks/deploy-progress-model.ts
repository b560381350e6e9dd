import type { Phrase } from '../../../../shared/phrase'
import type { DeployResult, StackPlan, StackProgress } from '../../../../shared/stacks'
import { isActionable, verbOf } from './plan-groups'

/**
 * A deploy's progress as rows: one per operation that sends something to the engine, then one
 * per service waited for. Events move rows pending -> running -> done | failed | skipped; the
 * final result settles whatever an event did not. Pure.
 */

export type RowStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped'

export interface ProgressRow {
  /** the plan's operation id, or `wait:<service>` */
  id: string
  kind: 'operation' | 'wait'
  name: string
  status: RowStatus
  /** in English; shown only when there is no phrase */
  message: string
  /** the same, as a phrase main built (shown in the user's language) */
  said?: Phrase
}

export const waitId = (service: string): string => `wait:${service}`

export function initialRows(plan: Pick<StackPlan, 'operations'>, wait: boolean): ProgressRow[] {
  const rows: ProgressRow[] = plan.operations.filter(isActionable).map((o) => ({ id: o.id, kind: 'operation', name: o.name, status: 'pending', message: '' }))
  if (wait) {
    for (const o of plan.operations) {
      const verb = verbOf(o.kind)
      if (o.phase === 'services' && (verb === 'create' || verb === 'update' || verb === 'unchanged')) rows.push({ id: waitId(o.name), kind: 'wait', name: o.name, status: 'pending', message: '' })
    }
  }
  return rows
}

/** One `stacks.progress` event (of this deploy). An id the plan did not have gets a row of its own. */
export function applyProgress(rows: readonly ProgressRow[], event: Pick<StackProgress, 'opId' | 'status' | 'message'> & Partial<Pick<StackProgress, 'said'>>): ProgressRow[] {
  const index = rows.findIndex((r) => r.id === event.opId)
  if (index < 0) {
    const isWait = event.opId.startsWith('wait:')
    const name = isWait ? event.opId.slice(5) : event.opId.slice(event.opId.indexOf(':') + 1)
    return [...rows, { id: event.opId, kind: isWait ? 'wait' : 'operation', name, status: event.status, message: event.message, said: event.said }]
  }
  const next = [...rows]
  next[index] = { ...rows[index], status: event.status, message: event.message, said: event.said }
  return next
}

/** The outcome of each operation and the convergence of each service, over what the events said. */
export function settleRows(rows: readonly ProgressRow[], result: Pick<DeployResult, 'applied' | 'outcomes' | 'convergence'>): ProgressRow[] {
  const outcomes = new Map(result.outcomes.map((o) => [o.id, o]))
  const convergence = new Map((result.convergence ?? []).map((c) => [waitId(c.service), c]))
  return rows.map((row) => {
    const outcome = outcomes.get(row.id)
    if (outcome) return { ...row, status: outcome.status, message: outcome.message, said: outcome.said }
    const c = convergence.get(row.id)
    if (c) return { ...row, status: c.state === 'converged' ? 'done' : c.state === 'not-waited' || c.state === 'stopped' ? 'skipped' : 'failed', message: c.message, said: c.said }
    if (row.status === 'pending' || row.status === 'running') return { ...row, status: 'skipped', message: row.message }
    return row
  })
}

export function isPlanChanged(result: Pick<DeployResult, 'applied' | 'plan'>): boolean {
  return !result.applied && result.plan.problems.some((p) => p.code === 'plan-changed')
}

export interface ProgressCounts {
  total: number
  finished: number
  failed: number
}

export function progressCounts(rows: readonly ProgressRow[]): ProgressCounts {
  return {
    total: rows.length,
    finished: rows.filter((r) => r.status === 'done' || r.status === 'failed' || r.status === 'skipped').length,
    failed: rows.filter((r) => r.status === 'failed').length
  }
}

/** How a finished deploy reads: blocked, all done, done but the user stopped waiting, or partly done. */
export type ResultKind = 'not-applied' | 'ok' | 'stopped-waiting' | 'partial'

export function resultKind(result: Pick<DeployResult, 'applied' | 'ok' | 'outcomes' | 'convergence'>): ResultKind {
  if (!result.applied) return 'not-applied'
  if (result.ok) return 'ok'
  const allSent = result.outcomes.every((o) => o.status === 'done')
  const states = (result.convergence ?? []).map((c) => c.state)
  if (allSent && states.includes('stopped') && !states.includes('failed') && !states.includes('timeout')) return 'stopped-waiting'
  return 'partial'
}

/** A wait row still moving: the deploy may be stopped from waiting (never from sending). */
export function isWaiting(rows: readonly ProgressRow[]): boolean {
  return rows.some((r) => r.kind === 'wait' && (r.status === 'running' || r.status === 'pending')) && rows.every((r) => r.kind === 'wait' || (r.status !== 'running' && r.status !== 'pending'))
}
