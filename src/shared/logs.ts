import { z } from 'zod'
import { shellQuote } from './docker-cli'
import { phraseSchema } from './phrase'

/**
 * Streaming service logs: a session reads `GET /services/{id}/logs` for one or several services
 * (or a whole stack), merges them by time and pushes batches of lines as `logs.batch`. The
 * renderer acknowledges each batch it has applied; main stops reading the engine while too many
 * batches wait for an acknowledgement, so a chatty service cannot flood the UI or main's memory.
 */

/** `--since`: a Unix timestamp, an RFC 3339 date, or a duration back from now (`10m`, `1h30m`). */
export const logSinceSchema = z
  .string()
  .trim()
  .max(64)
  .regex(
    /^(\d+(\.\d+)?|\d{4}-\d{2}-\d{2}([T ][0-9:.]+)?(Z|[+-]\d{2}:?\d{2})?|(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+)$/,
    'must be a Unix timestamp, an RFC 3339 date (2026-11-26T17:00:00Z) or a duration such as 10m or 1h30m'
  )

export const logTargetSchema = z.union([
  z.object({ serviceIds: z.array(z.string().min(1).max(200)).min(1, 'choose at least one service').max(100) }).strict(),
  z.object({ stack: z.string().min(1).max(200) }).strict()
])
export type LogTarget = z.infer<typeof logTargetSchema>

export const logStartInputSchema = z.object({
  clusterId: z.string().min(1),
  target: logTargetSchema,
  follow: z.boolean().default(true),
  /** Lines per task from the end (`--tail`); null for all. */
  tail: z.number().int().min(0).max(1_000_000).nullable().default(200),
  since: logSinceSchema.nullable().default(null)
})
export type LogStartInput = z.input<typeof logStartInputSchema>

/** Who wrote a line: enough for the `service.slot` (or `service.node` for global services) prefix. */
export const logTaskSchema = z.object({
  serviceId: z.string(),
  service: z.string(),
  /** Replicated services have slots; global services have one task per node and none. */
  slot: z.number().int().nullable(),
  nodeId: z.string(),
  /** The node's hostname when the mirror knows it, else its id. */
  node: z.string()
})
export type LogTask = z.infer<typeof logTaskSchema>

/**
 * One line. `skipped` lines are markers main inserts where it had to drop lines (never silently);
 * `notice` lines say a service's stream ended or failed.
 */
export const logLineSchema = z.object({
  /** RFC 3339 with nanoseconds, as the engine stamps it. */
  ts: z.string(),
  stream: z.enum(['stdout', 'stderr', 'skipped', 'notice']),
  /** Task id (key of `tasks`); empty for markers. */
  task: z.string(),
  text: z.string(),
  /** A `notice` line's sentence as a phrase (its `text` is the English). */
  said: phraseSchema.optional(),
  /** How many lines a `skipped` marker stands for. */
  count: z.number().int().optional()
})
export type LogLine = z.infer<typeof logLineSchema>

export const logBatchSchema = z.object({
  sessionId: z.string(),
  /** 1, 2, 3... per session; acknowledge with `logs.ack`. */
  seq: z.number().int(),
  lines: z.array(logLineSchema),
  /** The task of every line of this batch. */
  tasks: z.record(z.string(), logTaskSchema),
  /** True when main stopped reading the engine because batches wait for acknowledgement. */
  paused: z.boolean(),
  /** Every stream ended (not following, or the services are gone): no more batches. */
  ended: z.boolean()
})
export type LogBatch = z.infer<typeof logBatchSchema>

export const logSessionInfoSchema = z.object({
  sessionId: z.string(),
  services: z.array(z.object({ id: z.string(), name: z.string(), tty: z.boolean() })),
  /** The equivalent `docker service logs` command(s), one per service. */
  cli: z.string()
})
export type LogSessionInfo = z.infer<typeof logSessionInfoSchema>

export const logsProcedures = {
  /** Start streaming; batches arrive as `logs.batch` events carrying the returned session id. */
  'logs.start': { input: logStartInputSchema, output: logSessionInfoSchema },
  /** The renderer applied every batch up to `seq`: main may send more, and resumes a paused stream. */
  'logs.ack': {
    input: z.object({ sessionId: z.string().min(1).max(100), seq: z.number().int().min(0) }),
    output: z.object({ ok: z.boolean() })
  },
  'logs.stop': { input: z.object({ sessionId: z.string().min(1).max(100) }), output: z.object({ stopped: z.boolean() }) }
} as const

export const logsEvents = {
  /** Lines of a log session, merged by time, at most one batch per ~75 ms. */
  'logs.batch': logBatchSchema
} as const

/** The `docker service logs` command(s) that read the same lines (the CLI takes one service at a time). Pure. */
export function serviceLogsCommand(
  serviceNames: readonly string[],
  options: { follow: boolean; tail: number | null; since: string | null; timestamps?: boolean }
): string {
  const flags = [
    options.follow ? '--follow' : '',
    options.tail !== null ? `--tail ${options.tail}` : '',
    options.since ? `--since ${shellQuote(options.since)}` : '',
    options.timestamps ? '--timestamps' : ''
  ].filter(Boolean)
  return serviceNames.map((name) => ['docker service logs', ...flags, shellQuote(name)].join(' ')).join('\n')
}

/** The viewer's short prefix: `service.slot`, or `service.hostname` for a global service's task. Pure. */
export function shortPrefix(task: LogTask | undefined, taskId: string): string {
  if (!task) return taskId.slice(0, 12)
  return `${task.service}.${task.slot !== null ? task.slot : task.node}`
}

/** The docker CLI's prefix, `service.slot.taskid@node` (global services: `service.nodeid.taskid@node`), task id cut to 12. Pure. */
export function cliPrefix(task: LogTask | undefined, taskId: string): string {
  if (!task) return taskId.slice(0, 12)
  return `${task.service}.${task.slot !== null ? task.slot : task.nodeId}.${taskId.slice(0, 12)}@${task.node}`
}
