import { promises as fs } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { Duplex } from 'node:stream'
import Dockerode from 'dockerode'
import { Client, utils } from 'ssh2'
import type {
  AnyAuthMethod,
  AuthenticationType,
  AuthHandlerMiddleware,
  ClientChannel,
  ClientErrorExtensions,
  ConnectConfig,
  ParsedKey,
  ServerHostKeyAlgorithm
} from 'ssh2'
import { AppError } from '../../../shared/errors'
import { phrase, type Phrase, type PhraseValue } from '../../../shared/phrase'
import { refusal, sayingError } from '../../i18n/words'
import { joinedPhrases, listedPhrases, rawPhrase } from '../../i18n/phrase-list'
import type { EngineHandle } from '../engine-handle'
import { fingerprintSha256, keyTypeOfBlob, type HostKeyLookup, type HostKeyStore } from './known-hosts'
import { loadSshConfig, resolveHost } from './ssh-config'

/**
 * The Docker Engine API over one persistent SSH connection (ssh2), the way `docker -H ssh://`
 * works but without spawning `ssh`:
 * - the host key is checked against ~/.ssh/known_hosts plus the app's own file, and an unknown or
 *   changed key refuses the connection with the details needed to ask the user;
 * - each HTTP connection of dockerode is an SSH channel to the remote engine socket
 *   (direct-streamlocal, like `ssh -L /local.sock:/var/run/docker.sock`); channels are kept and
 *   reused by a keep-alive agent (a new channel costs a round trip, a new dial-stdio ~100 ms);
 * - when the server refuses to forward unix sockets (`AllowStreamLocalForwarding no`, or a
 *   non-OpenSSH server), each channel runs `docker system dial-stdio` instead, like docker/cli's
 *   connection helper. Which one is used is decided once, at open time, with `GET /_ping`.
 * Every step has a deadline; the passphrase is only handed to the key parser, never to a message.
 */

export interface SshEngineOptions {
  /** Host name, address, or a Host alias of the ssh config. */
  host: string
  port?: number
  user?: string
  identityFile?: string
  passphrase?: string
  useAgent: boolean
  /** Default: process.env.SSH_AUTH_SOCK. */
  agentSocket?: string
  remoteSocket: string
  hostKeys: HostKeyStore
  /** Default: ~/.ssh/config. */
  sshConfigPath?: string
  /** Deadline for the TCP connection + SSH handshake + authentication, and for each later step. */
  connectTimeoutMs?: number
  keepaliveIntervalMs?: number
  /** Channels kept open to the engine (parallel API calls). OpenSSH's MaxSessions (10) bounds exec channels. */
  maxChannels?: number
  /** Passed to dockerode as its `timeout`: an API call with no data for this long fails. Default: none. */
  callTimeoutMs?: number
}

type SshCarrier = 'ssh-streamlocal' | 'ssh-dial-stdio'

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
const DEFAULT_KEEPALIVE_INTERVAL_MS = 5_000
const KEEPALIVE_COUNT_MAX = 3
const DEFAULT_MAX_CHANNELS = 8
const STDERR_LIMIT = 4096

// ssh2's default order (ed25519 is supported by every Node we run on).
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
export function hostKeyAlgorithms(knownTypes: string[]): ServerHostKeyAlgorithm[] {
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

/** Single-quote for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

export function dialStdioCommand(remoteSocket: string): string {
  return `docker --host ${shellQuote(`unix://${remoteSocket}`)} system dial-stdio`
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`
}

function expandHome(file: string): string {
  if (file === '~') return os.homedir()
  if (file.startsWith('~/')) return path.join(os.homedir(), file.slice(2))
  return file
}

function localUserName(): string {
  try {
    return os.userInfo().username
  } catch {
    return process.env.USER ?? 'root'
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The engine answered `/_ping` with something else than 200: our sentence around its answer. */
class PingAnswer extends Error {
  constructor(readonly said: Phrase) {
    super()
    sayingError(this, said)
  }
}

/** What an error says, as a phrase value: our phrase when we worded it, else its own text. */
function errorWords(error: unknown): PhraseValue {
  return error instanceof PingAnswer ? error.said : errorMessage(error)
}

// ---------------------------------------------------------------------------------------------
// Authentication plan

interface AuthStep {
  label: Phrase
  method: AnyAuthMethod
}

interface AuthPlan {
  steps: AuthStep[]
  /** Why a key or the agent could not be used; shown when authentication fails. */
  notes: Phrase[]
}

type KeyOrigin = 'option' | 'config' | 'default'

const DEFAULT_IDENTITY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa']

function describeKeyProblem(file: string, error: Error): Phrase {
  const message = error.message
  if (/no passphrase given/i.test(message)) return phrase('connections.said.ssh.key-encrypted', { file })
  if (/bad passphrase|integrity check failed|decrypt/i.test(message)) {
    return phrase('connections.said.ssh.key-bad-passphrase', { file })
  }
  return phrase('connections.said.ssh.key-unusable', { file, message })
}

async function loadKey(
  file: string,
  origin: KeyOrigin,
  passphrase: string | undefined,
  notes: Phrase[]
): Promise<ParsedKey | null> {
  let data: Buffer
  try {
    data = await fs.readFile(file)
  } catch (error) {
    const code = errorCode(error)
    if (origin === 'option') {
      throw refusal(
        'AUTH_FAILED',
        code === 'ENOENT' ? phrase('connections.said.ssh.key-missing', { file }) : phrase('connections.said.ssh.key-unreadable', { file, message: errorMessage(error) })
      )
    }
    if (origin === 'config' && code !== 'ENOENT') notes.push(phrase('connections.said.ssh.key-config-unreadable', { file, message: errorMessage(error) }))
    return null
  }
  const parsed: ParsedKey | ParsedKey[] | Error = utils.parseKey(data, passphrase)
  if (parsed instanceof Error) {
    notes.push(describeKeyProblem(file, parsed))
    return null
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed
  if (!key || !key.isPrivateKey()) {
    notes.push(phrase('connections.said.ssh.key-not-private', { file }))
    return null
  }
  return key
}

async function isSocket(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isSocket()
  } catch {
    return false
  }
}

async function buildAuthPlan(input: {
  username: string
  identityFile: string | undefined
  configIdentityFiles: string[]
  passphrase: string | undefined
  useAgent: boolean
  agentSocket: string | undefined
}): Promise<AuthPlan> {
  const notes: Phrase[] = []
  const first: AuthStep[] = []
  const last: AuthStep[] = []
  const candidates: Array<{ file: string; origin: KeyOrigin }> = []
  if (input.identityFile) candidates.push({ file: expandHome(input.identityFile), origin: 'option' })
  for (const file of input.configIdentityFiles) {
    if (!candidates.some((c) => c.file === file)) candidates.push({ file, origin: 'config' })
  }
  const useDefaults = candidates.length === 0
  for (const { file, origin } of candidates) {
    const key = await loadKey(file, origin, input.passphrase, notes)
    if (key) first.push({ label: phrase('connections.said.ssh.key-label', { file }), method: { type: 'publickey', username: input.username, key } })
  }
  if (input.useAgent) {
    const socket = input.agentSocket ?? process.env.SSH_AUTH_SOCK
    if (!socket) notes.push(phrase('connections.said.ssh.no-agent'))
    else if (!(await isSocket(socket))) notes.push(phrase('connections.said.ssh.no-agent-at', { socket }))
    else first.push({ label: phrase('connections.said.ssh.agent-label'), method: { type: 'agent', username: input.username, agent: socket } })
  }
  if (useDefaults) {
    for (const name of DEFAULT_IDENTITY_FILES) {
      const file = path.join(os.homedir(), '.ssh', name)
      const key = await loadKey(file, 'default', input.passphrase, notes)
      if (key) last.push({ label: phrase('connections.said.ssh.key-label', { file }), method: { type: 'publickey', username: input.username, key } })
    }
  }
  return { steps: [...first, ...last], notes }
}

// ---------------------------------------------------------------------------------------------
// Channels as sockets, and the agent that hands them to dockerode

/**
 * A socket for http.Agent backed by an SSH channel that is still being opened. It is returned
 * synchronously, like net.connect's socket, so the agent counts it at once (with an asynchronous
 * createConnection, Node's agent does not count pending sockets and maxSockets is not enforced).
 * Writes wait for the channel; a failed open destroys the socket with that error, which the
 * request then reports. It also provides what http calls on a net.Socket: keep-alive and no-delay
 * are meaningless on a channel (no-ops), setTimeout is a real idle timer, ref/unref do nothing
 * (the SSH connection's own socket is what holds the event loop).
 */
class ChannelSocket extends Duplex {
  connecting = true
  timeout = 0
  private channel: ClientChannel | null = null
  private channelClosed = false
  private idleTimer: NodeJS.Timeout | undefined

  constructor(private readonly opened: Promise<ClientChannel>) {
    super({ allowHalfOpen: false })
    // http attaches its own listener; this one only guarantees an early error can never crash.
    this.on('error', () => undefined)
    opened.then(
      (channel) => this.attach(channel),
      (error: Error) => this.destroy(error)
    )
  }

  private attach(channel: ClientChannel): void {
    if (this.destroyed) {
      channel.destroy()
      return
    }
    this.channel = channel
    this.connecting = false
    channel.on('data', (chunk: Buffer) => {
      this.touch()
      if (!this.push(chunk)) channel.pause()
    })
    channel.on('end', () => this.push(null))
    channel.on('error', (error: Error) => this.destroy(error))
    channel.once('close', () => {
      this.channelClosed = true
      // Let buffered data be read; with allowHalfOpen false the stream then finishes and closes.
      this.push(null)
      this.end()
    })
    this.emit('connect')
  }

  private touch(): void {
    this.idleTimer?.refresh()
  }

  override _read(): void {
    this.channel?.resume()
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.touch()
    this.opened.then(
      (channel) => {
        if (this.channelClosed) return callback(new Error('the SSH channel is closed'))
        if (channel.write(chunk)) callback()
        else channel.once('drain', () => callback())
      },
      (error: Error) => callback(error)
    )
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.opened.then(
      (channel) => {
        if (!this.channelClosed) channel.end()
        callback()
      },
      () => callback()
    )
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = undefined
    this.opened.then(
      (channel) => {
        if (!this.channelClosed) channel.destroy()
      },
      () => undefined
    )
    callback(error)
  }

  /** net.Socket semantics: emit 'timeout' after `ms` without traffic; 0 disables. */
  setTimeout(ms: number, callback?: () => void): this {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = undefined
    this.timeout = ms
    if (callback) {
      if (ms === 0) this.removeListener('timeout', callback)
      else this.once('timeout', callback)
    }
    if (ms > 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), ms)
      this.idleTimer.unref()
    }
    return this
  }

  setKeepAlive(): this {
    return this
  }

  setNoDelay(): this {
    return this
  }

  ref(): this {
    return this
  }

  unref(): this {
    return this
  }
}

/** Opening a channel failed (the server refused it, or did not answer): the carrier itself. */
class ChannelOpenError extends Error {
  constructor(
    message: string,
    readonly carrier: SshCarrier,
    readonly reason: unknown
  ) {
    super(message)
    this.name = 'ChannelOpenError'
  }
}

interface DialStdioRun {
  stderr: string
  exitCode: number | null
  closed: Promise<void>
}

export class SshChannelAgent extends http.Agent {
  carrier: SshCarrier = 'ssh-streamlocal'
  /** The last `docker system dial-stdio` started, for error messages. */
  lastDialStdio: DialStdioRun | null = null
  /** Channels opened so far (they are reused; tests and diagnostics read this). */
  channelsOpened = 0

  constructor(
    private readonly client: Client,
    private readonly remoteSocket: string,
    private readonly openTimeoutMs: number,
    maxChannels: number
  ) {
    super({ keepAlive: true, maxSockets: maxChannels, maxFreeSockets: maxChannels, scheduling: 'lifo' })
  }

  override createConnection(): Duplex {
    return new ChannelSocket(this.openChannel())
  }

  private openChannel(): Promise<ClientChannel> {
    const carrier = this.carrier
    return new Promise<ClientChannel>((resolve, reject) => {
      let settled = false
      const timer = setTimeout(() => {
        settled = true
        reject(new ChannelOpenError(`the SSH server did not open a channel within ${seconds(this.openTimeoutMs)}`, carrier, null))
      }, this.openTimeoutMs)
      const done = (error: Error | undefined, channel: ClientChannel | undefined): void => {
        clearTimeout(timer)
        if (settled) {
          channel?.close()
          return
        }
        settled = true
        if (error || !channel) {
          reject(new ChannelOpenError(error ? error.message : 'no channel', carrier, error))
          return
        }
        this.channelsOpened++
        if (carrier === 'ssh-dial-stdio') this.watchDialStdio(channel)
        resolve(channel)
      }
      try {
        if (carrier === 'ssh-streamlocal') this.client.openssh_forwardOutStreamLocal(this.remoteSocket, done)
        else this.client.exec(dialStdioCommand(this.remoteSocket), done)
      } catch (error) {
        done(error instanceof Error ? error : new Error(String(error)), undefined)
      }
    })
  }

  private watchDialStdio(channel: ClientChannel): void {
    let markClosed: () => void = () => undefined
    const run: DialStdioRun = {
      stderr: '',
      exitCode: null,
      closed: new Promise<void>((resolve) => {
        markClosed = resolve
      })
    }
    channel.stderr.on('data', (chunk: Buffer) => {
      if (run.stderr.length < STDERR_LIMIT) run.stderr += chunk.toString('utf8').slice(0, STDERR_LIMIT - run.stderr.length)
    })
    channel.on('exit', (code: number | null) => {
      run.exitCode = typeof code === 'number' ? code : null
    })
    channel.once('close', () => markClosed())
    this.lastDialStdio = run
  }
}

/** `GET /_ping` through the agent: resolves when the engine answers 200. */
function ping(agent: http.Agent, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = http.request({ agent, host: 'localhost', port: 80, path: '/_ping', method: 'GET' })
    const timer = setTimeout(() => {
      req.destroy(refusal('TIMEOUT', phrase('connections.said.ssh.ping-timeout', { seconds: seconds(timeoutMs) })))
    }, timeoutMs)
    req.on('response', (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        if (body.length < 512) body += chunk
      })
      res.on('end', () => {
        clearTimeout(timer)
        if (res.statusCode === 200) resolve()
        else reject(new PingAnswer(phrase('connections.said.ssh.ping-status', { status: res.statusCode ?? '?', body: body.trim() })))
      })
      res.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
    })
    req.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    req.end()
  })
}

interface ExecResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Run a short command; null if it could not be started or did not finish in time. */
function execCapture(client: Client, command: string, timeoutMs: number): Promise<ExecResult | null> {
  return new Promise((resolve) => {
    let settled = false
    const finish = (result: ExecResult | null): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(result)
    }
    const timer = setTimeout(() => finish(null), timeoutMs)
    try {
      client.exec(command, (error, channel) => {
        if (error || !channel) return finish(null)
        const result: ExecResult = { code: null, stdout: '', stderr: '' }
        channel.on('data', (chunk: Buffer) => {
          if (result.stdout.length < STDERR_LIMIT) result.stdout += chunk.toString('utf8')
        })
        channel.stderr.on('data', (chunk: Buffer) => {
          if (result.stderr.length < STDERR_LIMIT) result.stderr += chunk.toString('utf8')
        })
        channel.on('exit', (code: number | null) => {
          result.code = typeof code === 'number' ? code : null
        })
        channel.once('close', () => finish(result))
        channel.end()
      })
    } catch {
      finish(null)
    }
  })
}

function withDeadline<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      () => {
        clearTimeout(timer)
        resolve(fallback)
      }
    )
  })
}

// ---------------------------------------------------------------------------------------------
// Connecting

type Phase = 'tcp' | 'handshake' | 'auth'
type SshError = Error & ClientErrorExtensions

interface Target {
  alias: string
  hostName: string
  port: number
  user: string
}

function connectFailure(error: SshError, phase: Phase, target: Target, timeoutMs: number, authSummary: () => Phrase): AppError {
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

function hostKeyError(
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

type AuthNext = (method: AnyAuthMethod | false) => void

/** Open and authenticate the SSH connection. Resolves once 'ready'; never hangs past the deadline. */
function connectClient(
  client: Client,
  target: Target,
  plan: AuthPlan,
  hostKeys: HostKeyStore,
  algorithms: ServerHostKeyAlgorithm[],
  timeoutMs: number,
  keepaliveIntervalMs: number
): Promise<void> {
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

    const config: ConnectConfig = {
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
    try {
      client.connect(config)
    } catch (error) {
      fail(refusal('INTERNAL', phrase('connections.said.ssh.cannot-start', { message: errorMessage(error) })))
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Choosing the carrier

async function diagnoseNoCarrier(
  client: Client,
  target: Target,
  remoteSocket: string,
  streamLocalError: unknown,
  dialStdio: { error: unknown; run: DialStdioRun | null },
  timeoutMs: number
): Promise<AppError> {
  const run = dialStdio.run
  if (run) await withDeadline(run.closed, 2000, undefined)
  const stderr = run?.stderr.trim() ?? ''
  const dialDetail = stderr !== ''
    ? `${stderr}${run?.exitCode != null ? ` (exit ${run.exitCode})` : ''}`
    : errorWords(dialStdio.error)
  const check = await execCapture(client, `test -S ${shellQuote(remoteSocket)}`, timeoutMs)
  const host = target.hostName
  if (check && check.code === 1) {
    return refusal('CONNECTION_REFUSED', phrase('connections.said.ssh.no-socket-to-forward', { socket: remoteSocket, host }))
  }
  if (/permission denied/i.test(stderr)) {
    return refusal('CONNECTION_REFUSED', phrase('connections.said.ssh.socket-denied', { socket: remoteSocket, user: target.user, host, detail: dialDetail }))
  }
  if (/no such file or directory/i.test(stderr) && /dial unix|connect:/i.test(stderr)) {
    return refusal('CONNECTION_REFUSED', phrase('connections.said.ssh.no-socket', { socket: remoteSocket, host, detail: dialDetail }))
  }
  return refusal('SOCKET_FORWARDING_REFUSED', phrase('connections.said.ssh.forwarding-refused', { host, socket: remoteSocket, error: errorMessage(streamLocalError), detail: dialDetail }))
}

function probeFailure(error: unknown, target: Target): AppError {
  if (error instanceof AppError) return error
  const where = `${target.hostName}:${target.port}`
  return refusal('CONNECTION_LOST', phrase('connections.said.ssh.engine-silent', { where, message: errorWords(error) }))
}

async function chooseCarrier(
  client: Client,
  agent: SshChannelAgent,
  target: Target,
  remoteSocket: string,
  timeoutMs: number
): Promise<SshCarrier> {
  let streamLocalError: unknown
  try {
    agent.carrier = 'ssh-streamlocal'
    await ping(agent, timeoutMs)
    return 'ssh-streamlocal'
  } catch (error) {
    if (!(error instanceof ChannelOpenError)) throw probeFailure(error, target)
    streamLocalError = error
  }
  try {
    agent.carrier = 'ssh-dial-stdio'
    await ping(agent, timeoutMs)
    return 'ssh-dial-stdio'
  } catch (error) {
    throw await diagnoseNoCarrier(client, target, remoteSocket, streamLocalError, { error, run: agent.lastDialStdio }, timeoutMs)
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Connect to an engine over SSH. Rejects with an AppError: HOST_KEY_UNKNOWN / HOST_KEY_CHANGED
 * (with `hostKey` details), AUTH_FAILED, CONNECTION_REFUSED, UNREACHABLE, TIMEOUT,
 * SOCKET_FORWARDING_REFUSED or CONNECTION_LOST.
 */
export async function openSshEngine(options: SshEngineOptions): Promise<EngineHandle> {
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  const config = loadSshConfig(options.sshConfigPath)
  const resolved = resolveHost(options.host, config)
  const target: Target = {
    alias: options.host,
    hostName: resolved.hostName,
    port: options.port ?? resolved.port ?? 22,
    user: options.user ?? resolved.user ?? localUserName()
  }

  const plan = await buildAuthPlan({
    username: target.user,
    identityFile: options.identityFile,
    configIdentityFiles: resolved.identityFiles,
    passphrase: options.passphrase,
    useAgent: options.useAgent,
    agentSocket: options.agentSocket
  })
  if (plan.steps.length === 0) {
    const who = { user: target.user, host: target.hostName, port: target.port }
    throw refusal(
      'AUTH_FAILED',
      plan.notes.length > 0 ? phrase('connections.said.ssh.no-auth-way', { ...who, notes: joinedPhrases(plan.notes) }) : phrase('connections.said.ssh.no-auth-way-hint', who)
    )
  }

  const knownTypes = await options.hostKeys.knownKeyTypes(target.hostName, target.port).catch(() => [])
  const client = new Client()
  // ssh2 may report errors after we settled (keepalive, resets): never leave 'error' unhandled.
  let lastError: Error | null = null
  client.on('error', (error: Error) => {
    lastError = error
  })

  await connectClient(
    client,
    target,
    plan,
    options.hostKeys,
    hostKeyAlgorithms(knownTypes),
    timeoutMs,
    options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS
  )

  // Without TCP_NODELAY, Nagle plus the server's delayed ACK hold back small SSH packets: opening a
  // channel then cost ~44 ms in the lab instead of ~2 ms (and dockerode's small requests suffer too).
  client.setNoDelay(true)
  const agent = new SshChannelAgent(client, options.remoteSocket, timeoutMs, options.maxChannels ?? DEFAULT_MAX_CHANNELS)
  let closedByUser = false
  let dropped: { reason: Error } | null = null
  const listeners: Array<(reason: Error | null) => void> = []

  const shutdown = (): void => {
    agent.destroy()
    client.end()
    // If the server does not answer the disconnect, drop the socket anyway.
    setTimeout(() => client.destroy(), 2000).unref()
  }

  let carrier: SshCarrier
  try {
    carrier = await chooseCarrier(client, agent, target, options.remoteSocket, timeoutMs)
  } catch (error) {
    closedByUser = true
    shutdown()
    throw error
  }

  client.on('close', () => {
    agent.destroy()
    if (closedByUser || dropped) return
    const where = `${target.hostName}:${target.port}`
    const reason = refusal(
      'CONNECTION_LOST',
      lastError ? phrase('connections.said.ssh.lost', { where, message: lastError.message }) : phrase('connections.said.ssh.closed', { where })
    )
    dropped = { reason }
    for (const listener of listeners.splice(0)) listener(reason)
  })

  const docker = new Dockerode({
    protocol: 'http',
    host: 'localhost',
    port: 80,
    agent,
    ...(options.callTimeoutMs ? { timeout: options.callTimeoutMs } : {})
  } as Dockerode.DockerOptions)
  const via = target.alias !== target.hostName ? ` (${target.alias})` : ''
  return {
    docker,
    carrier,
    description: `ssh ${target.user}@${target.hostName}:${target.port}${via} -> ${options.remoteSocket}`,
    close(): void {
      if (closedByUser) return
      closedByUser = true
      listeners.length = 0
      shutdown()
    },
    onClosed(listener: (reason: Error | null) => void): void {
      if (closedByUser) return
      if (dropped) {
        const { reason } = dropped
        queueMicrotask(() => listener(reason))
        return
      }
      listeners.push(listener)
    }
  }
}
