import { describe, expect, it } from 'vitest'
import { composeFragment, recordingProblems } from '../../../../tests/support/compose-fragment'
import { convertPlacement } from './placement'

const service = (placement: string): string => `services:\n  web:\n    image: nginx\n    deploy:\n      placement:\n${placement}`

describe('convertPlacement', () => {
  it.each([
    ['nothing set', '        {}\n', {}, []],
    ['constraints, in file order', '        constraints: [node.role == worker, node.labels.zone == a]\n', { Constraints: ['node.role == worker', 'node.labels.zone == a'] }, []],
    [
      'spread preferences',
      '        preferences:\n          - spread: node.labels.zone\n',
      { Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }] },
      []
    ],
    ['max replicas per node', '        max_replicas_per_node: 2\n', { MaxReplicas: 2 }, []]
  ])('%s', (_name, placement, expected, problems) => {
    const seen = recordingProblems()
    expect(convertPlacement(composeFragment(service(placement)).service.deploy.placement, seen)).toEqual(expected)
    expect(seen.seen).toEqual(problems)
  })

  it('refuses a negative max_replicas_per_node', () => {
    const seen = recordingProblems()
    expect(convertPlacement({ constraints: [], preferences: [], maxReplicas: -1 }, seen)).toEqual({ MaxReplicas: -1 })
    expect(seen.seen).toEqual(['fail deploy.placement.max_replicas_per_node: stacks.said.compile.maxReplicasNegative'])
  })
})
