// What a process does with a promise rejection nobody handled. Node's default (since 15) ends the
// process: in the app that would close every cluster, terminal and forward for one stray promise;
// in the CLI it would print a bare stack. Main logs it and keeps serving; the CLI says it plainly
// and exits 1, the code of any failed command.

/** The part of `process` these handlers use (a fake in tests). */
export interface FaultyProcess {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
}

/** One line for a log or a terminal: the error's message (and its code when it has one). */
export function describeRejection(reason: unknown): string {
  if (reason instanceof Error) {
    const code = (reason as { code?: unknown }).code
    return typeof code === 'string' ? `${reason.message} [${code}]` : reason.message
  }
  try {
    return `a non-error value: ${JSON.stringify(reason) ?? String(reason)}`
  } catch {
    return `a non-error value: ${String(reason)}`
  }
}

/** Main (Electron and web mode): log the rejection with its stack, keep running. */
export function keepRunningOnRejection(proc: FaultyProcess, log: (line: string, reason: unknown) => void): () => void {
  const listener = (reason: unknown): void => log(`swarmdesk: a promise failed and nothing handled it (the app keeps running): ${describeRejection(reason)}`, reason)
  proc.on('unhandledRejection', listener)
  return () => proc.off('unhandledRejection', listener)
}

/** The CLI: a clear error on stderr, then exit code 1. */
export function exitOnRejection(proc: FaultyProcess, err: (text: string) => void, exit: (code: number) => void): () => void {
  const listener = (reason: unknown): void => {
    err(`swarmdesk: internal error: ${describeRejection(reason)} [INTERNAL]\n`)
    exit(1)
  }
  proc.on('unhandledRejection', listener)
  return () => proc.off('unhandledRejection', listener)
}

/**
 * A promise nobody waits for, on purpose (a timer's tick, a background load): its failure is
 * logged with what it was doing, never left to become an unhandled rejection. For main only.
 */
export function detached(promise: Promise<unknown>, what: string): void {
  promise.catch((error: unknown) => console.error(`swarmdesk: ${what} failed: ${describeRejection(error)}`))
}
