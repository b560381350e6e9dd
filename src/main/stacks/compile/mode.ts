// deploy.mode and deploy.replicas: convertServiceMode.
import { phrase } from '../../../shared/phrase'
import type { ServiceConfig } from '../compose-types'
import type { ServiceModeBody } from '../../docker/engine-specs'
import type { ServiceProblems } from './common'

export function convertMode(service: ServiceConfig, problems: ServiceProblems): ServiceModeBody {
  const replicas = service.deploy.replicas
  if (replicas !== null && replicas < 0) problems.fail('deploy.replicas', phrase('stacks.said.compile.replicasNegative', { replicas }))
  let mode: ServiceModeBody = { Replicated: {} }
  switch (service.deploy.mode) {
    case 'global-job':
    case 'global':
      if (replicas !== null) problems.fail('deploy.replicas', phrase('stacks.said.compile.replicasWithGlobal'))
      mode = service.deploy.mode === 'global' ? { Global: {} } : { GlobalJob: {} }
      break
    case 'replicated-job':
      mode = { ReplicatedJob: replicas === null ? {} : { MaxConcurrent: replicas, TotalCompletions: replicas } }
      break
    case 'replicated':
    case '':
      mode = { Replicated: replicas === null ? {} : { Replicas: replicas } }
      break
    default:
      problems.fail('deploy.mode', phrase('stacks.said.compile.unknownMode', { mode: service.deploy.mode }))
  }
  return mode
}
