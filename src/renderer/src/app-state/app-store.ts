import { create } from 'zustand'
import type { ProcedureOutput } from '../../../shared/contract'

export type AppInfo = ProcedureOutput<'app.info'>

interface AppState {
  info: AppInfo | null
  /** Web mode: the WebSocket to the SwarmDesk server closed after it was open. */
  connectionLost: boolean
}

interface AppActions {
  setInfo(info: AppInfo): void
  setConnectionLost(): void
}

const initialState: AppState = { info: null, connectionLost: false }

export const useAppStore = create<AppState & AppActions>()((set) => ({
  ...initialState,
  setInfo: (info) => set({ info }),
  setConnectionLost: () => set({ connectionLost: true })
}))
