import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { AppError } from '../../shared/errors'
import { createDispatcher, type Router } from './dispatcher'
import { EventBus } from './event-bus'
import { startWsTransport, type WsTransport } from './ws-transport'

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
