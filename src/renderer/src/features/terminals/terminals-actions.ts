// Opening and closing terminals: the tab appears at once, main reaches the task's node and
// starts the shell, and the emulator is bound to what main opened.
import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import { useNavStore } from '../../app-state/nav-store'
import { useTerminalsStore } from './terminals-store'
import { bindSession, createSession, disposeSession, listenToTerminals } from './terminal-sessions'

let nextKey = 0
let listeningToExits = false

function listen(api: ApiClient): void {
  listenToTerminals(api)
  if (listeningToExits) return
  listeningToExits = true
  api.on('terminals.exit', ({ terminalId, exitCode, reason }) => useTerminalsStore.getState().ended(terminalId, exitCode, reason ? { code: reason.code as never, message: reason.message, ...(reason.said ? { said: reason.said } : {}) } : null))
}

/** A terminal into a running task (a shell, or `command`), in a new tab of the Terminals page. */
export async function openTerminal(api: ApiClient, clusterId: string, taskId: string, title: string, command: string[] | null = null): Promise<void> {
  listen(api)
  const key = `terminal-${++nextKey}`
  const terminal = createSession(api, key)
  useTerminalsStore.getState().add({ key, clusterId, title })
  useNavStore.getState().go('terminals')
  try {
    const info = await api.call('terminals.open', { clusterId, taskId, command, cols: terminal.cols, rows: terminal.rows })
    bindSession(key, info.terminalId)
    useTerminalsStore.getState().opened(key, info)
    // The tab may have been laid out meanwhile: tell main its real size.
    void api.call('terminals.resize', { terminalId: info.terminalId, cols: terminal.cols, rows: terminal.rows }).catch(() => undefined)
  } catch (error) {
    useTerminalsStore.getState().failed(key, toErrorData(error))
  }
}

/** Close a tab (ending its process if it still runs). */
export async function closeTerminal(api: ApiClient, key: string): Promise<void> {
  const tab = useTerminalsStore.getState().tabs.find((t) => t.key === key)
  useTerminalsStore.getState().remove(key)
  disposeSession(key)
  if (tab?.info && tab.status === 'open') await api.call('terminals.close', { terminalId: tab.info.terminalId }).catch(() => undefined)
}
