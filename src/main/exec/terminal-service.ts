// Terminals of the app: each one a TTY exec into a task (task-exec.ts), its output pushed as
// `terminals.output` events in small batches, its keystrokes and size taken as procedures, its
// end as `terminals.exit` with the exit code (or why it ended). A terminal ends with the client
// that opened it (the window, the WebSocket) and with its cluster.
import { randomUUID } from 'node:crypto'
import type { Snapshot } from '../../shared/domain'
import { toAppError } from '../docker/engine-errors'
import type { ClientLink } from '../rpc/dispatcher'
import type { EventBus } from '../rpc/event-bus'
import type { NodeConnections } from '../node-access/node-connections'
import { openTaskExec, runningTaskOf, type TaskExec } from './task-exec'
import type { TerminalInfo } from '../../shared/node-access'
import { phrase } from '../../shared/phrase'
import type { AppError } from '../../shared/errors'
import { refusal } from '../i18n/words'

/**
 * Output is sent once the chunks of one turn of the event loop are in (an echo goes at once; a
 * burst of output becomes few events), or sooner once this many bytes wait.
 */
const FLUSH_BYTES = 32 * 1024

interface Terminal {
  clusterId: string
  exec: TaskExec
  seq: number
  pending: Buffer[]
  pendingBytes: number
  timer: NodeJS.Immediate | null
  ended: boolean
  detach: () => void
}

export interface TerminalServiceDeps {
  bus: EventBus
  nodes: NodeConnections
  /** The cluster's whole model, tasks included. */
  snapshot(clusterId: string): Promise<Snapshot>
}

/**
 * Why a terminal ended, when its exit code does not say it all. Pure. No code: the node or its
 * connection went away. 126 from the shell probe: the engine could not run /bin/sh — the image has
 * no shell (a distroless or scratch image), so only a command of its own can run there.
 */
export function endReason(code: number | null, command: string[] | null, node: string): AppError | null {
  if (code === null) return refusal('CONNECTION_LOST', phrase('terminals.said.ended-unknown', { node }))
  if (code === 126 && command === null) return refusal('CONFLICT', phrase('terminals.said.no-shell', { node }))
  return null
}

export function createTerminalService(deps: TerminalServiceDeps) {
  const terminals = new Map<string, Terminal>()

  function flush(id: string, terminal: Terminal): void {
    if (terminal.timer) clearImmediate(terminal.timer)
    terminal.timer = null
    if (terminal.pendingBytes === 0) return
    const data = Buffer.concat(terminal.pending).toString('base64')
    terminal.pending = []
    terminal.pendingBytes = 0
    deps.bus.publish('terminals.output', { terminalId: id, seq: ++terminal.seq, data })
  }

  function end(id: string, exitCode: number | null, reason: unknown): void {
    const terminal = terminals.get(id)
    if (!terminal || terminal.ended) return
    terminal.ended = true
    flush(id, terminal)
    terminals.delete(id)
    terminal.detach()
    terminal.exec.close()
    const error = reason ? toAppError(reason).toData() : null
    deps.bus.publish('terminals.exit', { terminalId: id, exitCode, reason: error ? { code: error.code, message: error.message, ...(error.said ? { said: error.said } : {}) } : null })
  }

  return {
    async open(input: { clusterId: string; taskId: string; command: string[] | null; cols: number; rows: number }, client?: ClientLink): Promise<TerminalInfo> {
      const snapshot = await deps.snapshot(input.clusterId)
      const task = runningTaskOf(snapshot, input.taskId)
      const exec = await openTaskExec(deps.nodes, snapshot, { clusterId: input.clusterId, taskId: task.id, command: input.command, tty: true, stdin: true, cols: input.cols, rows: input.rows })
      const id = randomUUID()
      const offClient = client?.onClose(() => end(id, null, refusal('UNAVAILABLE', phrase('terminals.said.client-left'))))
      const terminal: Terminal = { clusterId: input.clusterId, exec, seq: 0, pending: [], pendingBytes: 0, timer: null, ended: false, detach: () => offClient?.() }
      terminals.set(id, terminal)
      exec.stream.on('data', (chunk: Buffer) => {
        terminal.pending.push(chunk)
        terminal.pendingBytes += chunk.length
        if (terminal.pendingBytes >= FLUSH_BYTES) flush(id, terminal)
        else terminal.timer ??= setImmediate(() => flush(id, terminal))
      })
      let streamError: unknown = null
      exec.stream.on('error', (error) => {
        streamError = error
      })
      exec.stream.on('close', () => {
        if (streamError) return end(id, null, streamError)
        // The process ended: the engine knows its exit code (an SSH link that dropped does not).
        // asking for the exit code can fail too (the engine went away): the terminal ends all the same
        exec.exitCode().then(
          (code) => end(id, code, endReason(code, input.command, exec.node)),
          (error: unknown) => end(id, null, error)
        )
      })
      const service = snapshot.services.find((s) => s.id === task.serviceId)?.name ?? task.serviceId
      return {
        terminalId: id,
        taskId: task.id,
        task: task.slot !== null ? `${service}.${task.slot}` : `${service} @ ${exec.node}`,
        node: exec.node,
        containerId: exec.containerId,
        command: input.command,
        cli: exec.cli
      }
    },

    input(terminalId: string, data: string): boolean {
      const terminal = terminals.get(terminalId)
      if (!terminal || terminal.ended) return false
      terminal.exec.stream.write(data)
      return true
    },

    async resize(terminalId: string, cols: number, rows: number): Promise<boolean> {
      const terminal = terminals.get(terminalId)
      if (!terminal || terminal.ended) return false
      await terminal.exec.resize(cols, rows)
      return true
    },

    close(terminalId: string): boolean {
      if (!terminals.has(terminalId)) return false
      end(terminalId, null, null)
      return true
    },

    /** Every terminal of a cluster (it closed), or all of them. */
    closeAll(clusterId?: string): void {
      for (const [id, terminal] of [...terminals]) if (clusterId === undefined || terminal.clusterId === clusterId) end(id, null, null)
    },

    get count(): number {
      return terminals.size
    }
  }
}

export type TerminalService = ReturnType<typeof createTerminalService>
