import { describe, expect, it } from 'vitest'
import { composeFragment, recordingProblems } from '../../../../tests/support/compose-fragment'
import { convertHealthcheck } from './healthcheck'

const service = (healthcheck: string): string => `services:\n  web:\n    image: nginx\n${healthcheck}`

describe('convertHealthcheck', () => {
  it.each([
    ['none', '', undefined, []],
    [
      'a test and its timings',
      '    healthcheck:\n      test: ["CMD", "true"]\n      interval: 10s\n      timeout: 2s\n      start_period: 30s\n      start_interval: 1s\n      retries: 3\n',
      { Test: ['CMD', 'true'], Interval: 10e9, Timeout: 2e9, StartPeriod: 30e9, StartInterval: 1e9, Retries: 3 },
      []
    ],
    ['a string test is run by the shell', '    healthcheck:\n      test: curl -f localhost\n', { Test: ['CMD-SHELL', 'curl -f localhost'] }, []],
    ['disabled', '    healthcheck:\n      disable: true\n', { Test: ['NONE'] }, []],
    ['disabled with a test is refused', '    healthcheck:\n      disable: true\n      test: ["CMD", "true"]\n', { Test: ['NONE'] }, ['fail healthcheck: stacks.said.compile.healthcheckTestAndDisable']]
  ])('%s', (_name, healthcheck, expected, problems) => {
    const seen = recordingProblems()
    expect(convertHealthcheck(composeFragment(service(healthcheck)).service.healthcheck, seen)).toEqual(expected)
    expect(seen.seen).toEqual(problems)
  })
})
