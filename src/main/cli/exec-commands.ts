// `swarmdesk service exec SERVICE[.SLOT] [--task ID] [-i] [-t] -- CMD...`: `docker exec` into a
// swarm task on whichever node runs it, over that node's SSH route (through the manager when the
// node is on a private network). The exit code is the command's; without -t it is usable in
// scripts (stdout and stderr kept apart, stdin piped with -i). Parsing and the choice of the task
// are pure; the rest is plumbing between the process's stdio and the exec's stream.
import { parseArgs } from 'node:util'
import type { Snapshot } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { NodeConnections } from '../node-access/node-connections'
import { openTaskExec } from '../exec/task-exec'
import { chooseTask } from '../exec/task-choice'

export class ExecUsageError extends Error {}

export interface ExecArgs {
  target: string | null
  task: string | null
  interactive: boolean
  tty: boolean
  command: string[] | null
}

/** The words after `service exec`. Pure. */
export function parseExecArgs(argv: readonly string[]): ExecArgs {
  const dash = argv.indexOf('--')
  const own = dash >= 0 ? argv.slice(0, dash) : argv
  const after = dash >= 0 ? argv.slice(dash + 1) : []
  let parsed
  try {
    parsed = parseArgs({
      args: [...own],
      allowPositionals: true,
      options: { interactive: { type: 'boolean', short: 'i', default: false }, tty: { type: 'boolean', short: 't', default: false }, task: { type: 'string' } }
    })
  } catch (error) {
    throw new ExecUsageError((error as Error).message)
  }
  const [target, ...rest] = parsed.positionals
  const command = [...rest, ...after]
  const task = parsed.values.task ?? null
  if (!target && !task) throw new ExecUsageError('usage: swarmdesk service exec SERVICE[.SLOT] [--task ID] [-i] [-t] [-- CMD...]')
  return { target: target ?? null, task, interactive: parsed.values.interactive ?? false, tty: parsed.values.tty ?? false, command: command.length > 0 ? command : null }
}

export interface ExecIo {
  stdin: NodeJS.ReadStream
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
}

/** Runs the exec with the process's stdio; resolves with the command's exit code. */
export async function runExec(nodes: NodeConnections, clusterId: string, snapshot: Snapshot, args: ExecArgs, io: ExecIo, err: (text: string) => void): Promise<number> {
  if (args.tty && !io.stdin.isTTY) throw new AppError('INVALID_INPUT', 'the input device is not a TTY (drop -t to pipe stdin)')
  const task = chooseTask(snapshot, args)
  const size = args.tty ? { cols: io.stdout.columns || 80, rows: io.stdout.rows || 24 } : {}
  const exec = await openTaskExec(nodes, snapshot, { clusterId, taskId: task.id, command: args.command, tty: args.tty, stdin: args.interactive, ...size })
  err(`${exec.cli}\n`)
  const ended = new Promise<void>((resolve) => exec.stream.once('close', () => resolve()))
  const cleanups: Array<() => void> = []
  if (args.tty) {
    io.stdin.setRawMode?.(true)
    cleanups.push(() => io.stdin.setRawMode?.(false))
    exec.stream.pipe(io.stdout, { end: false })
    const onResize = (): void => void exec.resize(io.stdout.columns || 80, io.stdout.rows || 24).catch(() => undefined)
    io.stdout.on('resize', onResize)
    cleanups.push(() => io.stdout.off('resize', onResize))
  } else {
    exec.demux(io.stdout, io.stderr)
  }
  if (args.interactive) {
    io.stdin.pipe(exec.stream, { end: false })
    // stdin at its end: half-close, so the command sees EOF and can still answer.
    const onEnd = (): void => void exec.stream.end()
    io.stdin.once('end', onEnd)
    cleanups.push(() => {
      io.stdin.unpipe(exec.stream)
      io.stdin.off('end', onEnd)
      io.stdin.pause()
    })
  }
  await ended
  for (const cleanup of cleanups) cleanup()
  const code = await exec.exitCode()
  exec.close()
  if (code === null) throw new AppError('CONNECTION_LOST', `the exec on ${exec.node} ended without an exit code (the node or its SSH connection went away)`)
  return code
}
