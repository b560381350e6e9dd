import type { FrameStream } from './demux'

/**
 * What one log message of `GET /services/{id}/logs?timestamps=1&details=1` looks like once
 * demultiplexed: `2026-11-26T17:32:17.110270309Z com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,com.docker.swarm.task.id=… message\n`.
 * The details (moby: comma-separated key=value, values query-escaped) name the task, which is how a
 * line gets its `service.slot` prefix. A message over 16 KiB comes in several frames; only the last
 * ends with a newline. Pure.
 */

export interface LogRecord {
  /** RFC 3339, nanoseconds padded to 9 digits (like the docker CLI) so that strings sort by time. */
  ts: string
  details: Record<string, string>
  message: string
  /** False for a piece of a long message that continues in the next frame. */
  complete: boolean
}

export interface RawLogLine {
  ts: string
  stream: 'stdout' | 'stderr'
  taskId: string
  serviceId: string
  nodeId: string
  text: string
}

/** Longest line kept; the rest is cut with a visible mark, so one runaway line cannot eat memory. */
export const MAX_LINE_CHARS = 64 * 1024

const timestampPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/

/** Pads the fraction to 9 digits (and converts an offset to UTC) so that timestamps compare as strings. */
export function normaliseTimestamp(raw: string): string | null {
  const match = timestampPattern.exec(raw)
  if (!match) return null
  const [, seconds, fraction = '', zone] = match
  const nanos = fraction.padEnd(9, '0')
  if (zone === 'Z') return `${seconds}.${nanos}Z`
  const utc = new Date(`${seconds}${zone}`)
  if (Number.isNaN(utc.getTime())) return null
  return `${utc.toISOString().slice(0, 19)}.${nanos}Z`
}

// Every line of a task carries the same details: parse each distinct string once.
const detailsCache = new Map<string, Record<string, string>>()

export function parseDetails(raw: string): Record<string, string> {
  const cached = detailsCache.get(raw)
  if (cached) return cached
  if (detailsCache.size > 1000) detailsCache.clear()
  const details = parseDetailsUncached(raw)
  detailsCache.set(raw, details)
  return details
}

function parseDetailsUncached(raw: string): Record<string, string> {
  const details: Record<string, string> = {}
  if (!raw) return details
  for (const pair of raw.split(',')) {
    const eq = pair.indexOf('=')
    if (eq <= 0) continue
    const decode = (s: string): string => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '))
      } catch {
        return s
      }
    }
    details[decode(pair.slice(0, eq))] = decode(pair.slice(eq + 1))
  }
  return details
}

/** One message as the engine formats it with timestamps and details; null when it is not in that form. */
export function parseLogRecord(payload: string): LogRecord | null {
  const firstSpace = payload.indexOf(' ')
  if (firstSpace < 0) return null
  const ts = normaliseTimestamp(payload.slice(0, firstSpace))
  if (!ts) return null
  const rest = payload.slice(firstSpace + 1)
  const secondSpace = rest.indexOf(' ')
  const detailsText = secondSpace < 0 ? rest.replace(/\r?\n$/, '') : rest.slice(0, secondSpace)
  let message = secondSpace < 0 ? '' : rest.slice(secondSpace + 1)
  const complete = secondSpace < 0 || message.endsWith('\n')
  if (message.endsWith('\n')) message = message.slice(0, message.endsWith('\r\n') ? -2 : -1)
  return { ts, details: parseDetails(detailsText), message, complete }
}

export const TASK_ID_KEY = 'com.docker.swarm.task.id'
export const SERVICE_ID_KEY = 'com.docker.swarm.service.id'
export const NODE_ID_KEY = 'com.docker.swarm.node.id'

function capped(text: string): string {
  return text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)} …[${text.length - MAX_LINE_CHARS} characters cut]` : text
}

/**
 * Turns demultiplexed payloads into whole lines: joins the pieces of long messages (per task and
 * stream, since several tasks interleave), and attributes each line to its task.
 */
export class LineAssembler {
  private readonly partial = new Map<string, { first: LogRecord; text: string }>()

  constructor(private readonly serviceId: string) {}

  push(stream: FrameStream, payload: string): RawLogLine[] {
    const record = parseLogRecord(payload)
    const out: 'stdout' | 'stderr' = stream === 'stderr' ? 'stderr' : 'stdout'
    if (!record) {
      // Not in the engine's format (should not happen with timestamps=1): keep the text, never drop it.
      return [{ ts: '', stream: out, taskId: '', serviceId: this.serviceId, nodeId: '', text: capped(payload.replace(/\r?\n$/, '')) }]
    }
    const taskId = record.details[TASK_ID_KEY] ?? ''
    const key = `${taskId}\u0000${out}`
    const started = this.partial.get(key)
    if (!record.complete) {
      if (started) {
        if (started.text.length <= MAX_LINE_CHARS) started.text += record.message
      } else this.partial.set(key, { first: record, text: record.message })
      return []
    }
    this.partial.delete(key)
    const first = started?.first ?? record
    const text = started ? started.text + record.message : record.message
    return [
      {
        ts: first.ts,
        stream: out,
        taskId,
        serviceId: first.details[SERVICE_ID_KEY] ?? this.serviceId,
        nodeId: first.details[NODE_ID_KEY] ?? '',
        text: capped(text)
      }
    ]
  }

  /** Whatever was left unfinished when the stream ended, so that nothing is lost. */
  flush(): RawLogLine[] {
    const lines = [...this.partial.entries()].map(([key, { first, text }]) => ({
      ts: first.ts,
      stream: key.endsWith('stderr') ? ('stderr' as const) : ('stdout' as const),
      taskId: first.details[TASK_ID_KEY] ?? '',
      serviceId: first.details[SERVICE_ID_KEY] ?? this.serviceId,
      nodeId: first.details[NODE_ID_KEY] ?? '',
      text: capped(text)
    }))
    this.partial.clear()
    return lines
  }
}

/**
 * A service with a TTY is not multiplexed: its log stream is raw bytes, one message per line. Splits
 * the text into lines, keeping an unfinished one for the next chunk.
 */
export class RawLineSplitter {
  private rest = ''

  push(text: string): string[] {
    const parts = (this.rest + text).split('\n')
    this.rest = parts.pop() ?? ''
    return parts.map((line) => `${line}\n`)
  }

  flush(): string[] {
    const last = this.rest
    this.rest = ''
    return last ? [last] : []
  }
}
