import { describe, expect, it } from 'vitest'
import { phrase } from '../../shared/phrase'
import type { RotationResult, StoredObject } from '../../shared/secrets'
import { formatProgress, formatRotationResult } from './secret-commands'
import { objectTable } from './list-tables'

const record: RotationResult['record'] = {
  id: 'r1', swarmId: 'sw', kind: 'secret', startedAt: '', updatedAt: '2026-01-01T10:00:00Z', state: 'rolled-back',
  old: { id: 'o', name: 'tok' }, new: { id: 'n', name: 'tok_v2' }, removeOld: false, oldRemoved: false, beforeExec: null,
  services: [
    { serviceId: 'a', serviceName: 'api', references: [], order: 'stop-first', state: 'reverted' },
    { serviceId: 'w', serviceName: 'web', references: [], order: 'stop-first', state: 'reverted' }
  ],
  log: [], failure: null
}

describe('secret command output', () => {
  it('lists objects with each consumer, target, owner and mode', () => {
    const objects = [{ name: 'tok', stack: 'shop', createdAt: '2026-01-01T10:00:00.123Z', consumers: [{ serviceName: 'web', target: 'tok', uid: '0', gid: '0', mode: 0o400 }, { serviceName: 'cs', target: null, uid: '0', gid: '0', mode: 0o444 }] }] as StoredObject[]
    expect(objectTable(objects)).toBe('NAME   STACK   CREATED               USED BY\ntok    shop    2026-01-01 10:00:00   web:tok 0:0 0400, cs:(runtime) 0:0 0444\n')
  })

  it('says what failed, where, and what was undone', () => {
    const result: RotationResult = {
      rotationId: 'r1', outcome: 'rolled-back', kind: 'secret',
      old: { id: 'o', name: 'tok', removed: false }, new: { id: 'n', name: 'tok_v2', removed: true },
      failure: { service: 'web', message: 'the update paused', taskError: 'task abc: complete (finished)' }, notes: [{ message: 'x was removed meanwhile: skipped', said: { key: 'errors.said.raw', params: { message: 'x was removed meanwhile: skipped' } } }], record, cli: []
    }
    expect(formatRotationResult(result)).toBe(
      'tok -> tok_v2: ROLLED BACK\n  web: the update paused\n  task abc: complete (finished)\n  api: reverted, web: reverted\n  tok_v2 removed\n  note: x was removed meanwhile: skipped\nrotation r1\n'
    )
  })

  it('prints progress except the start of a step', () => {
    expect(formatProgress({ requestId: null, rotationId: 'r', kind: 'converge', subject: 'web', state: 'waiting', message: '1/3 running', said: phrase('convergence.running', { running: 1, desired: 3 }) })).toBe('converge web: waiting (1/3 running)\n')
    expect(formatProgress({ requestId: null, rotationId: 'r', kind: 'update', subject: 'web', state: 'started', message: '', said: null })).toBeNull()
  })
})
