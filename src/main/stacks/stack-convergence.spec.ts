import { describe, expect, it } from 'vitest'
import { memoryFeed, testService, testTask } from '../../../tests/support/mirror-feed'
import { stackGoal, waitForConvergence, type WaitTarget } from './stack-convergence'

// The deploy's wait over an in-memory mirror feed: every service at once, one line each, the
// state as the deploy result says it. The verdict's table is rollouts/convergence.spec.ts.
const target: WaitTarget = { id: 's1', name: 'shop_web', restarts: false, writtenAt: 1000 }

describe('stackGoal', () => {
  it('a written update waits for the mirror to show it; a restart waits for the rolling update', () => {
    expect(stackGoal(target)).toEqual({ voice: 'stack', engineRollback: 'fails' })
    expect(stackGoal({ ...target, restarts: true, writtenVersion: 7 })).toEqual({ voice: 'stack', engineRollback: 'fails', afterVersion: 7, startGrace: { since: 1000 } })
  })
})

describe('waitForConvergence', () => {
  it('reports per service: converged, and a paused update as failed with its sentence and phrase', async () => {
    const mirror = memoryFeed({ service: testService(), tasks: [testTask('a', 'running'), testTask('b', 'running')] })
    const progress: string[] = []
    const result = await waitForConvergence(mirror.feed, [target], { timeoutMs: 5_000, onChange: (t, v) => progress.push(`${t.name} ${v.state} ${v.message}`) })
    expect(result).toEqual([{ service: 'shop_web', state: 'converged', running: 2, desired: 2, message: '2/2 running', said: { key: 'convergence.running', params: { running: 2, desired: 2 } } }])
    expect(progress).toEqual(['shop_web converged 2/2 running'])

    const paused = memoryFeed({ service: testService({ updateStatus: { state: 'paused', message: 'update paused due to failure', startedAt: null, completedAt: null } }), tasks: [] })
    expect((await waitForConvergence(paused.feed, [target], { timeoutMs: 5_000, onChange: () => undefined }))[0]).toMatchObject({ state: 'failed', message: 'update paused: update paused due to failure' })
  })

  it('a timeout is its own state', async () => {
    const mirror = memoryFeed({ service: testService(), tasks: [testTask('a', 'starting')] })
    expect((await waitForConvergence(mirror.feed, [target], { timeoutMs: 1_000, onChange: () => undefined }))[0]).toMatchObject({ state: 'timeout', message: 'not converged after 1s: 0/2 running' })
  })
})
