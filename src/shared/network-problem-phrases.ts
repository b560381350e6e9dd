// The network plan's problem codes as phrases, the one mapping of them: the create form and the
// refusal's issues say them as full sentences (networks.problem.*, in the user's language), the
// CLI says the same phrase as a line of its output (lineSentence: networks.said.problem.*, the
// same keys with the same values, worded in English by main's edges). Pure.
import type { NetworkProblem } from './networks'
import { phrase, type Phrase } from './phrase'

/** A plan problem as the form and the refusal's issues say it (networks.problem.<code>). */
export function networkProblemPhrase(problem: NetworkProblem): Phrase {
  const params = problem.params
  switch (problem.code) {
    case 'name-required':
      return phrase('networks.problem.name-required')
    case 'name-invalid':
      return phrase('networks.problem.name-invalid', params)
    case 'name-too-long':
      return phrase('networks.problem.name-too-long', params)
    case 'name-taken':
      return phrase('networks.problem.name-taken', params)
    case 'subnet-invalid':
      return phrase('networks.problem.subnet-invalid', params)
    case 'subnet-host-bits':
      return phrase('networks.problem.subnet-host-bits', params)
    case 'subnet-overlap':
      return phrase('networks.problem.subnet-overlap', params)
    case 'subnet-small':
      return phrase('networks.problem.subnet-small', params)
    case 'gateway-invalid':
      return phrase('networks.problem.gateway-invalid', params)
    case 'gateway-needs-subnet':
      return phrase('networks.problem.gateway-needs-subnet', params)
    case 'gateway-outside-subnet':
      return phrase('networks.problem.gateway-outside-subnet', params)
    case 'gateway-reserved':
      return phrase('networks.problem.gateway-reserved', { ...params, which: params.which === 'network' ? phrase('networks.reserved.network') : phrase('networks.reserved.broadcast') })
    case 'label-key-empty':
      return phrase('networks.problem.label-key-empty')
    case 'label-key-invalid':
      return phrase('networks.problem.label-key-invalid', params)
    case 'label-key-duplicate':
      return phrase('networks.problem.label-key-duplicate', params)
  }
}

/**
 * A problem phrase as a line of the CLI's output says it (no capital, no full stop, terse):
 * networks.said.problem.* hold the same keys with the same values as networks.problem.*.
 */
export function lineSentence(said: Phrase): Phrase {
  return { ...said, key: said.key.replace(/^networks\.problem\./, 'networks.said.problem.') }
}
