// What main says carries phrases, not sentences. The English sentence a `message` holds for the
// CLI, scripts and logs is made when it is read, which is at an edge: the dispatcher sends an
// error or a result (JSON, IPC), the CLI prints one. Cores and effects build values here; only the
// edges import the English wording (./english.ts), which installs itself below when loaded, so a
// core never names a language. Unit tests load it in their setup, as an edge would.
import { AppError, type ErrorCode, type RpcErrorData } from '../../shared/errors'
import type { Phrase, Worded } from '../../shared/phrase'

type Wording = (said: Phrase) => string

let wording: Wording | null = null

/** Called once by the language main speaks to scripts (./english.ts, loaded by the edges). */
export function speakWith(words: Wording): void {
  wording = words
}

function say(said: Phrase): string {
  if (!wording) throw new Error(`no wording for phrase "${said.key}": an edge (src/main/rpc, src/main/cli) loads src/main/i18n/english.ts`)
  return wording(said)
}

/**
 * Makes `field` of `target` the sentence of `said`, worded on first read. The property keeps its
 * place among the keys (JSON output is byte for byte what it was) and stays enumerable, so JSON,
 * IPC cloning and spreads read it like plain data; writing it replaces the sentence.
 */
export function wordOnRead<T extends object>(target: T, field: string, said: Phrase, enumerable = true): T {
  let text: string | undefined
  Object.defineProperty(target, field, {
    configurable: true,
    enumerable,
    get: () => (text ??= say(said)),
    set(value: unknown) {
      Object.defineProperty(target, field, { value, writable: true, enumerable, configurable: true })
    }
  })
  return target
}

/**
 * A value whose `message` is the sentence of its `said` (an issue, a diagnostic, a verdict): write
 * the object with `message: ''` where the sentence goes, and its words come on read.
 */
export function withWords<T extends { message: string; said: Phrase }>(value: T): T {
  return wordOnRead(value, 'message', value.said)
}

/**
 * `{ ...facts, message }` whose message is the sentence of `said()`, phrase and words made on
 * first read: withWords for a hot path that makes many values nobody reads (an object literal's
 * accessor costs no more than a string field; the message comes last among the keys).
 */
export function withMessage<T extends object>(facts: T, said: () => Phrase): T & { message: string } {
  let text: string | undefined
  return {
    ...facts,
    get message(): string {
      return (text ??= say(said()))
    },
    set message(value: string) {
      text = value
    }
  }
}

/**
 * The sentence of `said` (null for none) for a getter of an object literal, made on the first
 * call: a field worded on read where defining the property afterwards would cost (a hot path).
 */
export function sentenceOnRead(said: Phrase | null): () => string | null {
  let text: string | undefined
  return () => (said === null ? null : (text ??= say(said)))
}

/** A phrase with its English sentence, for schema fields that carry both (see wordedSchema). */
export function worded(said: Phrase): Worded {
  return withWords({ message: '', said })
}

/** An Error (or subclass) whose `message` is the sentence of `said`; call it in the constructor. */
export function sayingError<E extends Error>(error: E, said: Phrase): E {
  return wordOnRead(error, 'message', said, false)
}

/** A refusal we explain ourselves: the app words `said` in the user's language, the CLI prints the English `message`. */
export function refusal(code: ErrorCode, said: Phrase, data: Omit<RpcErrorData, 'code' | 'message' | 'said'> = {}): AppError {
  return sayingError(new AppError(code, '', { ...data, said }), said)
}

/**
 * `{ ...value, ...more }` without reading `value`'s properties: a sentence worded on read stays
 * so (a spread would word it now, in the core). Keys keep their order.
 */
export function spreadWords<T extends object, U extends object>(value: T, more: U): T & U {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(value))
  return Object.defineProperties(copy, Object.getOwnPropertyDescriptors(more)) as T & U
}
