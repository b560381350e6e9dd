import type { TFunction } from 'i18next'
import type { NetworkProblem } from '../../../../shared/networks'
import { networkProblemPhrase } from '../../../../shared/network-problem-phrases'
import { say } from '../../i18n/say'

/** A plan problem in the current language, through the one mapping of the codes (the CLI says the same phrase as a line). */
export function networkProblemText(t: TFunction, problem: NetworkProblem): string {
  return say(t, networkProblemPhrase(problem))
}
