import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'

// The whole surface the renderer gets: one invoke and one subscribe. Procedure names and inputs
// are checked in main by the dispatcher; nothing here trusts the page.
const INVOKE = 'swarmdesk:invoke'
const EVENT = 'swarmdesk:event'

contextBridge.exposeInMainWorld('swarmdesk', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE, String(name), input),
  subscribe: (listener: (name: string, payload: unknown) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown): void => listener(name, payload)
    ipcRenderer.on(EVENT, handler)
    return () => {
      ipcRenderer.removeListener(EVENT, handler)
    }
  }
})
