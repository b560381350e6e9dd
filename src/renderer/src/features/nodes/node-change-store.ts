import { create } from 'zustand'
import type { ProcedureInput, ProcedureOutput } from '../../../../shared/contract'
import type { RpcErrorData } from '../../../../shared/errors'

export type NodeChange = ProcedureInput<'nodes.checkChange'>['change']
export type NodeChangeCheck = ProcedureOutput<'nodes.checkChange'>
/** The five actions of the row menu, each one NodeChange. */
export type NodeAction = 'active' | 'pause' | 'drain' | 'promote' | 'demote'

export function changeOf(action: NodeAction): NodeChange {
  if (action === 'promote') return { role: 'manager' }
  if (action === 'demote') return { role: 'worker' }
  return { availability: action }
}

interface NodeChangeState {
  /** The node and action of the open dialog; null when closed. */
  target: { nodeId: string; hostname: string; action: NodeAction } | null
  /** Increments with every dialog, so a late answer for a closed one is dropped. */
  request: number
  checking: boolean
  check: NodeChangeCheck | null
  checkError: RpcErrorData | null
  applying: boolean
  applyError: RpcErrorData | null
}

interface NodeChangeActions {
  start(target: { nodeId: string; hostname: string; action: NodeAction }): number
  setCheck(request: number, result: { check: NodeChangeCheck } | { error: RpcErrorData }): void
  beginApply(): void
  setApplyError(error: RpcErrorData): void
  close(): void
}

const initialState: Omit<NodeChangeState, 'request'> = { target: null, checking: false, check: null, checkError: null, applying: false, applyError: null }

export const useNodeChangeStore = create<NodeChangeState & NodeChangeActions>()((set, get) => ({
  ...initialState,
  request: 0,
  start: (target) => {
    const request = get().request + 1
    set({ ...initialState, target, request, checking: true })
    return request
  },
  setCheck: (request, result) => {
    if (get().request !== request || !get().target) return
    set('check' in result ? { checking: false, check: result.check } : { checking: false, checkError: result.error })
  },
  beginApply: () => set({ applying: true, applyError: null }),
  setApplyError: (applyError) => set({ applyError, applying: false }),
  close: () => set((state) => ({ ...initialState, request: state.request + 1 }))
}))
