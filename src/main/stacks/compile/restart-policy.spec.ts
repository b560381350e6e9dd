import { describe, expect, it } from 'vitest'
import { composeFragment, recordingProblems } from '../../../../tests/support/compose-fragment'
import { convertRestartPolicy } from './restart-policy'

const service = (body: string): string => `services:\n  web:\n    image: nginx\n${body}`

describe('convertRestartPolicy', () => {
  it.each([
    ['neither set', '', undefined, []],
    [
      'deploy.restart_policy',
      '    deploy:\n      restart_policy: { condition: on-failure, delay: 5s, max_attempts: 3, window: 1m }\n',
      { Condition: 'on-failure', Delay: 5e9, MaxAttempts: 3, Window: 60e9 },
      []
    ],
    ['an empty restart_policy is sent empty', '    deploy:\n      restart_policy: {}\n', {}, []],
    ['a condition the engine refuses', '    deploy:\n      restart_policy: { condition: sometimes }\n', { Condition: 'sometimes' }, ['fail deploy.restart_policy.condition: stacks.said.compile.restartCondition']],
    ['legacy always', '    restart: always\n', { Condition: 'any' }, []],
    ['legacy unless-stopped', '    restart: unless-stopped\n', { Condition: 'any' }, []],
    ['legacy on-failure with a count', '    restart: on-failure:3\n', { Condition: 'on-failure', MaxAttempts: 3 }, []],
    ['legacy no', '    restart: "no"\n', undefined, []],
    ['legacy count that is not a number', '    restart: on-failure:x\n', undefined, ['fail restart: stacks.said.compile.restartCountInteger']],
    ['legacy negative count', '    restart: on-failure:-1\n', undefined, ['fail restart: stacks.said.compile.restartCountNegative']],
    ['legacy count without a policy', '    restart: ":3"\n', undefined, ['fail restart: stacks.said.compile.restartNoPolicy']],
    ['legacy unknown policy', '    restart: sometimes\n', undefined, ['fail restart: stacks.said.compile.restartUnknown']],
    ['deploy.restart_policy wins over restart', '    restart: always\n    deploy:\n      restart_policy: { condition: none }\n', { Condition: 'none' }, []]
  ])('%s', (_name, body, expected, problems) => {
    const seen = recordingProblems()
    expect(convertRestartPolicy(composeFragment(service(body)).service, seen)).toEqual(expected)
    expect(seen.seen).toEqual(problems)
  })
})
