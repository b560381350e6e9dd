import { cliPrefix, type LogBatch, type LogLine, type LogTask } from '../../shared/logs'
import { AppError } from '../../shared/errors'
import type { LogService } from '../logs/log-service'

/**
 * `swarmdesk service logs SERVICE [SERVICE...] [--tail N] [--follow|-f] [--since TS] [--timestamps|-t]`
 * in the docker CLI's argument form and output: `name.slot.taskid@node    | line` (global services:
 * `name.nodeid.taskid@node`), stdout lines on stdout and stderr lines on stderr, several services
 * merged by time. `--json`: one JSON object per line on stdout. Ctrl-C and a closed pipe end it cleanly.
 */

export class LogUsageError extends Error {}

export interface LogCommandOptions {
  services: string[]
  tail: number | null
  follow: boolean
  since: string | null
  timestamps: boolean
  /** Said on stderr before the lines (e.g. an invalid --tail read as "all", as docker does). */
  warnings: string[]
}

/** Reads the arguments after `service logs`. Pure. */
export function parseLogArgs(positionals: string[], flags: { tail?: string; follow?: boolean; since?: string; timestamps?: boolean }): LogCommandOptions {
  if (positionals.length === 0) throw new LogUsageError('service logs needs at least one SERVICE')
  const warnings: string[] = []
  let tail: number | null = null
  if (flags.tail !== undefined && flags.tail !== 'all') {
    // The docker CLI reads a negative or non-integer --tail as "all": same here, but said.
    if (/^\d+$/.test(flags.tail)) tail = Number(flags.tail)
    else warnings.push(`--tail "${flags.tail}" is not a number of lines: showing all lines, as docker service logs does`)
  }
  return { services: positionals, tail, follow: flags.follow ?? false, since: flags.since ?? null, timestamps: flags.timestamps ?? false, warnings }
}

/** One output line (without the newline), or null for a line that goes nowhere. Pure. */
export function formatLogLine(line: LogLine, tasks: Record<string, LogTask>, timestamps: boolean): string {
  if (line.stream === 'skipped') return `swarmdesk: ${line.count ?? 0} lines skipped (the output could not keep up)`
  if (line.stream === 'notice') return `swarmdesk: ${line.text}`
  const body = `${cliPrefix(tasks[line.task], line.task)}    | ${line.text}`
  return timestamps ? `${line.ts} ${body}` : body
}

/** The `--json` form of a line: self-contained, one per output line. Pure. */
export function jsonLogLine(line: LogLine, tasks: Record<string, LogTask>): string {
  const task = tasks[line.task]
  return JSON.stringify({
    ts: line.ts,
    stream: line.stream,
    service: task?.service ?? null,
    slot: task?.slot ?? null,
    node: task?.node ?? null,
    task: line.task || null,
    text: line.text,
    ...(line.count !== undefined ? { count: line.count } : {})
  })
}

export interface LogCommandIo {
  out(text: string): void
  err(text: string): void
  /** Resolves once stdout took what was written (backpressure); batches are acknowledged after it. */
  drained(): Promise<void>
  /** Calls back on Ctrl-C, SIGTERM or a closed stdout pipe; returns the unsubscribe. */
  onInterrupt(listener: () => void): () => void
}

export async function runServiceLogs(
  ctx: { logs: LogService; clusterId(): Promise<string>; json: boolean },
  options: LogCommandOptions,
  io: LogCommandIo
): Promise<void> {
  for (const warning of options.warnings) io.err(`warning: ${warning}\n`)
  const clusterId = await ctx.clusterId()
  let sessionId: string | null = null
  let finish: () => void = () => undefined
  const done = new Promise<void>((resolve) => (finish = resolve))
  const write = (batch: LogBatch): void => {
    let out = ''
    let err = ''
    for (const line of batch.lines) {
      if (ctx.json) out += jsonLogLine(line, batch.tasks) + '\n'
      else if (line.stream === 'stdout') out += formatLogLine(line, batch.tasks, options.timestamps) + '\n'
      else {
        // Keep the two streams apart, but in order with each other.
        if (out) io.out(out)
        out = ''
        err += formatLogLine(line, batch.tasks, options.timestamps) + '\n'
        io.err(err)
        err = ''
      }
    }
    if (out) io.out(out)
    if (batch.ended) finish()
    // fire and forget: the ack waits for stdout to drain; a session that ended meanwhile has nothing to ack
    else io.drained().then(() => ctx.logs.ack(batch.sessionId, batch.seq)).catch(() => undefined)
  }
  const stopInterrupt = io.onInterrupt(() => {
    if (sessionId) ctx.logs.stop(sessionId)
    finish()
  })
  try {
    const info = await ctx.logs.open(
      { clusterId, target: { serviceIds: options.services }, follow: options.follow, tail: options.tail, since: options.since },
      write
    )
    sessionId = info.sessionId
    await done
  } catch (error) {
    throw error instanceof AppError ? error : new AppError('INTERNAL', (error as Error).message)
  } finally {
    stopInterrupt()
    if (sessionId) ctx.logs.stop(sessionId)
  }
}
