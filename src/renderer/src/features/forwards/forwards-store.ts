import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { ForwardInfo, ForwardsChanged } from '../../../../shared/forwards'

/** The task the port-forward dialog is about. */
export interface ForwardRequest {
  clusterId: string
  taskId: string
  task: string
  /** the service's first target port, if any */
  defaultPort: number | null
}

interface ForwardsState {
  /** every forward open now (main's list, as `forwards.changed` last said) */
  forwards: ForwardInfo[]
  /** the last forward that ended on its own, and why */
  ended: NonNullable<ForwardsChanged['ended']> | null
  request: ForwardRequest | null
  opening: boolean
  error: RpcErrorData | null
}

interface ForwardsActions {
  setForwards(forwards: ForwardInfo[]): void
  setEnded(ended: ForwardsState['ended']): void
  ask(request: ForwardRequest | null): void
  setOpening(opening: boolean): void
  setError(error: RpcErrorData | null): void
}

const initialState: ForwardsState = { forwards: [], ended: null, request: null, opening: false, error: null }

export const useForwardsStore = create<ForwardsState & ForwardsActions>()((set) => ({
  ...initialState,
  setForwards: (forwards) => set({ forwards }),
  setEnded: (ended) => set({ ended }),
  ask: (request) => set({ request, error: null }),
  setOpening: (opening) => set({ opening }),
  setError: (error) => set({ error })
}))
