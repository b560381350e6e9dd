import { afterEach, describe, expect, it } from 'vitest'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { AppError } from '../../shared/errors'
import { createDispatcher, type Router } from './dispatcher'
import { EventBus } from './event-bus'
import { startWsTransport, type WsTransport } from './ws-transport'
import { maxMessageBytes } from './message-limits'
import { COMPOSE_FILES_MAX, COMPOSE_TEXT_MAX_CHARS, PATH_MAX_CHARS } from '../../shared/stacks'

// A tiny router: the dispatcher and transport are what is under test, not the services.
const router = {
  'app.info': async (_input: unknown, ctx: { transport: string }) => ({ version: '1', transport: ctx.transport, platform: 'linux', canStoreSecrets: false, dataDir: '/x' }),
  'connections.remove': async ({ id }: { id: string }) => {
    if (id === 'boom') throw new AppError('NOT_FOUND', 'no such profile')
    if (id === 'crash') throw new Error('socket hang up')
    return { removed: true }
  }
} as unknown as Router

let transport: WsTransport | null = null
afterEach(async () => {
  await transport?.close()
  transport = null
})

function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

function call(ws: WebSocket, id: number, name: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as { t: string; id: number; response: unknown }
      if (message.t === 'result' && message.id === id) {
        ws.off('message', onMessage)
        resolve(message.response)
      }
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ t: 'invoke', id, name, input }))
  })
}

describe('WebSocket transport', () => {
  it('binds to 127.0.0.1 and refuses connections without the token, with a wrong one, or from another origin', async () => {
    transport = await startWsTransport({ dispatcher: createDispatcher(router), bus: new EventBus() })
    expect(transport.url.startsWith('http://127.0.0.1:')).toBe(true)
    const base = `ws://127.0.0.1:${transport.port}/rpc`
    await expect(connect(base)).rejects.toThrow(/401/)
    await expect(connect(`${base}?token=${transport.token.slice(0, -1)}x`)).rejects.toThrow(/401/)
    await expect(connect(transport.wsUrl, { origin: 'http://evil.example' })).rejects.toThrow(/401/)
    const ws = await connect(transport.wsUrl, { origin: `http://127.0.0.1:${transport.port}` })
    ws.close()
  })

  it('dispatches calls, validates input and maps errors to codes', async () => {
    transport = await startWsTransport({ dispatcher: createDispatcher(router), bus: new EventBus() })
    const ws = await connect(transport.wsUrl)
    expect(await call(ws, 1, 'app.info', {})).toMatchObject({ ok: true, result: { transport: 'ws' } })
    expect(await call(ws, 2, 'nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } })
    expect(await call(ws, 3, 'connections.remove', { id: 42 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'id', message: expect.stringMatching(/string/) }] }
    })
    expect(await call(ws, 4, 'app.info', { extra: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await call(ws, 5, 'connections.remove', { id: 'boom' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'no such profile' } })
    expect(await call(ws, 6, 'connections.remove', { id: 'crash' })).toMatchObject({ ok: false, error: { code: 'CONNECTION_LOST' } })
    ws.close()
  })

  it('closes a connection that sends something other than a valid envelope', async () => {
    transport = await startWsTransport({ dispatcher: createDispatcher(router), bus: new EventBus() })
    const ws = await connect(transport.wsUrl)
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    ws.send(JSON.stringify({ t: 'invoke', id: 'x', name: 'app.info' }))
    expect(await closed).toBe(1007)
  })

  it('pushes bus events to connected clients', async () => {
    const bus = new EventBus()
    transport = await startWsTransport({ dispatcher: createDispatcher(router), bus })
    const ws = await connect(transport.wsUrl)
    const received = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))))
    const state = { clusterId: 'c', profileId: 'p', name: 'lab', phase: 'ready' as const, endpoint: null, endpointIndex: 0, error: null, notice: null, noticeSaid: null, since: '' }
    bus.publish('cluster.state', state)
    expect(await received).toEqual({ t: 'event', name: 'cluster.state', payload: state })
    ws.close()
  })
})

// Malformed requests and frames from any local process: each gets an error answer, and the server
// goes on serving the next client (issue 13: `GET /%` and an invalid UTF-8 frame used to end the process).
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(text))
    let answer = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('end', () => resolve(answer))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
  })
}

async function staticRoot(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmdesk-static-'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>SwarmDesk</title>')
  return dir
}

async function stillServes(t: WsTransport): Promise<void> {
  const ws = await connect(t.wsUrl)
  expect(await call(ws, 99, 'app.info', {})).toMatchObject({ ok: true })
  ws.close()
}

describe('WebSocket transport under malformed input', () => {
  it('answers 400 to a path that does not decode, and keeps serving', async () => {
    transport = await startWsTransport({ dispatcher: createDispatcher(router), bus: new EventBus(), staticDir: await staticRoot() })
    const answer = await rawRequest(transport.port, 'GET /% HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 400/)
    const index = await rawRequest(transport.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    expect(index).toMatch(/^HTTP\/1\.1 200/)
    await stillServes(transport)
  })

  it('answers a CONNECT (found by the fuzzer: Node dropped it without a word)', async () => {
    transport = await startWsTransport({ dispatcher: createDispatcher(router), bus: new EventBus() })
    expect(await rawRequest(transport.port, 'CONNECT /% HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 405/)
    await stillServes(transport)
  })

  it('answers an upgrade whose target is not a URL, and keeps serving', async () => {
    transport = await startWsTransport({ dispatcher: createDispatcher(router), bus: new EventBus() })
    const upgrade = 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'
    const answer = await rawRequest(transport.port, `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n${upgrade}`)
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/)
    await stillServes(transport)
  })

  it('closes a connection that sends invalid UTF-8 with 1007, and keeps serving', async () => {
    transport = await startWsTransport({ dispatcher: createDispatcher(router), bus: new EventBus() })
    const ws = await connect(transport.wsUrl)
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false })
    expect(await closed).toBe(1007)
    await stillServes(transport)
  })

  it('closes a connection that sends more than the largest valid message with 1009, and keeps serving', async () => {
    transport = await startWsTransport({ dispatcher: createDispatcher(router), bus: new EventBus(), maxPayload: 1024 })
    const ws = await connect(transport.wsUrl)
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    ws.send(JSON.stringify({ t: 'invoke', id: 1, name: 'app.info', input: { pad: 'x'.repeat(4096) } }))
    expect(await closed).toBe(1009)
    await stillServes(transport)
  })

  it('answers an envelope with an id but a wrong shape with a typed error on that id', async () => {
    transport = await startWsTransport({ dispatcher: createDispatcher(router), bus: new EventBus() })
    const ws = await connect(transport.wsUrl)
    const answer = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))))
    ws.send(JSON.stringify({ t: 'call', id: 7, name: 'app.info' }))
    expect(await answer).toMatchObject({ t: 'result', id: 7, response: { ok: false, error: { code: 'INVALID_INPUT' } } })
    expect(await call(ws, 8, 'app.info', {})).toMatchObject({ ok: true })
    ws.close()
  })

  it('answers with INTERNAL when a result cannot be sent as JSON, and keeps the connection', async () => {
    const odd = { ...router, 'app.info': async () => ({ big: 1n }) } as unknown as Router
    transport = await startWsTransport({ dispatcher: createDispatcher(odd), bus: new EventBus() })
    const ws = await connect(transport.wsUrl)
    expect(await call(ws, 1, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(await call(ws, 2, 'connections.remove', { id: 'ok' })).toMatchObject({ ok: true })
    ws.close()
  })
})

describe('the largest message web mode accepts', () => {
  it('is derived from the contract: twenty compose texts at their limit fit, whatever their characters', () => {
    const perFileText = 3 * COMPOSE_TEXT_MAX_CHARS
    expect(maxMessageBytes).toBeGreaterThanOrEqual(COMPOSE_FILES_MAX * (perFileText + 3 * PATH_MAX_CHARS))
    expect(maxMessageBytes).toBeGreaterThan(16 * 1024 * 1024)
  })

  it('lets through a stacks.plan of four five-megabyte files (more than the old 16 MiB)', async () => {
    const planned = { ...router, 'stacks.plan': async (input: { source: { files: unknown[] } }) => ({ files: input.source.files.length }) } as unknown as Router
    transport = await startWsTransport({ dispatcher: createDispatcher(planned), bus: new EventBus() })
    const ws = await connect(transport.wsUrl)
    const text = 'a'.repeat(COMPOSE_TEXT_MAX_CHARS)
    const files = [1, 2, 3, 4].map((n) => ({ path: `/stack/compose-${n}.yml`, text }))
    expect(await call(ws, 1, 'stacks.plan', { clusterId: 'c', stack: 's', source: { files } })).toMatchObject({ ok: true, result: { files: 4 } })
    ws.close()
  }, 30_000)
})
