import { describe, expect, it } from 'vitest'
import type { RotationRecord } from '../../../../shared/secrets'
import { needsAttention, unfinishedRotations, withRecord } from './unfinished-model'

const record = (id: string, patch: Partial<RotationRecord> = {}): RotationRecord => ({
  id,
  swarmId: 'swarm',
  kind: 'secret',
  startedAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:01:00Z',
  state: 'interrupted',
  old: { id: 'old', name: 'db' },
  new: { id: 'new', name: 'db_v2' },
  removeOld: false,
  oldRemoved: false,
  beforeExec: null,
  services: [
    { serviceId: 's1', serviceName: 'api', references: [], order: 'stop-first', state: 'converged' },
    { serviceId: 's2', serviceName: 'web', references: [], order: 'stop-first', state: 'updated' },
    { serviceId: 's3', serviceName: 'worker', references: [], order: 'stop-first', state: 'pending' }
  ],
  log: [
    { at: 't1', kind: 'create', subject: 'db_v2', state: 'started', message: '' },
    { at: 't2', kind: 'create', subject: 'db_v2', state: 'done', message: '' },
    { at: 't3', kind: 'update', subject: 'api', state: 'done', message: '' }
  ],
  failure: null,
  ...patch
})

describe('unfinished rotations', () => {
  it.each([
    ['interrupted', true],
    ['failed', true],
    ['running', false],
    ['completed', false],
    ['rolled-back', false]
  ] as const)('%s needs the user: %s', (state, expected) => {
    expect(needsAttention({ state })).toBe(expected)
  })

  it('says what was done, which services moved, and what resume and roll back need', () => {
    const [one] = unfinishedRotations([record('r1')])
    expect(one.done.map((d) => `${d.kind}:${d.subject}`)).toEqual(['create:db_v2', 'update:api'])
    expect(one.moved).toEqual(['api', 'web'])
    expect(one.notMoved).toEqual(['worker'])
    expect(one.resumeNeedsValue).toBe(false)
    expect(one.rollbackPossible).toBe(true)
  })

  it.each([
    ['stopped before the new version existed', { new: { id: null, name: 'db_v2' } }, true, true],
    ['old version already removed', { oldRemoved: true }, false, false]
  ])('%s', (_, patch, needsValue, rollback) => {
    const [one] = unfinishedRotations([record('r1', patch)])
    expect(one.resumeNeedsValue).toBe(needsValue)
    expect(one.rollbackPossible).toBe(rollback)
  })

  it('leaves out rotations nobody needs to act on', () => {
    expect(unfinishedRotations([record('a', { state: 'running' }), record('b', { state: 'completed' }), record('c')]).map((u) => u.record.id)).toEqual(['c'])
  })

  it('withRecord drops a finished rotation and keeps or updates an unfinished one', () => {
    const list = [record('a'), record('b')]
    expect(withRecord(list, record('a', { state: 'completed' })).map((r) => r.id)).toEqual(['b'])
    expect(withRecord(list, record('a', { state: 'failed' })).map((r) => `${r.id}:${r.state}`)).toEqual(['a:failed', 'b:interrupted'])
  })
})
