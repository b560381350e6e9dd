import { AppError } from '../../shared/errors'
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'

interface ErrorLike {
  message?: unknown
  code?: unknown
  statusCode?: unknown
  json?: unknown
  reason?: unknown
}

function engineMessage(error: ErrorLike): string {
  const json = error.json as { message?: unknown } | null | undefined
  if (json && typeof json.message === 'string') return json.message
  if (typeof error.reason === 'string' && typeof error.message === 'string') return error.message
  return typeof error.message === 'string' ? error.message : String(error)
}

/**
 * Turn whatever a socket, ssh2 or the Engine threw into an AppError with a stable code, so the UI
 * can say exactly what went wrong ("nothing listens on that socket", "not a manager", ...).
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (typeof error !== 'object' || error === null) return new AppError('INTERNAL', String(error))
  const e = error as ErrorLike
  const message = engineMessage(e)
  const code = typeof e.code === 'string' ? e.code : ''
  if (code === 'ENOENT') return refusal('CONNECTION_REFUSED', phrase('errors.said.socket-missing', { message }))
  if (code === 'ECONNREFUSED') return refusal('CONNECTION_REFUSED', phrase('errors.said.engine-refused', { message }))
  if (code === 'EACCES') return refusal('CONNECTION_REFUSED', phrase('errors.said.socket-denied', { message }))
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return refusal('UNREACHABLE', phrase('errors.said.host-unreachable', { message }))
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timed? ?out/i.test(message)) {
    return new AppError('TIMEOUT', message)
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up|connection (closed|lost)|not connected/i.test(message)) {
    return new AppError('CONNECTION_LOST', message)
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 0
  if (status === 503 && /not a swarm manager|not part of a swarm|This node is not/i.test(message)) {
    return /not part of a swarm/i.test(message)
      ? new AppError('NOT_IN_SWARM', message)
      : new AppError('NOT_A_MANAGER', message)
  }
  if (status === 404) return new AppError('NOT_FOUND', message)
  if (status === 409) return new AppError('CONFLICT', message)
  if (status === 400) return new AppError('INVALID_INPUT', message)
  if (status === 406 && /already part of a swarm/i.test(message)) return new AppError('ALREADY_IN_SWARM', message)
  if (status >= 400) return new AppError('ENGINE_ERROR', message)
  return new AppError('INTERNAL', message)
}
