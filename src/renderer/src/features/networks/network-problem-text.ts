import type { TFunction } from 'i18next'
import type { NetworkProblem } from '../../../../shared/networks'

/** A plan problem in the current language, from its code and parameters. */
export function networkProblemText(t: TFunction, problem: NetworkProblem): string {
  const params = { ...problem.params }
  // The reserved address kind is a word to translate, not a value to show as is.
  if (problem.code === 'gateway-reserved') params.which = t(`networks.reserved.${params.which === 'network' ? 'network' : 'broadcast'}`)
  return t(`networks.problem.${problem.code}`, params)
}
