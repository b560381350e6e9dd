// `logging:`: the task template's LogDriver.
import type { ServiceConfig } from '../compose-types'
import type { ServiceSpecBody } from '../../docker/engine-specs'
import { nonEmptyMap } from './common'

export function convertLogDriver(logging: ServiceConfig['logging']): ServiceSpecBody['TaskTemplate']['LogDriver'] {
  if (!logging) return undefined
  const driver: NonNullable<ServiceSpecBody['TaskTemplate']['LogDriver']> = {}
  if (logging.driver !== '') driver.Name = logging.driver
  const opts = nonEmptyMap(logging.options)
  if (opts) driver.Options = opts
  return driver
}
