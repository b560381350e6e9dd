import { z } from 'zod'
import { phraseSchema } from './phrase'

/**
 * Stable error codes that cross the process boundary. The renderer translates a code (not the
 * message) so that every failure gets a specific, localised explanation; `message` carries the
 * engine's or the system's own words for the details line.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_PROCEDURE',
  'NOT_FOUND',
  'CONFLICT',
  'TIMEOUT',
  'UNREACHABLE',
  'CONNECTION_REFUSED',
  'CONNECTION_LOST',
  'AUTH_FAILED',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'SOCKET_FORWARDING_REFUSED',
  'NOT_A_MANAGER',
  'NOT_IN_SWARM',
  'ALREADY_IN_SWARM',
  'ENGINE_ERROR',
  'UNAVAILABLE',
  'INTERNAL',
  // secrets and configs (src/main/secrets)
  'IN_USE',
  'NAME_CLASH',
  'NAME_INVALID',
  'EMPTY_VALUE',
  'VALUE_TOO_LARGE',
  'IDENTICAL_VALUE',
  'NO_CONSUMERS',
  'UPDATE_PAUSED',
  'UPDATE_IN_PROGRESS',
  'ROTATION_IN_PROGRESS',
  'DRIVER_BACKED',
  'STALE_PLAN',
  'VALUE_REQUIRED',
  'ROLLBACK_IMPOSSIBLE',
  'BEFORE_EXEC_SERVICE',
  'BEFORE_EXEC_FAILED',
  // port-forwards (src/main/forwards)
  'PORT_IN_USE',
  // cluster security (src/main/security)
  'WRONG_UNLOCK_KEY',
  'INVALID_CA',
  'CA_ROTATION_IN_PROGRESS',
  'NO_KEYCHAIN',
  'NOT_LOCKED'
] as const

export const errorCodeSchema = z.enum(errorCodes)
export type ErrorCode = z.infer<typeof errorCodeSchema>

export const hostKeyDetailsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  /** `SHA256:...` exactly like `ssh-keygen -lf` prints it. */
  fingerprint: z.string(),
  /** Base64 of the raw public key blob, needed to store the key once the user accepts it. */
  publicKey: z.string(),
  /** For a changed key: the fingerprint that was expected. */
  knownFingerprint: z.string().optional(),
  knownSource: z.string().optional()
})
export type HostKeyDetails = z.infer<typeof hostKeyDetailsSchema>

export const rpcErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Field-level problems for INVALID_INPUT: a path like `endpoints.0.port` and what was expected. */
  issues: z.array(z.object({ path: z.string(), message: z.string(), /** The same problem as a phrase, when we word it ourselves. */ said: phraseSchema.optional() })).optional(),
  hostKey: hostKeyDetailsSchema.optional(),
  /**
   * Our own explanation of a refusal (why a scale, rollback or removal was refused), as a phrase
   * the renderer words in the user's language; `message` holds the same sentence in English.
   * Absent when the details are the engine's or the system's own words.
   */
  said: phraseSchema.optional()
})
export type RpcErrorData = z.infer<typeof rpcErrorSchema>

/** An error that knows its stable code; thrown by main-process services, rebuilt in the renderer. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly data: Omit<RpcErrorData, 'code' | 'message'>
  constructor(code: ErrorCode, message: string, data: Omit<RpcErrorData, 'code' | 'message'> = {}) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.data = data
  }
  toData(): RpcErrorData {
    return { code: this.code, message: this.message, ...this.data }
  }
  static fromData(data: RpcErrorData): AppError {
    const { code, message, ...rest } = data
    return new AppError(code, message, rest)
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}
