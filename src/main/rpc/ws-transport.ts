import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { timingSafeEqual, randomBytes } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { wsClientMessageSchema, type WsServerMessage } from '../../shared/contract'
// the renderer's files get the same types in web mode as from the packaged app's protocol
import { rendererContentType } from '../renderer-origin'
import { createClientLink, type Dispatcher } from './dispatcher'
import type { EventBus } from './event-bus'
import { maxMessageBytes } from './message-limits'

export interface WsTransportOptions {
  dispatcher: Dispatcher
  bus: EventBus
  /** Directory of the built renderer to serve (web mode); omit to serve only the WebSocket. */
  staticDir?: string
  port?: number
  /** Random per run unless given (tests pass their own). */
  token?: string
  /** Bytes; the contract's largest message unless given (tests pass a small one). */
  maxPayload?: number
}

export interface WsTransport {
  url: string
  wsUrl: string
  token: string
  port: number
  close(): Promise<void>
}


// Web mode serves the same renderer as Electron, under the same strict policy: no remote content,
// scripts only from our origin, the WebSocket only to ourselves.
function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The file under `root` a request names, or null when it names none (undecodable, outside root). */
function staticFile(root: string, requestUrl: string | undefined): string | null {
  const pathname = requestPath(requestUrl)
  if (pathname === null) return null
  let relative: string
  try {
    relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname)
  } catch {
    return null
  }
  if (relative.includes('\0')) return null
  const file = normalize(join(root, relative))
  return file.startsWith(root + sep) ? file : null
}

/** The path of a request target, or null when it is not a URL at all (`http://[`). */
function requestPath(requestUrl: string | undefined): string | null {
  try {
    return new URL(requestUrl ?? '/', 'http://127.0.0.1').pathname
  } catch {
    return null
  }
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, port: number): Promise<void> {
  if (req.method !== 'GET') {
    res.writeHead(405, { allow: 'GET' }).end()
    return
  }
  const file = staticFile(root, req.url)
  if (file === null) {
    res.writeHead(400).end()
    return
  }
  try {
    const info = await stat(file)
    if (!info.isFile()) throw new Error('not a file')
    const body = await readFile(file)
    res.writeHead(200, {
      'content-type': rendererContentType(file),
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store'
    })
    res.end(body)
  } catch {
    if (!res.headersSent) res.writeHead(404)
    res.end()
  }
}

/** A typed error on the id the message carried, when it carried one: the client's call ends at once. */
function envelopeProblem(parsed: unknown, issues: string): WsServerMessage | null {
  const id = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : undefined
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return null
  return { t: 'result', id, response: { ok: false, error: { code: 'INVALID_INPUT', message: `malformed message: ${issues}` } } }
}

function sendError(id: number, error: unknown): WsServerMessage {
  return { t: 'result', id, response: { ok: false, error: { code: 'INTERNAL', message: `the answer could not be sent: ${(error as Error)?.message ?? String(error)}` } } }
}

/**
 * Loopback-only WebSocket adapter of the dispatcher (web mode, tests, scripts). Every connection
 * must present the run's random token; browsers must also come from our own origin, so another
 * local web page cannot drive the cluster even if it guessed the port.
 */
export async function startWsTransport(options: WsTransportOptions): Promise<WsTransport> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const root = options.staticDir ? normalize(options.staticDir) : null
  let port = 0

  const server: Server = createServer((req, res) => {
    if (!root) {
      res.writeHead(404).end()
      return
    }
    // serveStatic answers every fault itself; this catch is for a fault in answering (a socket gone)
    void serveStatic(root, req, res, port).catch((error: unknown) => {
      console.error('swarmdesk web: a request failed:', error)
      res.destroy()
    })
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? maxMessageBytes })
  // the server's own errors (never expected with noServer): logged, the listener keeps the process up
  wss.on('error', (error) => console.error('swarmdesk web: WebSocket server error:', error))

  // CONNECT is a proxy request; with no listener Node drops the socket without a word: answer it
  server.on('connect', (_req, socket) => {
    socket.on('error', () => socket.destroy())
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\n\r\n')
  })

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy())
    let target: URL | null = null
    try {
      target = new URL(req.url ?? '/', 'http://127.0.0.1')
    } catch {
      target = null
    }
    const origin = req.headers.origin
    const originOk = origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
    if (!target || target.pathname !== '/rpc' || !sameToken(target.searchParams.get('token'), token) || !originOk) {
      socket.end(target ? 'HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n' : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  wss.on('connection', (ws: WebSocket) => {
    // A frame that is not valid UTF-8, or larger than maxPayload, makes ws emit `error` and close
    // the connection (1007, 1009): that close is the answer. Without a listener the error would end the process.
    ws.on('error', () => undefined)
    const send = (message: WsServerMessage): void => {
      if (ws.readyState !== ws.OPEN) return
      let text: string
      try {
        text = JSON.stringify(message)
      } catch (error) {
        if (message.t !== 'result') throw error
        text = JSON.stringify(sendError(message.id, error))
      }
      ws.send(text)
    }
    const unsubscribe = options.bus.subscribe((name, payload) => send({ t: 'event', name, payload }))
    const client = createClientLink()
    ws.on('close', () => {
      unsubscribe()
      client.close()
    })
    ws.on('message', (data) => {
      let parsed: unknown
      try {
        parsed = JSON.parse(String(data))
      } catch {
        ws.close(1007, 'messages must be JSON')
        return
      }
      const message = wsClientMessageSchema.safeParse(parsed)
      if (!message.success) {
        const answer = envelopeProblem(parsed, message.error.issues.map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`).join('; '))
        if (answer) send(answer)
        else ws.close(1007, 'malformed message')
        return
      }
      const { id, name, input } = message.data
      // the dispatcher turns every fault into data; a rejection here would be a defect of ours, answered all the same
      void options.dispatcher
        .dispatch(name, input, { transport: 'ws', client })
        .then((response) => send({ t: 'result', id, response }))
        .catch((error: unknown) => send(sendError(id, error)))
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    wsUrl: `ws://127.0.0.1:${port}/rpc?token=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
