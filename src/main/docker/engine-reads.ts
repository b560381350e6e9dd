// The light way to read an engine, for one-shot commands (`swarmdesk service ls`): a few GETs on
// node's own http client, nothing else loaded — no dockerode (and its ssh2), no schemas, no
// phrases. Everything that writes, streams or rides on SSH goes through the gateway
// (engine-gateway.ts); these reads answer exactly what the gateway's list calls answer.
import { Agent, request, type IncomingMessage, type RequestOptions } from 'node:http'
import type * as Https from 'node:https'
import { ApiCallCounter } from './call-counter'
import type { EngineInfo, EngineNode, EngineSecretOrConfig, EngineService } from './engine-shapes'
import { engineTiming } from './engine-timing'
import type { LiveNetwork } from './live-shapes'

/** Where an engine listens, when no SSH carrier is involved. */
export type EngineAddress =
  | { kind: 'socket'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; protocol: 'http' | 'https'; ca?: Buffer; cert?: Buffer; key?: Buffer }

type Filters = Record<string, string[]>
/** node:https, loaded only for a TLS engine */
type HttpsModule = typeof Https

/** The engine answered with another status than 200: the answer's text and status, unworded. */
export class EngineReadRefused extends Error {
  constructor(
    readonly statusCode: number,
    message: string
  ) {
    super(message)
  }
}

/**
 * Without TLS there is no server name to work out: saying so spares node's agent its test of the
 * host for an IP address (a large regular expression compiled on first use: several ms of a
 * one-shot command). The agent reads `servername`; http's request types do not list it.
 */
const NO_SERVER_NAME = { servername: '' } as unknown as RequestOptions

/** The engine said nothing for the idle time; `cause` is the torn-down request's error, as the gateway would see it. */
export class EngineReadTimeout extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message)
  }
}

/** A query string as docker-modem writes it: objects as JSON, the rest as they are. */
export function engineQuery(query: Record<string, string | boolean | Filters>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) params.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/**
 * Read-only calls on one engine, counted by the gateway's names. One keep-alive agent carries
 * them; `close()` destroys it, so nothing of the engine link outlives the command. A request that
 * receives nothing for the idle time (engineTiming.idleMs) is torn down, as the gateway's are.
 */
export class EngineReads {
  private readonly agent: Agent
  private https: HttpsModule | null = null
  private httpsAgent: Agent | null = null

  constructor(
    private readonly address: EngineAddress,
    readonly counter: ApiCallCounter = new ApiCallCounter(),
    private readonly idleMs = engineTiming.idleMs
  ) {
    this.agent = new Agent({ keepAlive: true })
  }

  info(): Promise<EngineInfo> {
    return this.get('info', '/info')
  }

  listNodes(): Promise<EngineNode[]> {
    return this.get('listNodes', '/nodes')
  }

  /** `status`: with each service's running and desired task counts (ServiceStatus). */
  listServices<T = EngineService>(filters?: Filters, status = false): Promise<T[]> {
    return this.get('listServices', `/services${engineQuery({ ...(filters ? { filters } : {}), ...(status ? { status: true } : {}) })}`)
  }

  listSecrets<T = EngineSecretOrConfig>(filters?: Filters): Promise<T[]> {
    return this.get('listSecrets', `/secrets${engineQuery(filters ? { filters } : {})}`)
  }

  listConfigs<T = EngineSecretOrConfig>(filters?: Filters): Promise<T[]> {
    return this.get('listConfigs', `/configs${engineQuery(filters ? { filters } : {})}`)
  }

  listNetworks<T = LiveNetwork>(filters?: Filters): Promise<T[]> {
    return this.get('listNetworks', `/networks${engineQuery(filters ? { filters } : {})}`)
  }

  /** Ends the link: the agent's sockets are destroyed (a kept-alive socket would hold the process). */
  close(): void {
    this.agent.destroy()
    this.httpsAgent?.destroy()
  }

  /** How many sockets of this link are not destroyed yet, in use or kept alive (tests of the closing path). */
  get openSockets(): number {
    const count = (agent: Agent | null): number =>
      agent ? [...Object.values(agent.sockets), ...Object.values(agent.freeSockets)].flatMap((list) => list ?? []).filter((socket) => !socket.destroyed).length : 0
    return count(this.agent) + count(this.httpsAgent)
  }

  private async transport(): Promise<{ send: typeof request; options: RequestOptions }> {
    const address = this.address
    if (address.kind === 'socket') return { send: request, options: { socketPath: address.socketPath, agent: this.agent, ...NO_SERVER_NAME } }
    if (address.protocol === 'http') return { send: request, options: { host: address.host, port: address.port, agent: this.agent, ...NO_SERVER_NAME } }
    this.https ??= await import('node:https')
    this.httpsAgent ??= new this.https.Agent({ keepAlive: true, ca: address.ca, cert: address.cert, key: address.key })
    return { send: this.https.request as typeof request, options: { host: address.host, port: address.port, agent: this.httpsAgent } }
  }

  private async get<T>(name: string, path: string): Promise<T> {
    this.counter.count(name)
    const { send, options } = await this.transport()
    return new Promise<T>((resolve, reject) => {
      let silent = false
      const req = send({ ...options, method: 'GET', path }, (res: IncomingMessage) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          if (res.statusCode !== 200) return reject(new EngineReadRefused(res.statusCode ?? 0, text.trim()))
          try {
            resolve(JSON.parse(text) as T)
          } catch (error) {
            reject(error as Error)
          }
        })
      })
      // the gateway's idle rule (docker-modem's timeout): silence this long tears the request down
      req.setTimeout(this.idleMs, () => {
        silent = true
        req.destroy()
      })
      req.on('error', (error) => reject(silent ? new EngineReadTimeout(error) : error))
      req.end()
    })
  }
}
