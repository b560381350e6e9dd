/**
 * When the mirror re-reads the services it follows (and their tasks: the Engine sends no task
 * events). Each service keeps its own cadence — fast just after an event touched it, then slower
 * — so one read takes only the services that are due. Pure: no timers, the caller passes the time.
 *
 * An event never postpones a read already due: under a steady stream of events (a storm of CLI
 * updates) a single cadence restarted by every event would never reach its first step, and task
 * changes no event announces (a task going from assigned to running) would wait for the storm's end.
 */
export interface FollowTiming {
  /** Delay before each read after an event: fast at first, the last one repeats. */
  stepsMs: readonly number[]
  /** A service is followed at most this long after the last event that touched it. */
  limitMs: number
}

interface Followed {
  touchedAt: number
  step: number
  nextAt: number
  until: number
}

export class FollowSchedule {
  private readonly followed = new Map<string, Followed>()

  constructor(private readonly timing: FollowTiming) {}

  get size(): number {
    return this.followed.size
  }

  /** An event touched the service (or a wait began): read it at the first step, unless a read is due sooner. */
  touch(id: string, now: number): void {
    const first = now + this.timing.stepsMs[0]
    const current = this.followed.get(id)
    this.followed.set(id, { touchedAt: now, step: 0, nextAt: current ? Math.min(current.nextAt, first) : first, until: now + this.timing.limitMs })
  }

  /** The services whose read is due at `now`. */
  due(now: number): string[] {
    const ids: string[] = []
    for (const [id, entry] of this.followed) if (entry.nextAt <= now) ids.push(id)
    return ids
  }

  /** The service was read at `now`: its next read comes one step later. */
  read(id: string, now: number): void {
    const entry = this.followed.get(id)
    if (!entry) return
    const steps = this.timing.stepsMs
    entry.step++
    entry.nextAt = now + steps[Math.min(entry.step, steps.length - 1)]
  }

  /** Whether an event touched the service at or after `at` (while a read that started then was on its way: that read decides nothing for it). */
  touchedSince(id: string, at: number): boolean {
    const entry = this.followed.get(id)
    return entry !== undefined && entry.touchedAt >= at
  }

  /** Whether the time given to the service by its last event is over. */
  expired(id: string, now: number): boolean {
    const entry = this.followed.get(id)
    return !entry || now > entry.until
  }

  drop(id: string): void {
    this.followed.delete(id)
  }

  /** When the next read is due, or null when nothing is followed. */
  nextAt(): number | null {
    let next: number | null = null
    for (const entry of this.followed.values()) if (next === null || entry.nextAt < next) next = entry.nextAt
    return next
  }
}
