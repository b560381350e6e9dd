import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import type { ApiCallCounter } from './call-counter'
import { toAppError } from './engine-errors'

export interface CallOptions {
  /** Cancels the call: the request is torn down and the call rejects with the signal's reason. */
  signal?: AbortSignal
}

/**
 * Run one call under a deadline and the caller's signal. `run` receives the signal to hand to the
 * request (aborted on time-out or by the caller), and the result is settled by whichever comes
 * first, so a request that ignores its signal still cannot hang the caller. `timeoutMs` null:
 * no deadline (the caller's signal still applies).
 */
export function withDeadline<T>(name: string, run: (signal: AbortSignal) => Promise<T>, timeoutMs: number | null, outer?: AbortSignal): Promise<T> {
  if (outer?.aborted) return Promise.reject(outer.reason)
  const deadline = new AbortController()
  // The outer signal stays linked after the call settles: a stream opened here dies with it.
  const signal = outer ? AbortSignal.any([outer, deadline.signal]) : deadline.signal
  let onAbort: () => void = () => undefined
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
  })
  const timer =
    timeoutMs === null
      ? undefined
      : setTimeout(() => deadline.abort(refusal('TIMEOUT', phrase('errors.said.engine-call-timeout', { call: name, seconds: timeoutMs / 1000 }))), timeoutMs)
  let running: Promise<T>
  try {
    running = run(signal)
  } catch (error) {
    running = Promise.reject(error)
  }
  return Promise.race([running, stopped]).finally(() => {
    clearTimeout(timer)
    signal.removeEventListener('abort', onAbort)
  })
}

/**
 * One Engine API call as the gateway makes it: counted under its name when it leaves, bounded by
 * `timeoutMs` and the caller's signal, and failing with an AppError (engine-errors.ts).
 */
export async function engineCall<T>(counter: ApiCallCounter, name: string, run: (signal: AbortSignal) => Promise<T>, timeoutMs: number | null, signal?: AbortSignal): Promise<T> {
  counter.count(name)
  try {
    return await withDeadline(name, run, timeoutMs, signal)
  } catch (error) {
    throw toAppError(error)
  }
}
