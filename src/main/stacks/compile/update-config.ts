// deploy.update_config and deploy.rollback_config: convertUpdateConfig.
import type { UpdateConfig } from '../compose-types'
import type { UpdateConfigBody } from '../../docker/engine-specs'

export function convertUpdateConfig(source: UpdateConfig | null): UpdateConfigBody | undefined {
  if (source === null) return undefined
  const body: UpdateConfigBody = { Parallelism: source.parallelism ?? 1, MaxFailureRatio: source.maxFailureRatio, Order: source.order }
  if (source.delay !== 0) body.Delay = source.delay
  if (source.failureAction !== '') body.FailureAction = source.failureAction
  if (source.monitor !== 0) body.Monitor = source.monitor
  return body
}
