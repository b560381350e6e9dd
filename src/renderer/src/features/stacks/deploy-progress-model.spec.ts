import { describe, expect, it } from 'vitest'
import type { DeployResult, StackOperation, StackOperationKind } from '../../../../shared/stacks'
import { applyProgress, initialRows, isPlanChanged, isWaiting, progressCounts, resultKind, settleRows, type ProgressRow } from './deploy-progress-model'

const op = (kind: StackOperationKind, name: string): StackOperation => ({
  id: `${kind}:${name}`,
  kind,
  phase: kind.startsWith('network') ? 'networks' : kind === 'service.remove' ? 'prune' : 'services',
  name,
  key: name,
  changes: [],
  restarts: false,
  notes: [],
  blocked: null,
  cli: null
})

const plan = { operations: [op('network.create', 's_default'), op('network.unchanged', 's_front'), op('service.create', 's_web'), op('service.unchanged', 's_db'), op('service.remove', 's_old')] }

describe('initialRows', () => {
  it('has the actionable operations, pending', () => {
    expect(initialRows(plan, false).map((r) => [r.id, r.status])).toEqual([
      ['network.create:s_default', 'pending'],
      ['service.create:s_web', 'pending'],
      ['service.remove:s_old', 'pending']
    ])
  })
  it('waits for every service of the file, changed or not', () => {
    expect(initialRows(plan, true).filter((r) => r.kind === 'wait').map((r) => r.id)).toEqual(['wait:s_web', 'wait:s_db'])
  })
})

describe('applyProgress', () => {
  const rows = initialRows(plan, true)
  it.each<[string, 'running' | 'done' | 'failed' | 'skipped', string]>([
    ['network.create:s_default', 'running', 'Creating network s_default'],
    ['service.create:s_web', 'done', 'created service s_web'],
    ['wait:s_db', 'failed', 'task failed: no suitable node']
  ])('%s -> %s', (opId, status, message) => {
    const next = applyProgress(rows, { opId, status, message })
    expect(next.find((r) => r.id === opId)).toMatchObject({ status, message })
    expect(next.filter((r) => r.id !== opId)).toEqual(rows.filter((r) => r.id !== opId))
    expect(rows.find((r) => r.id === opId)?.status).toBe('pending')
  })
  it('adds an unknown id as a row', () => {
    expect(applyProgress([], { opId: 'wait:s_job', status: 'running', message: '0/1' })).toEqual([{ id: 'wait:s_job', kind: 'wait', name: 's_job', status: 'running', message: '0/1' }])
    expect(applyProgress([], { opId: 'config.create:s_app', status: 'done', message: 'ok' })[0]).toMatchObject({ kind: 'operation', name: 's_app' })
  })
})

describe('settleRows', () => {
  const rows: ProgressRow[] = applyProgress(initialRows(plan, true), { opId: 'wait:s_web', status: 'running', message: '1/2' })
  const result: Pick<DeployResult, 'applied' | 'outcomes' | 'convergence'> = {
    applied: true,
    outcomes: [
      { id: 'network.create:s_default', status: 'done', message: 'created network s_default', said: { key: 'stacks.said.outcome.networkCreated', params: { name: 's_default' } }, error: null, warnings: [] },
      { id: 'service.create:s_web', status: 'done', message: 'created service s_web', said: { key: 'stacks.said.outcome.serviceCreated', params: { name: 's_web' } }, error: null, warnings: [] },
      { id: 'service.remove:s_old', status: 'failed', message: 'Removing service s_old failed: gone', said: { key: 'stacks.said.outcome.failed', params: { action: { key: 'stacks.said.running.removeService', params: { name: 's_old' } }, error: { key: 'stacks.said.system', params: { text: 'gone' } } } }, error: { code: 'ENGINE_ERROR', message: 'gone' }, warnings: [] }
    ],
    convergence: [
      { service: 's_web', state: 'converged', running: 2, desired: 2, message: '2/2 running', said: { key: 'convergence.running', params: { running: 2, desired: 2 } } },
      { service: 's_db', state: 'timeout', running: 0, desired: 1, message: 'timed out', said: { key: 'convergence.system', params: { text: 'timed out' } } }
    ]
  }
  it('takes the outcomes and the convergence', () => {
    expect(settleRows(rows, result).map((r) => [r.id, r.status])).toEqual([
      ['network.create:s_default', 'done'],
      ['service.create:s_web', 'done'],
      ['service.remove:s_old', 'failed'],
      ['wait:s_web', 'done'],
      ['wait:s_db', 'failed']
    ])
  })
  it('keeps the phrase of each outcome and convergence, to be said in the language of the user', () => {
    const settled = settleRows(rows, result)
    expect(settled.find((r) => r.id === 'service.remove:s_old')?.said).toEqual(result.outcomes[2].said)
    expect(settled.find((r) => r.id === 'wait:s_web')?.said).toEqual(result.convergence?.[0].said)
  })
  it('marks what never ran as skipped', () => {
    expect(settleRows(rows, { applied: false, outcomes: [], convergence: null }).every((r) => r.status === 'skipped')).toBe(true)
  })
  it('counts', () => {
    expect(progressCounts(settleRows(rows, result))).toEqual({ total: 5, finished: 5, failed: 2 })
    expect(progressCounts(rows)).toEqual({ total: 5, finished: 0, failed: 0 })
  })
})

describe('isPlanChanged', () => {
  const problem = { severity: 'error' as const, subject: '', message: 'the plan changed', fix: null, path: null, location: null }
  it.each([
    [false, [{ ...problem, code: 'plan-changed' as const }], true],
    [false, [{ ...problem, code: 'compose' as const }], false],
    [true, [], false]
  ])('applied %s', (applied, problems, changed) => {
    expect(isPlanChanged({ applied, plan: { problems } as unknown as DeployResult['plan'] })).toBe(changed)
  })
})

describe('a deploy whose wait the user stopped', () => {
  const outcome = (status: 'done' | 'failed' | 'skipped') => ({ id: 'service.create:s_web', status, message: '', said: { key: 'x' }, error: null, warnings: [] })
  const converged = (state: 'converged' | 'stopped' | 'failed' | 'timeout' | 'not-waited', service = 's_web') => ({ service, state, running: 0, desired: 1, message: state, said: { key: state } })
  it.each<[string, Pick<DeployResult, 'applied' | 'ok' | 'outcomes' | 'convergence'>, string]>([
    ['blocked', { applied: false, ok: false, outcomes: [], convergence: null }, 'not-applied'],
    ['all done', { applied: true, ok: true, outcomes: [outcome('done')], convergence: [converged('converged')] }, 'ok'],
    ['sent, then the wait stopped', { applied: true, ok: false, outcomes: [outcome('done')], convergence: [converged('converged', 's_db'), converged('stopped')] }, 'stopped-waiting'],
    ['stopped, but another service failed', { applied: true, ok: false, outcomes: [outcome('done')], convergence: [converged('failed', 's_db'), converged('stopped')] }, 'partial'],
    ['stopped, but an operation failed', { applied: true, ok: false, outcomes: [outcome('failed')], convergence: [converged('stopped')] }, 'partial']
  ])('%s', (_name, result, kind) => {
    expect(resultKind(result)).toBe(kind)
  })

  it('a stopped wait settles its row as not done, not failed', () => {
    const rows = initialRows(plan, true)
    const settled = settleRows(rows, { applied: true, outcomes: [], convergence: [converged('stopped')] })
    expect(settled.find((r) => r.id === 'wait:s_web')?.status).toBe('skipped')
  })

  it('the wait can be stopped only once every operation was sent', () => {
    const rows = initialRows(plan, true)
    expect(isWaiting(rows)).toBe(false)
    const sent = rows.map((r) => (r.kind === 'operation' ? { ...r, status: 'done' as const } : { ...r, status: 'running' as const }))
    expect(isWaiting(sent)).toBe(true)
    expect(isWaiting(sent.map((r) => ({ ...r, status: 'done' as const })))).toBe(false)
  })
})
