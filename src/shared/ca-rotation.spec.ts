import { describe, expect, it } from 'vitest'
import type { SwarmNode } from './domain'
import { caRotationProgress } from './ca-rotation'

function node(hostname: string, certIssuer: string, trustRoot: string, state: SwarmNode['state'] = 'ready'): SwarmNode {
  return { id: `id-${hostname}`, hostname, state, certIssuer, trustRoot } as SwarmNode
}

describe('caRotationProgress', () => {
  const swarm = { certIssuer: 'new', trustRoot: 'old', rootRotationInProgress: true }
  it('counts nodes with a certificate from the desired issuer; down nodes come first among the pending', () => {
    const progress = caRotationProgress(swarm, [node('manager1', 'new', 'old'), node('worker1', 'old', 'old'), node('worker2', 'old', 'old', 'down')])
    expect(progress).toMatchObject({ inProgress: true, total: 3, certsRotated: 1, rootsRotated: 3, done: false })
    expect(progress.pending.map((p) => [p.hostname, p.down])).toEqual([
      ['worker2', true],
      ['worker1', false]
    ])
  })
  it('is not done while the engine says the rotation runs, even with every certificate renewed', () => {
    expect(caRotationProgress(swarm, [node('a', 'new', 'old')]).done).toBe(false)
  })
  it('is done when the engine says so and every node has the new certificate and trusts the new root', () => {
    const after = { certIssuer: 'new', trustRoot: 'newroot', rootRotationInProgress: false }
    expect(caRotationProgress(after, [node('a', 'new', 'newroot'), node('b', 'new', 'newroot')])).toMatchObject({ done: true, pending: [] })
    expect(caRotationProgress(after, [node('a', 'new', 'newroot'), node('b', 'new', 'old')]).done).toBe(false)
  })
  it('knows nothing without the engine\u2019s TLS facts: no node counts as rotated', () => {
    expect(caRotationProgress({}, [node('a', 'x', 'y')])).toMatchObject({ certsRotated: 0, rootsRotated: 0, done: false })
  })
})
