/**
 * The last stretch of time of one series (a node's or a task's samples): appended in time order,
 * anything older than `spanMs` before the newest dropped. Bounded by time, so a faster interval
 * keeps more points but never more than the span. Pure.
 */
export class TimeRing<T extends { at: number }> {
  private items: T[] = []
  private head = 0

  constructor(private readonly spanMs: number) {}

  push(item: T): void {
    this.items.push(item)
    this.prune(item.at)
  }

  /** Drop what is older than the span before `now`. */
  prune(now: number): void {
    const oldest = now - this.spanMs
    while (this.head < this.items.length && this.items[this.head].at < oldest) this.head++
    // Compact once the dropped head outweighs what is kept: amortised O(1) per push.
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
  }

  values(): T[] {
    return this.items.slice(this.head)
  }

  get size(): number {
    return this.items.length - this.head
  }

  /** The newest sample's time, or -Infinity when empty. */
  get lastAt(): number {
    return this.size > 0 ? this.items[this.items.length - 1].at : -Infinity
  }
}
