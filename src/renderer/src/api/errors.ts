import { errorCodes, isAppError, type ErrorCode, type RpcErrorData } from '../../../shared/errors'
import type { Phrase } from '../../../shared/phrase'

/** Any thrown value as plain error data (what stores keep and ErrorAlert shows). */
export function toErrorData(error: unknown): RpcErrorData {
  if (isAppError(error)) return error.toData()
  if (error instanceof Error) return { code: 'INTERNAL', message: error.message }
  return { code: 'INTERNAL', message: String(error) }
}

/** Cluster states carry `{ code, message, said? }` with a plain string code. */
export function asErrorData(error: { code: string; message: string; said?: Phrase }): RpcErrorData {
  const code = (errorCodes as readonly string[]).includes(error.code) ? (error.code as ErrorCode) : 'INTERNAL'
  return error.said ? { code, message: error.message, said: error.said } : { code, message: error.message }
}
