// `docker exec` into a swarm task, wherever it runs: the task's node is reached along its route
// (node-connections.ts), and the exec runs on that node's own engine, like `ssh -J manager node
// docker exec -it CONTAINER sh`. Nothing is installed on the node.
import type { Duplex } from 'node:stream'
import type { Snapshot, Task } from '../../shared/domain'
import { phrase } from '../../shared/phrase'
import { toAppError } from '../docker/engine-errors'
import { refusal } from '../i18n/words'
import type { NodeConnections, NodeLease } from '../node-access/node-connections'
import { taskStateWord } from '../rollouts/convergence'

/** A shell the way Lens and k9s find one: bash, else ash (busybox, Alpine), else sh. */
export const SHELL_PROBE = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; elif command -v ash >/dev/null 2>&1; then exec ash; else exec sh; fi']

export interface ExecRequest {
  clusterId: string
  taskId: string
  /** null: a shell (SHELL_PROBE) */
  command: string[] | null
  tty: boolean
  stdin: boolean
  cols?: number
  rows?: number
  /** `NAME=value` pairs for the command (docker exec -e) */
  env?: string[]
}

export interface TaskExec {
  /** The hijacked stream: with a TTY, the terminal's bytes; without, the engine's multiplexed frames. */
  stream: Duplex
  tty: boolean
  node: string
  containerId: string
  /** `docker exec` as a user would type it, with the ssh hop to the node. */
  cli: string
  resize(cols: number, rows: number): Promise<void>
  /** The exit code once the stream ended (null when the engine no longer knows it). */
  exitCode(): Promise<number | null>
  /** Frames of a non-TTY exec, split. */
  demux(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void
  close(): void
}

/** The task to exec into: by ID (or a unique prefix), running, with a container on a node. Pure. */
export function runningTaskOf(snapshot: Pick<Snapshot, 'tasks' | 'services'>, taskId: string): Task {
  const matches = snapshot.tasks.filter((t) => t.id === taskId || (taskId.length >= 4 && t.id.startsWith(taskId)))
  const exact = matches.find((t) => t.id === taskId)
  const task = exact ?? (matches.length === 1 ? matches[0] : undefined)
  if (!task) throw refusal('NOT_FOUND', matches.length > 1 ? phrase('terminals.said.task-ambiguous', { task: taskId }) : phrase('terminals.said.no-task', { task: taskId }))
  const service = snapshot.services.find((s) => s.id === task.serviceId)?.name ?? task.serviceId
  const name = task.slot !== null ? `${service}.${task.slot}` : service
  if (task.state !== 'running' || !task.containerId || !task.nodeId) {
    throw refusal('CONFLICT', phrase('terminals.said.not-running', { task: name, state: taskStateWord(task.state) }))
  }
  return task
}

const shellQuoteWord = (word: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)

/** `docker exec` with the ssh hop that reaches the node (none for the local engine: `sshCommand` empty), as the user would run it. Pure. */
export function execCli(sshCommand: string, containerId: string, command: string[] | null, tty: boolean, stdin: boolean): string {
  const flags = `${stdin ? 'i' : ''}${tty ? 't' : ''}`
  const words = command ?? ['sh']
  const exec = `docker exec${flags ? ` -${flags}` : ''} ${containerId.slice(0, 12)} ${words.map(shellQuoteWord).join(' ')}`
  return sshCommand === '' ? exec : `${sshCommand}${tty ? ' -t' : ''} ${exec}`
}

export async function openTaskExec(nodes: NodeConnections, snapshot: Pick<Snapshot, 'tasks' | 'services'>, request: ExecRequest): Promise<TaskExec> {
  const task = runningTaskOf(snapshot, request.taskId)
  const containerId = task.containerId as string
  const lease: NodeLease = await nodes.lease(request.clusterId, task.nodeId as string)
  try {
    const { engine } = lease
    const created = await engine
      .execCreate(containerId, {
        Cmd: request.command ?? SHELL_PROBE,
        Tty: request.tty,
        AttachStdin: request.stdin,
        AttachStdout: true,
        AttachStderr: true,
        ...(request.tty || request.env?.length ? { Env: [...(request.tty ? ['TERM=xterm-256color'] : []), ...(request.env ?? [])] } : {})
      })
      .catch((error: unknown) => {
        const appError = toAppError(error)
        if (appError.code === 'NOT_FOUND' || /is not running/.test(appError.message)) throw refusal('CONFLICT', phrase('terminals.said.container-gone', { node: lease.node.hostname }))
        throw appError
      })
    const stream = await engine.execStart(created.id, request.tty)
    if (request.tty && request.cols && request.rows) await engine.execResize(created.id, request.cols, request.rows).catch(() => undefined)
    let closed = false
    const close = (): void => {
      if (closed) return
      closed = true
      stream.destroy()
      lease.release()
    }
    stream.once('close', () => {
      if (!closed) {
        closed = true
        lease.release()
      }
    })
    return {
      stream,
      tty: request.tty,
      node: lease.node.hostname,
      containerId,
      cli: execCli(lease.route.sshCommand, containerId, request.command, request.tty, request.stdin),
      resize: async (cols, rows) => {
        await engine.execResize(created.id, cols, rows)
      },
      exitCode: async () => {
        try {
          const state = await engine.execInspect(created.id)
          return typeof state.ExitCode === 'number' ? state.ExitCode : null
        } catch {
          return null
        }
      },
      demux: (stdout, stderr) => engine.demux(stream, stdout as never, stderr as never),
      close
    }
  } catch (error) {
    lease.release()
    throw error
  }
}
