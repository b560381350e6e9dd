import type { z } from 'zod'
import {
  isProcedureName,
  procedures,
  type ProcedureName,
  type ProcedureOutput,
  type ProcedureParsedInput,
  type RpcResult
} from '../../shared/contract'
import { AppError, isAppError } from '../../shared/errors'
import { phrase } from '../../shared/phrase'
import { toAppError } from '../docker/engine-errors'
import { refusal } from '../i18n/words'
// An edge: errors and results leave here as data, and every `message` made from a phrase
// (src/main/i18n/words.ts) is worded in English as it is sent.
import '../i18n/english'

export interface CallContext {
  transport: 'ipc' | 'ws' | 'direct'
  /** The connection the call came on, for resources that must end with it (log sessions). */
  client?: ClientLink
}

/** One connected client (a WebSocket, the Electron window): tells who listens when it goes away. */
export interface ClientLink {
  onClose(listener: () => void): () => void
}

/** A ClientLink whose `close()` the transport calls when the connection ends. */
export function createClientLink(): ClientLink & { close(): void } {
  const listeners = new Set<() => void>()
  let closed = false
  return {
    onClose(listener) {
      if (closed) {
        listener()
        return () => undefined
      }
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      if (closed) return
      closed = true
      for (const listener of [...listeners]) listener()
      listeners.clear()
    }
  }
}

export type Handler<N extends ProcedureName> = (
  input: ProcedureParsedInput<N>,
  ctx: CallContext
) => Promise<ProcedureOutput<N>>

export type Router = { [N in ProcedureName]: Handler<N> }

export interface Dispatcher {
  dispatch(name: string, rawInput: unknown, ctx: CallContext): Promise<RpcResult>
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message
  }))
}

/**
 * The one place where input is validated and errors become data. Transports call `dispatch` and
 * forward the result; they never call services directly.
 */
export function createDispatcher(router: Router, options: { validateOutput?: boolean } = {}): Dispatcher {
  return {
    async dispatch(name, rawInput, ctx) {
      if (!isProcedureName(name)) {
        return { ok: false, error: refusal('UNKNOWN_PROCEDURE', phrase('errors.said.unknown-procedure', { name })).toData() }
      }
      const schema = procedures[name]
      const parsed = schema.input.safeParse(rawInput ?? {})
      if (!parsed.success) {
        const issues = issuesOf(parsed.error)
        const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ')
        return { ok: false, error: { code: 'INVALID_INPUT', message: `${name}: ${summary}`, issues } }
      }
      try {
        const handler = router[name] as (input: unknown, ctx: CallContext) => Promise<unknown>
        const result = await handler(parsed.data, ctx)
        if (options.validateOutput) {
          const checked = schema.output.safeParse(result)
          if (!checked.success) {
            throw new AppError('INTERNAL', `${name} returned data that breaks the contract: ${issuesOf(checked.error).map((i) => `${i.path}: ${i.message}`).join('; ')}`)
          }
        }
        return { ok: true, result }
      } catch (error) {
        const appError = isAppError(error) ? error : toAppError(error)
        return { ok: false, error: appError.toData() }
      }
    }
  }
}
