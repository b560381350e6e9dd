import type { RawLogLine } from './log-parse'

/**
 * The seam of a followed log that moves to another manager (or a new connection to the same one):
 * the stream is opened again with `since` a little before the newest line already delivered, so
 * the engine sends some lines twice; those are recognised by task + timestamp + text and dropped.
 * Pure: table-tested.
 */

/**
 * How far before the newest delivered line the new stream starts. The lines of one service come
 * from several nodes through the manager's log broker, each node's in its own order: a task's
 * line stamped a moment before another task's may arrive after it. Two seconds covers that lag
 * (the broker forwards as lines are written, well under a second on a loaded lab) at the cost of
 * at most two seconds of lines sent again and dropped here.
 */
export const SEAM_MARGIN_MS = 2000

/** What identifies a line across two streams of the same logs. */
export function lineKey(line: Pick<RawLogLine, 'taskId' | 'ts' | 'text'>): string {
  return `${line.taskId}\u0000${line.ts}\u0000${line.text}`
}

/** Nanoseconds since the epoch of a normalised timestamp (`2026-12-06T12:13:23.123456789Z`); null if it is not one. */
export function timestampNanos(ts: string): bigint | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{9})Z$/.exec(ts)
  if (!match) return null
  const seconds = Date.parse(`${match[1]}Z`)
  if (Number.isNaN(seconds)) return null
  return BigInt(seconds) * 1_000_000n + BigInt(match[2])
}

/** The Engine's `since` (Unix seconds with nine decimals) `marginMs` before a normalised timestamp; null when there is none. */
export function sinceBefore(ts: string | null, marginMs: number = SEAM_MARGIN_MS): string | null {
  const nanos = ts === null ? null : timestampNanos(ts)
  if (nanos === null) return null
  const since = nanos - BigInt(marginMs) * 1_000_000n
  if (since <= 0n) return '0'
  return `${since / 1_000_000_000n}.${String(since % 1_000_000_000n).padStart(9, '0')}`
}

/**
 * What a source delivered, per task: its newest line's time (and the keys of the lines at that
 * very time), and the newest time of all. A task's lines come in its own time order, so a resumed
 * stream's line of a task older than that task's newest delivered line was delivered already (or
 * was before the session: cut by its `tail`), whatever the number of lines since; only lines at
 * the same time need their key compared. Small: one entry per task.
 */
export class SeamWindow {
  private readonly byTask = new Map<string, { nanos: bigint; keys: Set<string> }>()
  private newestTs: string | null = null
  private newestNanos = -1n

  /** The newest delivered line's timestamp (null before the first line). */
  get newest(): string | null {
    return this.newestTs
  }

  get tasks(): number {
    return this.byTask.size
  }

  remember(lines: readonly RawLogLine[]): void {
    for (const line of lines) {
      const nanos = timestampNanos(line.ts)
      if (nanos === null) continue
      const task = this.byTask.get(line.taskId)
      if (!task || nanos > task.nanos) this.byTask.set(line.taskId, { nanos, keys: new Set([lineKey(line)]) })
      else if (nanos === task.nanos) task.keys.add(lineKey(line))
      if (nanos > this.newestNanos) {
        this.newestNanos = nanos
        this.newestTs = line.ts
      }
    }
  }

  /** The lines not delivered yet, in their order (a line repeated within the batch is kept once too). */
  unseen(lines: readonly RawLogLine[]): RawLogLine[] {
    const fresh = lines.filter((line) => {
      const task = this.byTask.get(line.taskId)
      const nanos = timestampNanos(line.ts)
      if (!task || nanos === null || nanos > task.nanos) return true
      return nanos === task.nanos && !task.keys.has(lineKey(line))
    })
    return dropDelivered(fresh, new Set())
  }
}

/** `lines` without those whose key is in `delivered` (nor a second copy of one in `lines`). */
export function dropDelivered(lines: readonly RawLogLine[], delivered: ReadonlyMap<string, unknown> | ReadonlySet<string>): RawLogLine[] {
  const kept: RawLogLine[] = []
  const here = new Set<string>()
  for (const line of lines) {
    const key = lineKey(line)
    if (delivered.has(key) || here.has(key)) continue
    here.add(key)
    kept.push(line)
  }
  return kept
}
