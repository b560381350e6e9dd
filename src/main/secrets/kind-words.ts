// The kind's noun inside a sentence, as a nested phrase: French nouns have genders ("un secret",
// "une config"), so the article travels with the noun instead of being written around it.
import { phrase, type Phrase } from '../../shared/phrase'
import type { StoredKind } from '../../shared/secrets'

export const aNoun = (kind: StoredKind): Phrase => (kind === 'secret' ? phrase('secrets.said.noun.aSecret') : phrase('secrets.said.noun.aConfig'))
export const aNewNoun = (kind: StoredKind): Phrase => (kind === 'secret' ? phrase('secrets.said.noun.aNewSecret') : phrase('secrets.said.noun.aNewConfig'))
export const anotherNoun = (kind: StoredKind): Phrase => (kind === 'secret' ? phrase('secrets.said.noun.anotherSecret') : phrase('secrets.said.noun.anotherConfig'))
export const theNoun = (kind: StoredKind): Phrase => (kind === 'secret' ? phrase('secrets.said.noun.theSecret') : phrase('secrets.said.noun.theConfig'))
export const thisNoun = (kind: StoredKind): Phrase => (kind === 'secret' ? phrase('secrets.said.noun.thisSecret') : phrase('secrets.said.noun.thisConfig'))
