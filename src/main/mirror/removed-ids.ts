/**
 * Ids the engine said were removed (a `remove` event). Reads overlap: the reads made for an earlier
 * event of a service may come back after its removal was applied, and would put the service, or
 * its tasks, back into the mirror for good (no event would ever remove them again). An id is never
 * reused, so a removed id stays removed; the oldest are forgotten past a cap, long after any read
 * that could bring them back. Pure: no I/O.
 */
export class RemovedIds {
  private readonly ids = new Set<string>()

  constructor(private readonly cap = 10_000) {}

  add(id: string): void {
    this.ids.delete(id)
    this.ids.add(id)
    if (this.ids.size > this.cap) this.ids.delete(this.ids.values().next().value as string)
  }

  has(id: string): boolean {
    return this.ids.has(id)
  }
}
