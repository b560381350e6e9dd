// `healthcheck:`: convertHealthcheck (disable sends Test ["NONE"]).
import { phrase } from '../../../shared/phrase'
import type { ServiceConfig } from '../compose-types'
import type { HealthcheckBody } from '../../docker/engine-specs'
import type { ServiceProblems } from './common'

export function convertHealthcheck(hc: ServiceConfig['healthcheck'], problems: ServiceProblems): HealthcheckBody | undefined {
  if (!hc) return undefined
  if (hc.disable) {
    if (hc.test && hc.test.length > 0) problems.fail('healthcheck', phrase('stacks.said.compile.healthcheckTestAndDisable'))
    return { Test: ['NONE'] }
  }
  const healthcheck: HealthcheckBody = {}
  if (hc.test && hc.test.length > 0) healthcheck.Test = hc.test
  if (hc.interval) healthcheck.Interval = hc.interval
  if (hc.timeout) healthcheck.Timeout = hc.timeout
  if (hc.startPeriod) healthcheck.StartPeriod = hc.startPeriod
  if (hc.startInterval) healthcheck.StartInterval = hc.startInterval
  if (hc.retries) healthcheck.Retries = hc.retries
  return healthcheck
}
