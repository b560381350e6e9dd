import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'

export interface JoinCommands {
  worker: string
  manager: string
}

interface SwarmState {
  initAdvertiseAddr: string
  initListenAddr: string
  initBusy: boolean
  initError: RpcErrorData | null
  /** Per-field messages from INVALID_INPUT (advertiseAddr, listenAddr). */
  initFieldErrors: Record<string, string>

  joinOpened: boolean
  joinBusy: boolean
  join: JoinCommands | null
  joinError: RpcErrorData | null

  leaveOpened: boolean
  leaveForce: boolean
  leaveBusy: boolean
  leaveError: RpcErrorData | null
}

interface SwarmActions {
  setInitField(field: 'initAdvertiseAddr' | 'initListenAddr', value: string): void
  setInitBusy(busy: boolean): void
  setInitError(error: RpcErrorData | null): void
  openJoin(): void
  closeJoin(): void
  setJoin(result: { busy: boolean; join?: JoinCommands | null; error?: RpcErrorData | null }): void
  openLeave(): void
  closeLeave(): void
  setLeaveForce(force: boolean): void
  setLeave(result: { busy: boolean; error?: RpcErrorData | null }): void
}

const initialState: SwarmState = {
  initAdvertiseAddr: '',
  initListenAddr: '',
  initBusy: false,
  initError: null,
  initFieldErrors: {},
  joinOpened: false,
  joinBusy: false,
  join: null,
  joinError: null,
  leaveOpened: false,
  leaveForce: false,
  leaveBusy: false,
  leaveError: null
}

export const useSwarmStore = create<SwarmState & SwarmActions>()((set) => ({
  ...initialState,
  setInitField: (field, value) => set({ [field]: value }),
  setInitBusy: (initBusy) => set({ initBusy }),
  setInitError: (error) => {
    if (!error) return set({ initError: null, initFieldErrors: {} })
    const fieldErrors: Record<string, string> = {}
    const other = (error.issues ?? []).filter((issue) => {
      if (issue.path === 'advertiseAddr' || issue.path === 'listenAddr') {
        fieldErrors[issue.path] = issue.message
        return false
      }
      return true
    })
    const placedAll = error.code === 'INVALID_INPUT' && other.length === 0 && Object.keys(fieldErrors).length > 0
    set({ initError: placedAll ? null : { ...error, issues: other }, initFieldErrors: fieldErrors })
  },
  openJoin: () => set({ joinOpened: true, join: null, joinError: null }),
  closeJoin: () => set({ joinOpened: false, join: null, joinError: null, joinBusy: false }),
  setJoin: ({ busy, join, error }) =>
    set((state) => ({ joinBusy: busy, join: join === undefined ? state.join : join, joinError: error === undefined ? state.joinError : error })),
  openLeave: () => set({ leaveOpened: true, leaveForce: false, leaveError: null }),
  closeLeave: () => set({ leaveOpened: false, leaveBusy: false, leaveError: null }),
  setLeaveForce: (leaveForce) => set({ leaveForce }),
  setLeave: ({ busy, error }) => set((state) => ({ leaveBusy: busy, leaveError: error === undefined ? state.leaveError : error }))
}))
