import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'

export type ServiceAction = { kind: 'scale'; replicas: number } | { kind: 'rollback' } | { kind: 'force' } | { kind: 'remove' }

/** The drawer's one-click actions: which one runs, its error, and the remove confirmation. */
interface ServiceActionState {
  serviceId: string | null
  running: ServiceAction['kind'] | null
  error: RpcErrorData | null
  confirmRemove: boolean
}

interface ServiceActionActions {
  start(serviceId: string, action: ServiceAction): void
  finish(serviceId: string, error: RpcErrorData | null): void
  askRemove(open: boolean): void
  reset(): void
}

const initialState: ServiceActionState = { serviceId: null, running: null, error: null, confirmRemove: false }

export const useServiceActionStore = create<ServiceActionState & ServiceActionActions>()((set, get) => ({
  ...initialState,
  start: (serviceId, action) => set({ serviceId, running: action.kind, error: null }),
  finish: (serviceId, error) => {
    if (get().serviceId !== serviceId) return
    set({ running: null, error, confirmRemove: false })
  },
  askRemove: (confirmRemove) => set({ confirmRemove }),
  reset: () => set({ ...initialState })
}))
