// Opening and authenticating the SSH connection: host-key algorithms in OpenSSH's order, the
// host key checked against known_hosts, the auth plan's methods one by one, and every step under
// a deadline.
import type { Duplex } from 'node:stream'
import type { AnyAuthMethod, AuthenticationType, AuthHandlerMiddleware, Client, ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2'
import type { AppError } from '../../../shared/errors'
import { phrase, type Phrase } from '../../../shared/phrase'
import { refusal } from '../../i18n/words'
import { joinedPhrases, listedPhrases, rawPhrase } from '../../../shared/phrase-list'
import { keyTypeOfBlob, type HostKeyStore } from './known-hosts'
import type { AuthPlan } from './ssh-auth'
import { connectFailure, errorMessage, hostKeyError, type Phase, type SshError, type Target } from './ssh-errors'

const KEEPALIVE_COUNT_MAX = 3

// ssh2's default order (ed25519 is supported by every Node we run on). `ssh-rsa` (RSA signed with
// SHA-1) is offered only when the user's ~/.ssh/config asks for it, as OpenSSH >= 8.8 does.
const DEFAULT_HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa'
]

/**
 * Put the algorithms of the key types already on record for this host first, like OpenSSH's
 * order_hostkeyalgs: a host known by its ECDSA key then presents that key, not a new ED25519 one
 * (which OpenSSH, and therefore we, would report as changed).
 */
export function hostKeyAlgorithms(knownTypes: string[], options: { sshRsa: boolean } = { sshRsa: false }): ServerHostKeyAlgorithm[] {
  const offered = hostKeyAlgorithmsInOrder(knownTypes)
  return options.sshRsa ? offered : offered.filter((a) => a !== 'ssh-rsa')
}

function hostKeyAlgorithmsInOrder(knownTypes: string[]): ServerHostKeyAlgorithm[] {
  const preferred: ServerHostKeyAlgorithm[] = []
  for (const type of knownTypes) {
    const algorithms: ServerHostKeyAlgorithm[] =
      type === 'ssh-rsa'
        ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']
        : DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => a === type)
    for (const a of algorithms) if (!preferred.includes(a)) preferred.push(a)
  }
  return [...preferred, ...DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => !preferred.includes(a))]
}

/** ssh2's settings for one connection: the deadline, keep-alives, our host-key check and auth order. */
function connectConfig(
  target: Target,
  timeoutMs: number,
  keepaliveIntervalMs: number,
  algorithms: ServerHostKeyAlgorithm[],
  hostVerifier: ConnectConfig['hostVerifier'],
  authHandler: (authsLeft: AuthenticationType[] | null, partial: boolean | null, next: AuthNext) => void,
  sock: Duplex | undefined
): ConnectConfig {
  return {
    ...(sock ? { sock } : {}),
    host: target.hostName,
    port: target.port,
    username: target.user,
    readyTimeout: timeoutMs,
    keepaliveInterval: keepaliveIntervalMs,
    keepaliveCountMax: KEEPALIVE_COUNT_MAX,
    hostVerifier,
    // ssh2 accepts `false` from the handler ("no more methods"); its typings do not say so.
    authHandler: authHandler as unknown as AuthHandlerMiddleware,
    algorithms: { serverHostKey: algorithms }
  }
}

type AuthNext = (method: AnyAuthMethod | false) => void

/** Open and authenticate the SSH connection (over `sock` when given: a jump's channel). Resolves once 'ready'; never hangs past the deadline. */
export function connectClient(client: Client, target: Target, plan: AuthPlan, hostKeys: HostKeyStore, algorithms: ServerHostKeyAlgorithm[], timeoutMs: number, keepaliveIntervalMs: number, sock?: Duplex): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let phase: Phase = 'tcp'
    let settled = false
    let refusedHostKey: AppError | null = null
    const tried: Phrase[] = []
    const runtimeNotes: Phrase[] = []
    let serverMethods: string[] | null = null
    let stepIndex = 0

    const authSummary = (): Phrase => {
      const parts: Phrase[] = []
      parts.push(tried.length > 0 ? phrase('connections.said.ssh.tried', { methods: listedPhrases(tried) }) : phrase('connections.said.ssh.tried-nothing'))
      if (serverMethods) parts.push(phrase('connections.said.ssh.server-accepts', { methods: serverMethods.join(', ') }))
      return joinedPhrases([...parts, ...plan.notes, ...runtimeNotes])
    }

    const cleanup = (): void => {
      clearTimeout(guard)
      client.removeListener('ready', onReady)
      client.removeListener('error', onError)
      client.removeListener('close', onClose)
      client.removeListener('connect', onConnect)
      client.removeListener('handshake', onHandshake)
    }
    const fail = (error: AppError): void => {
      if (settled) return
      settled = true
      cleanup()
      client.destroy()
      reject(error)
    }
    const onReady = (): void => {
      if (settled) return
      settled = true
      cleanup()
      resolve()
    }
    const onConnect = (): void => {
      phase = 'handshake'
    }
    const onHandshake = (): void => {
      phase = 'auth'
    }
    const onError = (error: SshError): void => {
      if (refusedHostKey) return fail(refusedHostKey)
      // ssh2 reports these and goes on with the next method: remember them for the summary.
      if (error.level === 'agent') {
        runtimeNotes.push(phrase('connections.said.ssh.agent-note', { message: error.message }))
        return
      }
      if (error.level === 'client-authentication' && !/All configured authentication methods failed/.test(error.message)) {
        runtimeNotes.push(rawPhrase(error.message))
        return
      }
      fail(connectFailure(error, phase, target, timeoutMs, authSummary))
    }
    const onClose = (): void => {
      if (refusedHostKey) return fail(refusedHostKey)
      const where = `${target.hostName}:${target.port}`
      if (phase === 'auth') fail(refusal('AUTH_FAILED', phrase('connections.said.ssh.closed-during-auth', { where, summary: authSummary() })))
      else fail(refusal('CONNECTION_LOST', phrase('connections.said.ssh.closed-during-handshake', { where })))
    }
    // readyTimeout covers TCP + handshake + auth; this guard only catches what slips past it.
    const guard = setTimeout(() => {
      fail(connectFailure(Object.assign(new Error('timed out'), { level: 'client-timeout' }), phase, target, timeoutMs, authSummary))
    }, timeoutMs + 2000)

    const authHandler = (authsLeft: AuthenticationType[] | null, _partial: boolean | null, next: AuthNext): void => {
      if (authsLeft) serverMethods = authsLeft
      while (stepIndex < plan.steps.length) {
        const step = plan.steps[stepIndex++]
        if (authsLeft && !authsLeft.includes('publickey')) continue
        tried.push(step.label)
        next(step.method)
        return
      }
      next(false)
    }

    const hostVerifier = (key: Buffer, verify: (valid: boolean) => void): void => {
      const keyType = keyTypeOfBlob(key)
      if (!keyType) {
        refusedHostKey = refusal('HOST_KEY_CHANGED', phrase('connections.said.ssh.malformed-host-key', { where: `${target.hostName}:${target.port}` }))
        verify(false)
        return
      }
      hostKeys.check(target.hostName, target.port, keyType, key).then(
        (lookup) => {
          refusedHostKey = hostKeyError(target, key, lookup)
          verify(refusedHostKey === null)
        },
        (error: unknown) => {
          refusedHostKey = refusal('INTERNAL', phrase('connections.said.ssh.known-hosts-unreadable', { message: errorMessage(error) }))
          verify(false)
        }
      )
    }

    client.on('ready', onReady)
    client.on('error', onError)
    client.on('close', onClose)
    client.on('connect', onConnect)
    client.on('handshake', onHandshake)

    const config = connectConfig(target, timeoutMs, keepaliveIntervalMs, algorithms, hostVerifier, authHandler, sock)
    try {
      client.connect(config)
    } catch (error) {
      fail(refusal('INTERNAL', phrase('connections.said.ssh.cannot-start', { message: errorMessage(error) })))
    }
  })
}
