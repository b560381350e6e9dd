// The terminal emulators of the open tabs, kept outside React: a tab's screen, scrollback and the
// output that arrives while its page is not shown survive leaving the Terminals page. One
// listener per event feeds them by terminal id; keystrokes and sizes go back to main.
import { Terminal } from '@xterm/xterm'
import { FitAddon } from '@xterm/addon-fit'
import type { ApiClient } from '../../api/client'

interface Session {
  terminal: Terminal
  fit: FitAddon
  terminalId: string | null
  /** the last sequence number written: a gap means output was lost (said on screen) */
  seq: number
}

const sessions = new Map<string, Session>()
const byTerminalId = new Map<string, Session>()
let listening: (() => void) | null = null

function decode(base64: string): Uint8Array {
  const text = atob(base64)
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}

/** Start feeding output to the emulators (once per api client). */
export function listenToTerminals(api: ApiClient): void {
  if (listening) return
  const offOutput = api.on('terminals.output', ({ terminalId, seq, data }) => {
    const session = byTerminalId.get(terminalId)
    if (!session) return
    if (seq !== session.seq + 1) session.terminal.write('\r\n[output lost]\r\n')
    session.seq = seq
    session.terminal.write(decode(data))
  })
  listening = () => offOutput()
}

/** A new emulator for a tab; its keystrokes go to main once the terminal is open there. */
export function createSession(api: ApiClient, key: string): Terminal {
  const terminal = new Terminal({ cursorBlink: true, convertEol: false, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13, scrollback: 5000 })
  const fit = new FitAddon()
  terminal.loadAddon(fit)
  const session: Session = { terminal, fit, terminalId: null, seq: 0 }
  sessions.set(key, session)
  terminal.onData((data) => {
    if (session.terminalId) void api.call('terminals.input', { terminalId: session.terminalId, data }).catch(() => undefined)
  })
  terminal.onResize(({ cols, rows }) => {
    if (session.terminalId) void api.call('terminals.resize', { terminalId: session.terminalId, cols, rows }).catch(() => undefined)
  })
  return terminal
}

export function bindSession(key: string, terminalId: string): void {
  const session = sessions.get(key)
  if (!session) return
  session.terminalId = terminalId
  byTerminalId.set(terminalId, session)
}

/** Show the tab's emulator in `parent` (the first time it opens there; later it moves there) and fit it. */
export function attachSession(key: string, parent: HTMLElement): { cols: number; rows: number } | null {
  const session = sessions.get(key)
  if (!session) return null
  if (!session.terminal.element) session.terminal.open(parent)
  else if (session.terminal.element.parentElement !== parent) parent.appendChild(session.terminal.element)
  fitSession(key)
  session.terminal.focus()
  return { cols: session.terminal.cols, rows: session.terminal.rows }
}

export function fitSession(key: string): void {
  const session = sessions.get(key)
  if (!session?.terminal.element) return
  try {
    session.fit.fit()
  } catch {
    // not laid out yet (a hidden tab): the next attach fits it
  }
}

/** The emulator's size in cells (what main's pty gets). */
export function sessionSize(key: string): { cols: number; rows: number } | null {
  const session = sessions.get(key)
  return session ? { cols: session.terminal.cols, rows: session.terminal.rows } : null
}

export function disposeSession(key: string): void {
  const session = sessions.get(key)
  if (!session) return
  sessions.delete(key)
  if (session.terminalId) byTerminalId.delete(session.terminalId)
  session.terminal.dispose()
}
