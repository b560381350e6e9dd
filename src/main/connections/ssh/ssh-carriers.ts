// The two ways API calls travel over one SSH connection: a channel to the remote engine socket
// (direct-streamlocal), or `docker system dial-stdio` run in an exec channel; SshChannelAgent
// hands either to the HTTP client as keep-alive sockets.
import http from 'node:http'
import { inspect } from 'node:util'
import type { Duplex } from 'node:stream'
import type { Client, ClientChannel } from 'ssh2'
import { phrase } from '../../../shared/phrase'
import { refusal } from '../../i18n/words'
import { ChannelSocket } from './ssh-channel-socket'
import { PingAnswer, seconds } from './ssh-errors'

export type SshCarrier = 'ssh-streamlocal' | 'ssh-dial-stdio'

const STDERR_LIMIT = 4096

/** Single-quote for a POSIX shell. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

export function dialStdioCommand(remoteSocket: string): string {
  return `docker --host ${shellQuote(`unix://${remoteSocket}`)} system dial-stdio`
}

/** Opening a channel failed (the server refused it, or did not answer): the carrier itself. */
export class ChannelOpenError extends Error {
  constructor(
    message: string,
    readonly carrier: SshCarrier,
    readonly reason: unknown
  ) {
    super(message)
    this.name = 'ChannelOpenError'
  }
}

export interface DialStdioRun {
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

  /**
   * docker-modem runs util.inspect over every request's options (this agent among them, with
   * depth: null) even with its debug output off: without this, each call walks the whole SSH
   * client and its sockets, which cost the main process half a core while sampling 50 tasks.
   */
  [inspect.custom](): string {
    return `SshChannelAgent(${this.carrier}, ${this.channelsOpened} channels)`
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
export function ping(agent: http.Agent, timeoutMs: number): Promise<void> {
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
export function execCapture(client: Client, command: string, timeoutMs: number): Promise<ExecResult | null> {
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

export function withDeadline<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
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
