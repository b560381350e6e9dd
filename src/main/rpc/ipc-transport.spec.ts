import { describe, expect, it } from 'vitest'
import { createDispatcher, type CallContext, type Router } from './dispatcher'
import { EventBus } from './event-bus'
import { IPC_EVENT, IPC_INVOKE, startIpcTransport, type IpcMainLike, type WebContentsLike } from './ipc-transport'

// The Electron adapter with Electron's two objects replaced by recorders: what is under test is
// the adapter's own rules (sender check, dispatch, event forwarding), not Electron.
type Listener = Parameters<IpcMainLike['handle']>[1]

function fakeIpc() {
  const handlers = new Map<string, Listener>()
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel)
  }
  return { ipcMain, handlers }
}

const router = {
  'app.info': async (_input: unknown, ctx: { transport: string }) => ({ version: '1', transport: ctx.transport, platform: 'linux', canStoreSecrets: true, dataDir: '/d' })
} as unknown as Router

const trusted = 'file:///app/out/renderer/index.html'

describe('IPC transport', () => {
  it('answers calls from our renderer through the dispatcher, and refuses other frames', async () => {
    const { ipcMain, handlers } = fakeIpc()
    const sent: unknown[][] = []
    const target: WebContentsLike = { send: (...args) => void sent.push(args), isDestroyed: () => false, on: () => undefined }
    const stop = startIpcTransport({ ipcMain, dispatcher: createDispatcher(router), bus: new EventBus(), isTrustedUrl: (url) => url === trusted, target })
    const invoke = handlers.get(IPC_INVOKE)
    expect(invoke).toBeDefined()
    expect(await invoke?.({ senderFrame: { url: trusted } }, 'app.info', {})).toMatchObject({ ok: true, result: { transport: 'ipc' } })
    expect(await invoke?.({ senderFrame: { url: 'https://evil.example/' } }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/untrusted frame/) } })
    expect(await invoke?.({ senderFrame: null }, 'app.info', {})).toMatchObject({ ok: false })
    expect(await invoke?.({ senderFrame: { url: trusted } }, 42, {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await invoke?.({ senderFrame: { url: trusted } }, 'app.info', { unexpected: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    stop()
    expect(handlers.has(IPC_INVOKE)).toBe(false)
  })

  it('forwards pushed events to the window, and stops when the window is gone', () => {
    const { ipcMain } = fakeIpc()
    const bus = new EventBus()
    const sent: unknown[][] = []
    let destroyed = false
    const target: WebContentsLike = { send: (...args) => void sent.push(args), isDestroyed: () => destroyed, on: () => undefined }
    startIpcTransport({ ipcMain, dispatcher: createDispatcher(router), bus, isTrustedUrl: () => true, target })
    const state = { clusterId: 'c', profileId: 'p', name: 'n', phase: 'ready' as const, endpoint: null, endpointIndex: null, error: null, notice: null, noticeSaid: null, since: '' }
    bus.publish('cluster.state', state)
    expect(sent).toEqual([[IPC_EVENT, 'cluster.state', state]])
    destroyed = true
    bus.publish('cluster.state', state)
    expect(sent).toHaveLength(1)
  })

  it('ends what a page started when the page reloads, and the next page gets a fresh client', async () => {
    const { ipcMain, handlers } = fakeIpc()
    let reload = (): void => undefined
    const target: WebContentsLike = { send: () => undefined, isDestroyed: () => false, on: (_event, listener) => void (reload = listener) }
    const closed: string[] = []
    const clients: unknown[] = []
    const recording = {
      'app.info': async (_input: unknown, ctx: CallContext) => {
        clients.push(ctx.client)
        const label = `page ${clients.length}`
        ctx.client?.onClose(() => closed.push(label))
        return { version: '1', transport: ctx.transport, platform: 'linux', canStoreSecrets: true, dataDir: '/d' }
      }
    } as unknown as Router
    const stop = startIpcTransport({ ipcMain, dispatcher: createDispatcher(recording), bus: new EventBus(), isTrustedUrl: () => true, target })
    const invoke = handlers.get(IPC_INVOKE)
    await invoke?.({ senderFrame: { url: trusted } }, 'app.info', {})
    expect(closed).toEqual([])
    reload()
    expect(closed).toEqual(['page 1'])
    await invoke?.({ senderFrame: { url: trusted } }, 'app.info', {})
    expect(clients[1]).not.toBe(clients[0])
    stop()
    expect(closed).toEqual(['page 1', 'page 2'])
  })
})
