import type { TFunction } from 'i18next'
import type { NodeRefusal, NodeWarning } from '../../../../shared/node-guard-notices'
import { dialogSentence, nodeRefusalPhrase, nodeWarningPhrase } from '../../../../shared/node-guard-phrases'
import { say } from '../../i18n/say'

/** Words main's node guard codes in the current language, as the dialog's full sentences (one mapping, in src/shared). */
export function nodeRefusalText(t: TFunction, refusal: NodeRefusal): string {
  return say(t, dialogSentence(nodeRefusalPhrase(refusal)))
}

export function nodeWarningText(t: TFunction, warning: NodeWarning): string {
  return say(t, dialogSentence(nodeWarningPhrase(warning)))
}
