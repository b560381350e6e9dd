import {
  events as eventSchemas,
  isEventName,
  rpcResultSchema,
  type Bridge,
  type EventName,
  type EventPayload,
  type ProcedureInput,
  type ProcedureName,
  type ProcedureOutput,
  type RpcResult,
  type WsServerMessage
} from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { phrase } from '../../../shared/phrase'

/** The typed face of the contract for views and stores: `api.call('clusters.open', {...})`. */
export interface ApiClient {
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>>
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void
  readonly transport: 'ipc' | 'ws'
}

export function createApiClient(bridge: Bridge, transport: 'ipc' | 'ws'): ApiClient {
  const listeners = new Map<string, Set<(payload: never) => void>>()
  bridge.subscribe((name, payload) => {
    if (!isEventName(name)) return
    const set = listeners.get(name)
    if (!set || set.size === 0) return
    // Pushed data is checked on arrival too: the renderer never trusts a shape it did not verify.
    const parsed = eventSchemas[name].safeParse(payload)
    if (!parsed.success) {
      console.error(`dropped malformed "${name}" event`, parsed.error.issues.slice(0, 3))
      return
    }
    for (const listener of set) (listener as (p: unknown) => void)(parsed.data)
  })
  return {
    transport,
    async call(name, input) {
      const raw = await bridge.invoke(name, input)
      const response = rpcResultSchema.parse(raw)
      if (!response.ok) throw AppError.fromData(response.error)
      return response.result as ProcedureOutput<typeof name>
    },
    on(name, listener) {
      let set = listeners.get(name)
      if (!set) listeners.set(name, (set = new Set()))
      set.add(listener as (payload: never) => void)
      return () => set.delete(listener as (payload: never) => void)
    }
  }
}

/** Minimal WebSocket surface shared by the browser's WebSocket and the `ws` package (tests, bench). */
export interface WebSocketLike {
  readyState: number
  send(data: string): void
  close(): void
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: { data?: unknown }) => void): void
}

/**
 * The WebSocket bridge used in web mode. One socket, calls matched by id. When the socket closes,
 * pending calls fail with CONNECTION_LOST instead of hanging.
 */
export function createWsBridge(url: string, makeSocket: (url: string) => WebSocketLike): Promise<Bridge & { close(): void }> {
  const socket = makeSocket(url)
  const pending = new Map<number, (result: RpcResult) => void>()
  const subscribers = new Set<(name: string, payload: unknown) => void>()
  let nextId = 1
  let closed = false

  socket.addEventListener('message', (event) => {
    let message: WsServerMessage
    try {
      message = JSON.parse(String(event.data)) as WsServerMessage
    } catch {
      return
    }
    if (message.t === 'result') {
      pending.get(message.id)?.(message.response)
      pending.delete(message.id)
    } else if (message.t === 'event') {
      for (const subscriber of subscribers) subscriber(message.name, message.payload)
    }
  })
  socket.addEventListener('close', () => {
    closed = true
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'CONNECTION_LOST', message: 'the SwarmDesk server closed the connection' } })
    }
    pending.clear()
  })

  const bridge: Bridge & { close(): void } = {
    invoke(name, input) {
      if (closed) {
        return Promise.resolve({ ok: false, error: { code: 'CONNECTION_LOST', message: 'not connected to the SwarmDesk server' } })
      }
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        socket.send(JSON.stringify({ t: 'invoke', id, name, input }))
      })
    },
    subscribe(listener) {
      subscribers.add(listener)
      return () => subscribers.delete(listener)
    },
    close() {
      socket.close()
    }
  }

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(bridge))
    socket.addEventListener('error', () => {
      const shown = url.replace(/token=[^&]+/, 'token=…')
      reject(new AppError('CONNECTION_REFUSED', `cannot reach the SwarmDesk server at ${shown}`, { said: phrase('connections.said.server-unreachable', { url: shown }) }))
    })
  })
}
