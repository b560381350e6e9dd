import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { asShown, isUnfinished, RotationJournal, type Journal } from './rotation-journal'

const journal = (id: string, startedAt: string, state: Journal['state'] = 'running', swarmId = 'swarm'): Journal => ({
  id, swarmId, kind: 'secret', startedAt, updatedAt: startedAt, state,
  old: { id: 'OLD', name: 'tok' }, new: { id: null, name: 'tok_v2' }, removeOld: false, oldRemoved: false, beforeExec: null,
  services: [{ serviceId: 's', serviceName: 'web', references: [{ target: 't', uid: '0', gid: '0', mode: 292 }], order: 'stop-first', state: 'pending' }],
  log: [{ at: startedAt, kind: 'create', subject: 'tok_v2', state: 'started', message: '' }],
  failure: null, newLabels: { 'com.swarmdesk.rotated-from': 'tok' }, templating: null, newRemoved: false, orderChanged: []
})

describe('RotationJournal', () => {
  it('writes atomically (no temp file left), user-only, and reads back newest first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-journal-'))
    const store = new RotationJournal(dir)
    await store.save(journal('a', '2026-01-01T00:00:00Z'))
    await store.save(journal('b', '2026-01-02T00:00:00Z', 'completed'))
    await store.save({ ...journal('a', '2026-01-01T00:00:00Z'), oldRemoved: true })
    expect(readdirSync(join(dir, 'rotations')).sort()).toEqual(['a.json', 'b.json'])
    expect(statSync(join(dir, 'rotations', 'a.json')).mode & 0o777).toBe(0o600)
    expect((await store.list()).map((j) => j.id)).toEqual(['b', 'a'])
    expect((await store.load('a'))?.oldRemoved).toBe(true)
    expect(await store.load('missing')).toBeNull()
    expect(JSON.parse(readFileSync(join(dir, 'rotations', 'a.json'), 'utf8')).new).toEqual({ id: null, name: 'tok_v2' })
  })

  it('shows a running journal that no process runs as interrupted, and hides its internals', () => {
    const shown = asShown(journal('a', 'x'), new Set())
    expect(shown.state).toBe('interrupted')
    expect('newLabels' in shown).toBe(false)
    expect(asShown(journal('a', 'x'), new Set(['a'])).state).toBe('running')
    expect(isUnfinished({ state: 'interrupted' })).toBe(true)
    expect(isUnfinished({ state: 'failed' })).toBe(true)
    expect(isUnfinished({ state: 'completed' })).toBe(false)
    expect(isUnfinished({ state: 'rolled-back' })).toBe(false)
  })
})
