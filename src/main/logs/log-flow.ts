/**
 * Flow control between the engine's log streams, main and one consumer (the renderer or the CLI).
 * Pure state machine, no timers and no I/O; the session drives it:
 *  - lines from the engine are `push`ed into a bounded queue;
 *  - every tick the session `take`s one batch, but only while fewer than `maxUnacked` batches wait
 *    for the consumer's `ack`: a slow or frozen consumer stops receiving;
 *  - when the queue reaches `highWater` lines, `reading` turns false and the session pauses the
 *    engine streams (TCP then pushes back all the way to the engine); it turns true again once
 *    acknowledgements have drained the queue down to `lowWater`;
 *  - lines arriving beyond `maxBuffered` (data already in flight when the stream paused) push the
 *    oldest queued lines out, and a marker takes their place: the consumer is told how many lines
 *    it did not get, never silently.
 */

export interface FlowLimits {
  maxUnacked: number
  maxBatchLines: number
  highWater: number
  lowWater: number
  maxBuffered: number
}

export const defaultFlowLimits: FlowLimits = {
  maxUnacked: 4,
  maxBatchLines: 2_000,
  highWater: 10_000,
  lowWater: 2_500,
  maxBuffered: 40_000
}

export type FlowItem<T> = { kind: 'line'; line: T } | { kind: 'skipped'; count: number }

export class LogFlow<T> {
  private queue: T[] = []
  private head = 0
  /** Lines dropped just before queue[head] and not yet reported. */
  private skippedBeforeHead = 0
  private lastSent = 0
  private lastAcked = 0
  reading = true
  /** Lines dropped over the whole session, for the session's own accounting. */
  droppedTotal = 0

  constructor(readonly limits: FlowLimits = defaultFlowLimits) {}

  get buffered(): number {
    return this.queue.length - this.head
  }

  get unacked(): number {
    return this.lastSent - this.lastAcked
  }

  push(lines: readonly T[]): void {
    for (const line of lines) this.queue.push(line)
    const over = this.buffered - this.limits.maxBuffered
    if (over > 0) {
      this.head += over
      this.skippedBeforeHead += over
      this.droppedTotal += over
    }
    this.compact()
    if (this.buffered >= this.limits.highWater) this.reading = false
  }

  /** The next batch to send (its sequence number and items), or null when nothing is due or the consumer is behind. */
  take(): { seq: number; items: FlowItem<T>[] } | null {
    if (this.unacked >= this.limits.maxUnacked) return null
    if (this.buffered === 0 && this.skippedBeforeHead === 0) return null
    const items: FlowItem<T>[] = []
    if (this.skippedBeforeHead > 0) {
      items.push({ kind: 'skipped', count: this.skippedBeforeHead })
      this.skippedBeforeHead = 0
    }
    const end = Math.min(this.queue.length, this.head + this.limits.maxBatchLines)
    for (let i = this.head; i < end; i++) items.push({ kind: 'line', line: this.queue[i] })
    this.head = end
    this.compact()
    this.lastSent += 1
    this.updateReading()
    return { seq: this.lastSent, items }
  }

  /** Sequence number of the next batch (for a final empty "ended" batch). */
  nextSeq(): number {
    this.lastSent += 1
    return this.lastSent
  }

  /** The consumer applied every batch up to `seq` (acknowledgements are cumulative; stale ones are ignored). */
  ack(seq: number): void {
    if (seq > this.lastAcked && seq <= this.lastSent) this.lastAcked = seq
    this.updateReading()
  }

  private updateReading(): void {
    if (!this.reading && this.buffered <= this.limits.lowWater && this.unacked < this.limits.maxUnacked) this.reading = true
  }

  // Drop consumed slots now and then instead of shifting the array on every batch.
  private compact(): void {
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
  }
}
