// deploy.placement: constraints, spread preferences, max_replicas_per_node.
import { phrase } from '../../../shared/phrase'
import type { Placement } from '../compose-types'
import type { ServiceSpecBody } from '../../docker/engine-specs'
import { nonEmpty, type ServiceProblems } from './common'

export function convertPlacement(source: Placement, problems: ServiceProblems): ServiceSpecBody['TaskTemplate']['Placement'] {
  const placement: ServiceSpecBody['TaskTemplate']['Placement'] = {}
  const constraints = nonEmpty(source.constraints)
  if (constraints) placement.Constraints = constraints
  if (source.preferences.length > 0) placement.Preferences = source.preferences.map((p) => ({ Spread: { SpreadDescriptor: p.spread } }))
  // mapstructure decodes it into a uint: the CLI fails on a negative number before anything is made
  if (source.maxReplicas < 0) problems.fail('deploy.placement.max_replicas_per_node', phrase('stacks.said.compile.maxReplicasNegative', { value: source.maxReplicas }))
  if (source.maxReplicas !== 0) placement.MaxReplicas = source.maxReplicas
  return placement
}
