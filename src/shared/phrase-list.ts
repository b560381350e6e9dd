import { phrase, type Phrase } from './phrase'

/**
 * Several sentences as one phrase, joined by "; " in English and by the separator of the language
 * they are said in: a chain of `errors.said.list` phrases, so each sentence is worded first.
 */
export function joinedPhrases(items: readonly Phrase[]): Phrase {
  if (items.length === 0) throw new Error('joinedPhrases needs at least one sentence')
  return items.slice(0, -1).reduceRight<Phrase>((rest, first) => phrase('errors.said.list', { first, rest }), items[items.length - 1])
}

/** Several items (names, methods) as one phrase, joined by ", " (`errors.said.items`), each worded first. */
export function listedPhrases(items: readonly Phrase[]): Phrase {
  if (items.length === 0) throw new Error('listedPhrases needs at least one item')
  return items.slice(0, -1).reduceRight<Phrase>((rest, first) => phrase('errors.said.items', { first, rest }), items[items.length - 1])
}

/** Text that is not ours to word (an ssh2 or engine message) where a phrase is expected. */
export function rawPhrase(message: string): Phrase {
  return phrase('errors.said.raw', { message })
}

/** One field-level problem, `path: message`, worded like the English `issues` summaries. */
export function issuePhrase(path: string, message: Phrase): Phrase {
  return phrase('errors.said.issue', { path, message })
}
