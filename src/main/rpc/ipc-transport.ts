import { createClientLink, type Dispatcher } from './dispatcher'
import type { EventBus } from './event-bus'

/** The slice of Electron's API this adapter needs, injected by the bootstrap so this file never imports electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}
export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
  /** Electron's 'did-start-loading': the page (re)loads, so whatever the old page held is orphaned. */
  on(event: 'did-start-loading', listener: () => void): void
}

export const IPC_INVOKE = 'swarmdesk:invoke'
export const IPC_EVENT = 'swarmdesk:event'

/**
 * Electron IPC adapter of the dispatcher. Only frames showing our own renderer may call; anything
 * else (a navigated or injected frame) is answered with an error and never reaches a service.
 */
export function startIpcTransport(options: {
  ipcMain: IpcMainLike
  dispatcher: Dispatcher
  bus: EventBus
  isTrustedUrl: (url: string) => boolean
  target: WebContentsLike
}): () => void {
  // One link per loaded page, not per window: a reload starts a new renderer that will never
  // acknowledge or stop what the previous page started (log sessions), so those end with it.
  let client = createClientLink()
  options.target.on('did-start-loading', () => {
    client.close()
    client = createClientLink()
  })
  options.ipcMain.handle(IPC_INVOKE, async (event, name, input) => {
    const url = event.senderFrame?.url ?? ''
    if (!options.isTrustedUrl(url)) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'call from an untrusted frame refused' } }
    }
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'procedure name must be a string' } }
    }
    return options.dispatcher.dispatch(name, input, { transport: 'ipc', client })
  })
  const unsubscribe = options.bus.subscribe((name, payload) => {
    if (!options.target.isDestroyed()) options.target.send(IPC_EVENT, name, payload)
  })
  return () => {
    client.close()
    unsubscribe()
    options.ipcMain.removeHandler(IPC_INVOKE)
  }
}
