/**
 * How many Engine API calls went out, per call name (`listServices`, `info`, ...). Every call of
 * the gateway counts itself when it leaves, so a benchmark can show that a snapshot's calls do
 * not grow with the cluster, or how many calls a deploy makes.
 */
export class ApiCallCounter {
  private readonly counts = new Map<string, number>()

  count(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1)
  }

  /** All calls so far. */
  get calls(): number {
    let total = 0
    for (const n of this.counts.values()) total += n
    return total
  }

  /** Calls of one name so far. */
  of(name: string): number {
    return this.counts.get(name) ?? 0
  }

  byName(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)))
  }
}
