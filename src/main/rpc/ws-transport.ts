import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { timingSafeEqual, randomBytes } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { wsClientMessageSchema, type WsServerMessage } from '../../shared/contract'
import { createClientLink, type Dispatcher } from './dispatcher'
import type { EventBus } from './event-bus'

export interface WsTransportOptions {
  dispatcher: Dispatcher
  bus: EventBus
  /** Directory of the built renderer to serve (web mode); omit to serve only the WebSocket. */
  staticDir?: string
  port?: number
  /** Random per run unless given (tests pass their own). */
  token?: string
}

export interface WsTransport {
  url: string
  wsUrl: string
  token: string
  port: number
  close(): Promise<void>
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
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

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, port: number): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)
  const file = normalize(join(root, relative))
  if (!file.startsWith(root + sep) || req.method !== 'GET') {
    res.writeHead(404).end()
    return
  }
  try {
    const info = await stat(file)
    if (!info.isFile()) throw new Error('not a file')
    const body = await readFile(file)
    res.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store'
    })
    res.end(body)
  } catch {
    res.writeHead(404).end()
  }
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
    if (root) void serveStatic(root, req, res, port)
    else res.writeHead(404).end()
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 })

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const origin = req.headers.origin
    const originOk = origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
    if (url.pathname !== '/rpc' || !sameToken(url.searchParams.get('token'), token) || !originOk) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  wss.on('connection', (ws: WebSocket) => {
    const send = (message: WsServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
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
        ws.close(1007, 'malformed message')
        return
      }
      const { id, name, input } = message.data
      void options.dispatcher
        .dispatch(name, input, { transport: 'ws', client })
        .then((response) => send({ t: 'result', id, response }))
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
