import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { JoinRole, ManagerProbe, SecurityFacts } from '../../../../shared/security'
import type { ProcedureOutput } from '../../../../shared/contract'
import type { SettingsDraft } from './security-model'

/** An action that asks first (it can lock people out, or changes how nodes join). */
export type SecurityConfirm =
  | { kind: 'rotate-token'; role: JoinRole }
  | { kind: 'autolock-on' }
  | { kind: 'autolock-off' }
  | { kind: 'rotate-unlock-key' }

export type CaPlan = ProcedureOutput<'security.planCaRotation'>

interface SecurityState {
  clusterId: string | null
  facts: SecurityFacts | null
  loading: boolean
  error: RpcErrorData | null
  /**
   * A revealed join line or a new unlock key: held only while its dialog is open, dropped when it
   * closes (nothing secret stays in the renderer longer than the dialog that shows it).
   */
  secret: { kind: 'join'; role: JoinRole; command: string } | { kind: 'unlock-key'; key: string; cli: string } | null
  secretError: RpcErrorData | null
  keepBusy: boolean
  kept: boolean
  /** the question asked last; kept after it closes so the closing dialog still says it */
  confirm: SecurityConfirm | null
  confirmOpen: boolean
  busy: boolean
  actionError: RpcErrorData | null
  /** what the last action did, as its docker CLI line */
  lastCli: string | null
  ca: { open: boolean; expiryDays: string; useOwn: boolean; cert: string; key: string; plan: CaPlan | null; planning: boolean; error: RpcErrorData | null; busy: boolean }
  probes: ManagerProbe[]
  unlock: { nodeId: string; hostname: string; typed: string; busy: boolean; error: RpcErrorData | null } | null
  /** the settings form, while open */
  settings: { draft: SettingsDraft; busy: boolean; error: RpcErrorData | null } | null
}

interface SecurityActions {
  reset(clusterId: string): void
  set(change: Partial<SecurityState>): void
  setCa(change: Partial<SecurityState['ca']>): void
  closeSecret(): void
  closeCa(): void
  openUnlock(nodeId: string, hostname: string): void
  setUnlock(change: Partial<NonNullable<SecurityState['unlock']>>): void
  closeUnlock(): void
}

const closedCa: SecurityState['ca'] = { open: false, expiryDays: '', useOwn: false, cert: '', key: '', plan: null, planning: false, error: null, busy: false }

const initialState: SecurityState = {
  clusterId: null,
  facts: null,
  loading: false,
  error: null,
  secret: null,
  secretError: null,
  keepBusy: false,
  kept: false,
  confirm: null,
  confirmOpen: false,
  busy: false,
  actionError: null,
  lastCli: null,
  ca: closedCa,
  probes: [],
  unlock: null,
  settings: null
}

export const useSecurityStore = create<SecurityState & SecurityActions>()((set) => ({
  ...initialState,
  reset: (clusterId) => set({ ...initialState, clusterId }),
  set: (change) => set(change),
  setCa: (change) => set((state) => ({ ca: { ...state.ca, ...change } })),
  closeSecret: () => set({ secret: null, secretError: null, kept: false, keepBusy: false }),
  // the CA key typed or pasted is dropped with the dialog
  closeCa: () => set({ ca: closedCa }),
  openUnlock: (nodeId, hostname) => set({ unlock: { nodeId, hostname, typed: '', busy: false, error: null } }),
  setUnlock: (change) => set((state) => (state.unlock ? { unlock: { ...state.unlock, ...change } } : {})),
  closeUnlock: () => set({ unlock: null })
}))
