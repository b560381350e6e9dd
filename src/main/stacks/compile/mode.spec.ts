import { describe, expect, it } from 'vitest'
import { composeFragment, recordingProblems } from '../../../../tests/support/compose-fragment'
import { convertMode } from './mode'

const service = (deploy: string): string => `services:\n  web:\n    image: nginx\n    deploy:\n${deploy}`

describe('convertMode', () => {
  it.each([
    ['replicated by default', '      labels: {}\n', { Replicated: {} }, []],
    ['replicas', '      replicas: 3\n', { Replicated: { Replicas: 3 } }, []],
    ['zero replicas are sent', '      replicas: 0\n', { Replicated: { Replicas: 0 } }, []],
    ['global', '      mode: global\n', { Global: {} }, []],
    ['global with replicas is refused', '      mode: global\n      replicas: 2\n', { Global: {} }, ['fail deploy.replicas: stacks.said.compile.replicasWithGlobal']],
    ['replicated-job: replicas are both the concurrency and the completions', '      mode: replicated-job\n      replicas: 4\n', { ReplicatedJob: { MaxConcurrent: 4, TotalCompletions: 4 } }, []],
    ['replicated-job without replicas', '      mode: replicated-job\n', { ReplicatedJob: {} }, []],
    ['global-job', '      mode: global-job\n', { GlobalJob: {} }, []],
    ['an unknown mode', '      mode: sometimes\n', { Replicated: {} }, ['fail deploy.mode: stacks.said.compile.unknownMode']]
  ])('%s', (_name, deploy, expected, problems) => {
    const seen = recordingProblems()
    expect(convertMode(composeFragment(service(deploy)).service, seen)).toEqual(expected)
    expect(seen.seen).toEqual(problems)
  })

  it('refuses negative replicas', () => {
    const fragment = composeFragment(service('      replicas: 1\n'))
    const seen = recordingProblems()
    const negative = { ...fragment.service, deploy: { ...fragment.service.deploy, replicas: -1 } }
    expect(convertMode(negative, seen)).toEqual({ Replicated: { Replicas: -1 } })
    expect(seen.seen).toEqual(['fail deploy.replicas: stacks.said.compile.replicasNegative'])
  })
})
