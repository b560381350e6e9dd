import type { RpcErrorData } from '../../../shared/errors'
import { createApiClient, createWsBridge, type ApiClient } from './client'
import { toErrorData } from './errors'

/**
 * Picks the transport once, before React renders: Electron's preload bridge when it exists,
 * otherwise the loopback WebSocket of web mode (`npm run web`), authorised by the token the
 * server printed in the URL fragment.
 */
export type BootstrapResult =
  | { status: 'ready'; api: ApiClient }
  | { status: 'no-token' }
  | { status: 'refused'; error: RpcErrorData }

const TOKEN_KEY = 'swarmdesk.token'

interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>
  history: Pick<History, 'replaceState'>
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
}

/**
 * The token arrives as `#token=...`. It is kept in sessionStorage so a reload still works, and
 * removed from the visible URL so it is not shared by a screenshot or a copied address.
 */
export function takeWebToken(env: TokenEnvironment): string | null {
  const fragment = new URLSearchParams(env.location.hash.replace(/^#/, ''))
  const fromUrl = fragment.get('token')
  if (fromUrl) {
    env.storage.setItem(TOKEN_KEY, fromUrl)
    env.history.replaceState(null, '', env.location.pathname + env.location.search)
    return fromUrl
  }
  return env.storage.getItem(TOKEN_KEY)
}

export interface BootstrapOptions {
  /** Called once if the WebSocket to the SwarmDesk server closes after it was open. */
  onConnectionLost(): void
}

export async function bootstrapApi(options: BootstrapOptions): Promise<BootstrapResult> {
  if (window.swarmdesk) return { status: 'ready', api: createApiClient(window.swarmdesk, 'ipc') }

  const env: TokenEnvironment = { location: window.location, history: window.history, storage: window.sessionStorage }
  const token = takeWebToken(env)
  if (!token) return { status: 'no-token' }

  const url = `ws://${window.location.host}/rpc?token=${encodeURIComponent(token)}`
  let opened = false
  try {
    const bridge = await createWsBridge(url, (socketUrl) => {
      const socket = new WebSocket(socketUrl)
      socket.addEventListener('open', () => {
        opened = true
      })
      socket.addEventListener('close', () => {
        if (opened) options.onConnectionLost()
      })
      return socket
    })
    return { status: 'ready', api: createApiClient(bridge, 'ws') }
  } catch (error) {
    // A refused token is stale (the server restarted with a new one): forget it.
    env.storage.removeItem(TOKEN_KEY)
    return { status: 'refused', error: toErrorData(error) }
  }
}
