// The services' router called in-process, as a transport would, for the crash children
// (deploy-crash.ts, rotation-crash.ts): each call's result, or an Error with the refusal's code.
import type { createServices } from '../../src/main/composition'
import { createDispatcher } from '../../src/main/rpc/dispatcher'

export function directCaller(services: ReturnType<typeof createServices>): (name: string, input: unknown) => Promise<Record<string, unknown>> {
  const dispatcher = createDispatcher(services.router)
  return async (name, input) => {
    const response = await dispatcher.dispatch(name, input, { transport: 'direct' })
    if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`)
    return response.result as Record<string, unknown>
  }
}

/** Runs a crash child's body: exit 0 when it ends without being killed, 1 with the message when it throws. */
export function runChild(body: () => Promise<void>): void {
  body().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`)
      process.exit(1)
    }
  )
}
