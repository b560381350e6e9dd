// Words the stack sentences share (object kinds, a raw engine text), as phrases: one literal key
// per case so the phrase-key check can read them (src/main/i18n/phrase-keys.spec.ts). Service
// modes are modePhrase in src/main/services/service-issue-text.ts.
import { phrase, type Phrase } from '../../shared/phrase'

export type StackObjectKind = 'service' | 'network' | 'secret' | 'config'

export function kindWord(kind: StackObjectKind): Phrase {
  switch (kind) {
    case 'service':
      return phrase('stacks.said.kind.service')
    case 'network':
      return phrase('stacks.said.kind.network')
    case 'secret':
      return phrase('stacks.said.kind.secret')
    case 'config':
      return phrase('stacks.said.kind.config')
  }
}

/** The engine's or the system's own words (an engine warning or error) where a phrase is expected. */
export function systemText(text: string): Phrase {
  return phrase('stacks.said.system', { text })
}
