// deploy.restart_policy, else the legacy `restart:` field: convertRestartPolicy.
import { phrase, type Phrase } from '../../../shared/phrase'
import type { ServiceConfig } from '../compose-types'
import type { RestartPolicyBody } from '../../docker/engine-specs'
import type { ServiceProblems } from './common'

/** opts.ParseRestartPolicy + convertRestartPolicy's fallback for the legacy `restart:` field */
function legacyRestartPolicy(restart: string): { policy: RestartPolicyBody | undefined } | { error: Phrase } {
  if (restart === '') return { policy: undefined }
  const colon = restart.indexOf(':')
  const name = colon < 0 ? restart : restart.slice(0, colon)
  const count = colon < 0 ? '' : restart.slice(colon + 1)
  if (colon >= 0 && name === '') return { error: phrase('stacks.said.compile.restartNoPolicy') }
  let retries = 0
  if (count !== '') {
    if (!/^[+-]?[0-9]+$/.test(count)) return { error: phrase('stacks.said.compile.restartCountInteger') }
    retries = Number(count)
  }
  if (retries < 0) return { error: phrase('stacks.said.compile.restartCountNegative') }
  const withAttempts = (condition: string): RestartPolicyBody => (retries > 0 ? { Condition: condition, MaxAttempts: retries } : { Condition: condition })
  switch (name) {
    case 'no':
    case '':
      return { policy: undefined }
    case 'always':
    case 'unless-stopped':
      return { policy: withAttempts('any') }
    case 'on-failure':
      return { policy: withAttempts('on-failure') }
    default:
      return { error: phrase('stacks.said.compile.restartUnknown', { policy: name }) }
  }
}

export function convertRestartPolicy(service: ServiceConfig, problems: ServiceProblems): RestartPolicyBody | undefined {
  let restartPolicy: RestartPolicyBody | undefined
  const rp = service.deploy.restartPolicy
  if (rp) {
    restartPolicy = {}
    // the schema takes any string; the engine refuses the service after the networks were made
    if (!['', 'none', 'on-failure', 'any'].includes(rp.condition)) {
      problems.fail('deploy.restart_policy.condition', phrase('stacks.said.compile.restartCondition', { condition: JSON.stringify(rp.condition) }))
    }
    if (rp.condition !== '') restartPolicy.Condition = rp.condition
    if (rp.delay !== null) restartPolicy.Delay = rp.delay
    if (rp.maxAttempts !== null) restartPolicy.MaxAttempts = rp.maxAttempts
    if (rp.window !== null) restartPolicy.Window = rp.window
  } else {
    const legacy = legacyRestartPolicy(service.restart)
    if ('error' in legacy) problems.fail('restart', legacy.error)
    else restartPolicy = legacy.policy
  }
  return restartPolicy
}
