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
 * The lines delivered in the last `marginMs` before the newest one (every line a resumed stream
 * can send again), and that newest timestamp. Kept small: older lines are forgotten as newer ones
 * come, and never more than `cap` keys (a flood in two seconds: the oldest go first). It also
 * keeps each task's first delivered line: what a task wrote before it was cut off by the session's
 * `tail` or `since`, and the resumed stream's margin sends, was never part of the session.
 */
export class SeamWindow {
  private readonly keys = new Map<string, bigint>()
  private readonly firstByTask = new Map<string, bigint>()
  private newestTs: string | null = null
  private newestNanos = 0n

  constructor(
    private readonly marginMs: number = SEAM_MARGIN_MS,
    private readonly cap: number = 20_000
  ) {}

  /** The newest delivered line's timestamp (null before the first line). */
  get newest(): string | null {
    return this.newestTs
  }

  get size(): number {
    return this.keys.size
  }

  remember(lines: readonly RawLogLine[]): void {
    for (const line of lines) {
      const nanos = timestampNanos(line.ts)
      if (nanos === null) continue
      this.keys.set(lineKey(line), nanos)
      if (!this.firstByTask.has(line.taskId) && this.firstByTask.size < this.cap) this.firstByTask.set(line.taskId, nanos)
      if (nanos > this.newestNanos) {
        this.newestNanos = nanos
        this.newestTs = line.ts
      }
    }
    const horizon = this.newestNanos - BigInt(this.marginMs) * 1_000_000n
    // in delivery order, which is nearly time order: the few lines out of it go on a later call
    for (const [key, nanos] of this.keys) {
      if (nanos >= horizon) break
      this.keys.delete(key)
    }
    for (const key of this.keys.keys()) {
      if (this.keys.size <= this.cap) break
      this.keys.delete(key)
    }
  }

  /** The lines not delivered yet, in their order (a line repeated within the batch is kept once too), without those from before the session. */
  unseen(lines: readonly RawLogLine[]): RawLogLine[] {
    return dropDelivered(lines, this.keys).filter((line) => {
      const first = this.firstByTask.get(line.taskId)
      const nanos = timestampNanos(line.ts)
      return first === undefined || nanos === null || nanos >= first
    })
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
