import { createContext, useContext, type ReactNode } from 'react'
import type { ApiClient } from './client'

const ApiContext = createContext<ApiClient | null>(null)

export function ApiProvider({ api, children }: { api: ApiClient; children: ReactNode }): ReactNode {
  return <ApiContext value={api}>{children}</ApiContext>
}

/** The typed client (IPC in Electron, WebSocket in web mode). */
export function useApi(): ApiClient {
  const api = useContext(ApiContext)
  if (!api) throw new Error('useApi() used outside <ApiProvider>')
  return api
}
