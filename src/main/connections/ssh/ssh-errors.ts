// How an SSH connection's failures are classified and worded: the connect phase and ssh2's error
// level or the socket's code decide the error code; the host-key verdict becomes a refusal that
// carries what the user needs to decide.
import type { ClientErrorExtensions } from 'ssh2'
import type { AppError } from '../../../shared/errors'
import { phrase, type Phrase, type PhraseValue } from '../../../shared/phrase'
import { english, refusal } from '../../i18n/english'
import { fingerprintSha256, keyTypeOfBlob, type HostKeyLookup } from './known-hosts'

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The engine answered `/_ping` with something else than 200: our sentence around its answer. */
export class PingAnswer extends Error {
  constructor(readonly said: Phrase) {
    super(english(said))
  }
}

/** What an error says, as a phrase value: our phrase when we worded it, else its own text. */
export function errorWords(error: unknown): PhraseValue {
  return error instanceof PingAnswer ? error.said : errorMessage(error)
}

export type Phase = 'tcp' | 'handshake' | 'auth'
export type SshError = Error & ClientErrorExtensions

export interface Target {
  alias: string
  hostName: string
  port: number
  user: string
}

export function connectFailure(error: SshError, phase: Phase, target: Target, timeoutMs: number, authSummary: () => Phrase): AppError {
  const where = `${target.hostName}:${target.port}`
  const code = errorCode(error)
  const level = error.level ?? ''
  if (level === 'client-timeout' || code === 'ETIMEDOUT') {
    return phase === 'tcp'
      ? refusal('TIMEOUT', phrase('connections.said.ssh.timeout', { where, seconds: seconds(timeoutMs) }))
      : refusal('TIMEOUT', phase === 'auth' ? phrase('connections.said.ssh.timeout-auth', { where, seconds: seconds(timeoutMs) }) : phrase('connections.said.ssh.timeout-handshake', { where, seconds: seconds(timeoutMs) }))
  }
  if (code === 'ECONNREFUSED') {
    return refusal('CONNECTION_REFUSED', phrase('connections.said.ssh.refused', { where, port: target.port }))
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || level === 'client-dns') {
    return refusal('UNREACHABLE', phrase('connections.said.ssh.no-dns', { host: target.hostName, message: error.message }))
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN') {
    return refusal('UNREACHABLE', phrase('connections.said.ssh.unreachable', { where, message: error.message }))
  }
  if (level === 'client-authentication' || phase === 'auth') {
    return refusal('AUTH_FAILED', phrase('connections.said.ssh.auth-failed', { user: target.user, where, summary: authSummary() }))
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return refusal('CONNECTION_LOST', phrase('connections.said.ssh.reset', { where, message: error.message }))
  }
  if (level === 'handshake' || level === 'protocol') {
    return refusal('CONNECTION_REFUSED', phrase('connections.said.ssh.handshake-failed', { where, message: error.message }))
  }
  return refusal('CONNECTION_LOST', phrase('connections.said.ssh.failed', { where, message: error.message }))
}

export function hostKeyError(
  target: Target,
  keyBlob: Buffer,
  lookup: HostKeyLookup
): AppError | null {
  const keyType = keyTypeOfBlob(keyBlob) ?? 'unknown'
  const details = {
    host: target.hostName,
    port: target.port,
    keyType,
    fingerprint: fingerprintSha256(keyBlob),
    publicKey: keyBlob.toString('base64')
  }
  const shown = target.port === 22 ? target.hostName : `${target.hostName}:${target.port}`
  if (lookup.status === 'known') return null
  if (lookup.status === 'unknown') {
    return refusal('HOST_KEY_UNKNOWN', phrase('connections.said.ssh.host-key-unknown', { host: shown, fingerprint: details.fingerprint, keyType }), { hostKey: details })
  }
  if (lookup.revoked) {
    return refusal(
      'HOST_KEY_CHANGED',
      phrase('connections.said.ssh.host-key-revoked', { host: shown, keyType, fingerprint: details.fingerprint, source: lookup.source }),
      { hostKey: { ...details, ...(lookup.expectedFingerprint ? { knownFingerprint: lookup.expectedFingerprint } : {}), knownSource: lookup.source } }
    )
  }
  return refusal(
    'HOST_KEY_CHANGED',
    phrase('connections.said.ssh.host-key-changed', {
      host: shown,
      keyType,
      fingerprint: details.fingerprint,
      source: lookup.source,
      known: lookup.expectedFingerprint ?? phrase('connections.said.ssh.another-key')
    }),
    { hostKey: { ...details, ...(lookup.expectedFingerprint ? { knownFingerprint: lookup.expectedFingerprint } : {}), knownSource: lookup.source } }
  )
}
