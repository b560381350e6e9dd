import { describe, expect, it } from 'vitest'
import { memoryFeed, testService, testTask } from '../../../tests/support/mirror-feed'
import type { ConvergenceGoal } from './convergence'
import { watchConvergence } from './convergence-watcher'

// The watcher over an in-memory feed (the mirror's interface, not the Docker API): it decides on
// each change the mirror announces, rechecks when a grace or stability period ends, times out
// and stops listening when done.

const stackGoal: ConvergenceGoal = { voice: 'stack', engineRollback: 'fails' }

describe('watchConvergence', () => {
  it('decides on each change the mirror announces, reports each new sentence, then stops listening and following', async () => {
    const mirror = memoryFeed({ service: testService(), tasks: [testTask('a', 'running'), testTask('b', 'starting')] })
    const said: string[] = []
    const done = watchConvergence(mirror.feed, 's1', stackGoal, { timeoutMs: 5_000, onChange: (v) => said.push(`${v.state}: ${v.message}`) })
    expect(mirror.followed('s1')).toBe(1) // the mirror keeps reading the service while the wait lasts
    mirror.set({ service: testService(), tasks: [testTask('a', 'running'), testTask('b', 'starting')] }) // same sentence: not repeated
    mirror.set({ service: testService(), tasks: [testTask('a', 'running'), testTask('b', 'running')] })
    expect(await done).toMatchObject({ state: 'converged', running: 2, desired: 2 })
    expect(said).toEqual(['waiting: 1/2 running', 'converged: 2/2 running'])
    expect(mirror.listeners.size).toBe(0)
    expect(mirror.followed('s1')).toBe(0)
  })

  it('waits for a service the mirror has not shown yet, and fails when one it saw is removed', async () => {
    const mirror = memoryFeed()
    const done = watchConvergence(mirror.feed, 's1', stackGoal, { timeoutMs: 5_000 })
    mirror.set({ service: testService(), tasks: [] })
    mirror.set({})
    expect(await done).toMatchObject({ state: 'failed', message: 'the service disappeared' })
  })

  it('rechecks when the grace period ends, without any change from the mirror', async () => {
    const mirror = memoryFeed({ service: testService(), tasks: [testTask('a', 'running'), testTask('b', 'running')] })
    const started = Date.now()
    const goal: ConvergenceGoal = { ...stackGoal, startGrace: { since: started - 2_900 } } // 100 ms of grace left
    const verdict = await watchConvergence(mirror.feed, 's1', goal, { timeoutMs: 5_000 })
    expect(verdict.state).toBe('converged')
    expect(Date.now() - started).toBeGreaterThanOrEqual(90)
  })

  it('converged must hold with the same tasks for the stability period; a replaced task starts it again', async () => {
    const mirror = memoryFeed({ service: testService(), tasks: [testTask('a', 'running'), testTask('b', 'running')] })
    const said: string[] = []
    const started = Date.now()
    const done = watchConvergence(mirror.feed, 's1', stackGoal, { timeoutMs: 5_000, stableForMs: 300, onChange: (v) => said.push(v.message) })
    await new Promise((r) => setTimeout(r, 150))
    mirror.set({ service: testService(), tasks: [testTask('a', 'running'), testTask('c', 'running')] })
    const verdict = await done
    expect(verdict.state).toBe('converged')
    expect(Date.now() - started).toBeGreaterThanOrEqual(440)
    expect(said).toEqual(['2/2 running; verifying that the tasks are stable', '2/2 running'])
  })

  it('stops at once when the one waiting stops it, with where it stood, and stops listening', async () => {
    const mirror = memoryFeed({ service: testService(), tasks: [testTask('a', 'running'), testTask('b', 'pending')] })
    const stop = new AbortController()
    const done = watchConvergence(mirror.feed, 's1', stackGoal, { timeoutMs: 60_000, signal: stop.signal })
    stop.abort()
    expect(await done).toMatchObject({ state: 'stopped', message: 'stopped waiting (1/2 running); what was applied stays applied', running: 1, desired: 2 })
    expect(mirror.listeners.size).toBe(0)
    expect(mirror.followed('s1')).toBe(0)
  })

  it('a signal already stopped ends the wait after its first look', async () => {
    const mirror = memoryFeed({ service: testService(), tasks: [testTask('a', 'running')] })
    const verdict = await watchConvergence(mirror.feed, 's1', stackGoal, { timeoutMs: 60_000, signal: AbortSignal.abort() })
    expect(verdict.state).toBe('stopped')
  })

  it('times out with where it stood', async () => {
    const mirror = memoryFeed({ service: testService(), tasks: [testTask('a', 'running')] })
    const verdict = await watchConvergence(mirror.feed, 's1', stackGoal, { timeoutMs: 1_200 })
    expect(verdict).toMatchObject({ state: 'timeout', message: 'not converged after 1s: 1/2 running', running: 1, desired: 2 })
    expect(mirror.listeners.size).toBe(0)
  })

  it('fails when the cluster is closed', async () => {
    const mirror = memoryFeed({ service: testService(), tasks: [] })
    const done = watchConvergence(mirror.feed, 's1', stackGoal, { timeoutMs: 5_000 })
    mirror.close()
    expect(await done).toMatchObject({ state: 'failed', message: 'the cluster was closed while waiting' })
  })
})
