import type { Bridge } from '../shared/contract'

declare global {
  interface Window {
    /** Present only inside Electron (see src/preload/index.ts); web mode uses the WebSocket client. */
    swarmdesk?: Bridge
  }
}
export {}
