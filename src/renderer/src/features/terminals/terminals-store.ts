import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { TerminalInfo } from '../../../../shared/node-access'

/** One tab: opening (main is reaching the node), open, or ended (with the exit code, or why). */
export interface TerminalTab {
  /** our own key, known before main answers */
  key: string
  clusterId: string
  taskId: string
  command: string[] | null
  /** what the tab is for before it opens: `web.3` */
  title: string
  info: TerminalInfo | null
  status: 'opening' | 'open' | 'ended' | 'failed'
  exitCode: number | null
  reason: RpcErrorData | null
}

interface TerminalsState {
  tabs: TerminalTab[]
  active: string | null
}

interface TerminalsActions {
  add(tab: Pick<TerminalTab, 'key' | 'clusterId' | 'taskId' | 'command' | 'title'>): void
  retrying(key: string): void
  opened(key: string, info: TerminalInfo): void
  failed(key: string, reason: RpcErrorData): void
  ended(terminalId: string, exitCode: number | null, reason: RpcErrorData | null): void
  remove(key: string): void
  activate(key: string): void
}

const initialState: TerminalsState = { tabs: [], active: null }

const patch = (tabs: TerminalTab[], match: (tab: TerminalTab) => boolean, change: Partial<TerminalTab>): TerminalTab[] => tabs.map((tab) => (match(tab) ? { ...tab, ...change } : tab))

export const useTerminalsStore = create<TerminalsState & TerminalsActions>()((set) => ({
  ...initialState,
  add: (tab) => set((s) => ({ tabs: [...s.tabs, { ...tab, info: null, status: 'opening', exitCode: null, reason: null }], active: tab.key })),
  retrying: (key) => set((s) => ({ tabs: patch(s.tabs, (t) => t.key === key, { status: 'opening', reason: null }) })),
  opened: (key, info) => set((s) => ({ tabs: patch(s.tabs, (t) => t.key === key, { info, status: 'open', title: info.task }) })),
  failed: (key, reason) => set((s) => ({ tabs: patch(s.tabs, (t) => t.key === key, { status: 'failed', reason }) })),
  ended: (terminalId, exitCode, reason) => set((s) => ({ tabs: patch(s.tabs, (t) => t.info?.terminalId === terminalId, { status: 'ended', exitCode, reason }) })),
  remove: (key) =>
    set((s) => {
      const tabs = s.tabs.filter((t) => t.key !== key)
      return { tabs, active: s.active === key ? (tabs[tabs.length - 1]?.key ?? null) : s.active }
    }),
  activate: (key) => set({ active: key })
}))
