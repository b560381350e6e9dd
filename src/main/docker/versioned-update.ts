import { phrase, type Phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { toAppError } from './engine-errors'

/** How many times a change is re-applied after someone else's update won the race. */
export const MAX_VERSION_RETRIES = 8

export function isOutOfSequence(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error)
  const json = (error as { json?: { message?: string } } | null)?.json?.message ?? ''
  return /update out of sequence/i.test(message) || /update out of sequence/i.test(json)
}

/**
 * Optimistic concurrency, the Engine's way: read the object and its version index, apply the
 * user's *intended change* to what was read, write with that index; when the Engine answers
 * "update out of sequence" (someone else wrote first), read again and re-apply the intention.
 * Never a blind overwrite.
 */
export async function updateWithRetry<S>(options: {
  /** What is updated (`service web`), as a phrase when the caller words it for the app. */
  what: string | Phrase
  read(): Promise<{ version: number; spec: S }>
  /** Returns null when the change is already in place (nothing to write). */
  apply(spec: S): S | null
  write(version: number, spec: S): Promise<void>
}): Promise<{ attempts: number; changed: boolean }> {
  for (let attempt = 1; attempt <= MAX_VERSION_RETRIES; attempt++) {
    const { version, spec } = await options.read()
    const next = options.apply(spec)
    if (next === null) return { attempts: attempt, changed: false }
    try {
      await options.write(version, next)
      return { attempts: attempt, changed: true }
    } catch (error) {
      if (!isOutOfSequence(error)) throw toAppError(error)
    }
  }
  throw refusal('CONFLICT', phrase('errors.said.kept-changing', { what: options.what, attempts: MAX_VERSION_RETRIES }))
}
