// Opening and closing terminals: the tab appears at once, main reaches the task's node and
// starts the shell, and the emulator is bound to what main opened.
import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import { useNavStore } from '../../app-state/nav-store'
import { useTerminalsStore } from './terminals-store'

/** The emulator (xterm) loads with the first terminal opened, not with the pages offering one. */
const sessions = () => import('./terminal-sessions')

let nextKey = 0
let listeningToExits = false

async function listen(api: ApiClient): Promise<void> {
  ;(await sessions()).listenToTerminals(api)
  if (listeningToExits) return
  listeningToExits = true
  api.on('terminals.exit', ({ terminalId, exitCode, reason }) => useTerminalsStore.getState().ended(terminalId, exitCode, reason ? { code: reason.code as never, message: reason.message, ...(reason.said ? { said: reason.said } : {}) } : null))
}

/** A terminal into a running task (a shell, or `command`), in a new tab of the Terminals page. */
export async function openTerminal(api: ApiClient, clusterId: string, taskId: string, title: string, command: string[] | null = null): Promise<void> {
  await listen(api)
  const key = `terminal-${++nextKey}`
  ;(await sessions()).createSession(api, key)
  useTerminalsStore.getState().add({ key, clusterId, taskId, command, title })
  useNavStore.getState().go('terminals')
  await start(api, key)
}

/** Ask main to open the tab's terminal (again, after a host key was accepted). */
async function start(api: ApiClient, key: string): Promise<void> {
  const { bindSession, sessionSize } = await sessions()
  const tab = useTerminalsStore.getState().tabs.find((t) => t.key === key)
  const size = sessionSize(key)
  if (!tab || !size) return
  try {
    const info = await api.call('terminals.open', { clusterId: tab.clusterId, taskId: tab.taskId, command: tab.command, ...size })
    bindSession(key, info.terminalId)
    useTerminalsStore.getState().opened(key, info)
    // The tab may have been laid out meanwhile: tell main its real size.
    const now = sessionSize(key)
    if (now) void api.call('terminals.resize', { terminalId: info.terminalId, ...now }).catch(() => undefined)
  } catch (error) {
    useTerminalsStore.getState().failed(key, toErrorData(error))
  }
}

/**
 * The node presented a host key nobody has seen: the user compared its fingerprint and trusts it.
 * Main keeps it (like a manager's), and the terminal is opened again.
 */
export async function acceptNodeKeyAndRetry(api: ApiClient, key: string): Promise<void> {
  const tab = useTerminalsStore.getState().tabs.find((t) => t.key === key)
  const hostKey = tab?.reason?.hostKey
  if (!tab || tab.reason?.code !== 'HOST_KEY_UNKNOWN' || !hostKey) return
  useTerminalsStore.getState().retrying(key)
  try {
    await api.call('connections.acceptHostKey', hostKey)
  } catch (error) {
    useTerminalsStore.getState().failed(key, toErrorData(error))
    return
  }
  await start(api, key)
}

/** Close a tab (ending its process if it still runs). */
export async function closeTerminal(api: ApiClient, key: string): Promise<void> {
  const tab = useTerminalsStore.getState().tabs.find((t) => t.key === key)
  useTerminalsStore.getState().remove(key)
  ;(await sessions()).disposeSession(key)
  if (tab?.info && tab.status === 'open') await api.call('terminals.close', { terminalId: tab.info.terminalId }).catch(() => undefined)
}
