import { errorCodes, isAppError, type ErrorCode, type RpcErrorData } from '../../../shared/errors'

/** Any thrown value as plain error data (what stores keep and ErrorAlert shows). */
export function toErrorData(error: unknown): RpcErrorData {
  if (isAppError(error)) return error.toData()
  if (error instanceof Error) return { code: 'INTERNAL', message: error.message }
  return { code: 'INTERNAL', message: String(error) }
}

/** Cluster states carry `{ code, message }` with a plain string code. */
export function asErrorData(error: { code: string; message: string }): RpcErrorData {
  const code = (errorCodes as readonly string[]).includes(error.code) ? (error.code as ErrorCode) : 'INTERNAL'
  return { code, message: error.message }
}
