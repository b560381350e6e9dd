import { describe, expect, it } from 'vitest'
import { composeFragment } from '../../../../tests/support/compose-fragment'
import { convertUpdateConfig } from './update-config'

const service = (deploy: string): string => `services:\n  web:\n    image: nginx\n    deploy:\n${deploy}`

describe('convertUpdateConfig', () => {
  it.each([
    ['not set', '      labels: {}\n', undefined],
    ['empty: parallelism 1', '      update_config: {}\n', { Parallelism: 1, MaxFailureRatio: 0, Order: '' }],
    [
      'every field',
      '      update_config: { parallelism: 2, delay: 10s, failure_action: rollback, monitor: 1m, max_failure_ratio: 0.5, order: start-first }\n',
      { Parallelism: 2, Delay: 10e9, FailureAction: 'rollback', Monitor: 60e9, MaxFailureRatio: 0.5, Order: 'start-first' }
    ],
    ['parallelism 0 is sent (all at once)', '      update_config: { parallelism: 0 }\n', { Parallelism: 0, MaxFailureRatio: 0, Order: '' }]
  ])('%s', (_name, deploy, expected) => {
    expect(convertUpdateConfig(composeFragment(service(deploy)).service.deploy.updateConfig)).toEqual(expected)
  })

  it('converts rollback_config the same way', () => {
    const { service: parsed } = composeFragment(service('      rollback_config: { parallelism: 3, order: stop-first }\n'))
    expect(convertUpdateConfig(parsed.deploy.rollbackConfig)).toEqual({ Parallelism: 3, MaxFailureRatio: 0, Order: 'stop-first' })
  })
})
