import { describe, expect, it } from 'vitest'
import { FollowSchedule } from './follow-schedule'

const timing = { stepsMs: [250, 500, 1000, 2000], limitMs: 10_000 }

/**
 * Drives a schedule the way ClusterMirror does: each event touches its service and may bring the
 * timer forward; when the timer fires, the due services are read and the timer is armed again.
 * Returns every read: when, and which services.
 */
function simulate(events: { at: number; id: string }[], until: number, settled: (id: string, at: number) => boolean = () => false) {
  const schedule = new FollowSchedule(timing)
  const reads: { at: number; ids: string[] }[] = []
  let timerAt: number | null = null
  const arm = () => {
    const next = schedule.nextAt()
    if (next !== null && (timerAt === null || next < timerAt)) timerAt = next
  }
  const queue = [...events].sort((a, b) => a.at - b.at)
  for (;;) {
    const event = queue[0]
    if (timerAt !== null && (!event || timerAt < event.at) && timerAt <= until) {
      const now = timerAt
      timerAt = null
      const ids = schedule.due(now)
      if (ids.length) reads.push({ at: now, ids })
      for (const id of ids) {
        if (settled(id, now) || schedule.expired(id, now)) schedule.drop(id)
        else schedule.read(id, now)
      }
      arm()
    } else if (event && event.at <= until) {
      queue.shift()
      schedule.touch(event.id, event.at)
      arm()
    } else {
      return { reads, schedule }
    }
  }
}

describe('FollowSchedule', () => {
  it('reads a service fast after its event, then slower, the last step repeating', () => {
    const { reads } = simulate([{ at: 0, id: 'a' }], 6000)
    expect(reads.map((r) => r.at)).toEqual([250, 750, 1750, 3750, 5750])
  })

  it('keeps reading during a storm of events: a read at least every first step, each service within a step of its event', () => {
    // 40 services updated one every 50 ms for 2 s. One cadence restarted by every event (what the
    // mirror did before) reads nothing until 250 ms after the last event: 2,200 ms without a read.
    const events = Array.from({ length: 40 }, (_, i) => ({ at: i * 50, id: `s${i}` }))
    const { reads } = simulate(events, 2000)
    const gaps = reads.map((r, i) => r.at - (i === 0 ? 0 : reads[i - 1].at))
    expect(reads.length).toBeGreaterThan(0)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(250)
    for (const { at, id } of events.filter((e) => e.at + 250 <= 2000)) {
      expect(reads.find((r) => r.ids.includes(id))?.at, id).toBe(at + 250)
    }
  })

  it('reads only the services that are due', () => {
    const { reads } = simulate([{ at: 0, id: 'a' }, { at: 600, id: 'b' }], 1000)
    expect(reads).toEqual([{ at: 250, ids: ['a'] }, { at: 750, ids: ['a'] }, { at: 850, ids: ['b'] }])
  })

  it('a new event brings a slowed service back to the fast steps', () => {
    const { reads } = simulate([{ at: 0, id: 'a' }, { at: 3000, id: 'a' }], 4000)
    expect(reads.map((r) => r.at)).toEqual([250, 750, 1750, 3250, 3750])
  })

  it('an event never postpones a read already due sooner', () => {
    // a is due at 1,750; a's own new event at 1,700 keeps that read, which starts the fast steps again
    const { reads } = simulate([{ at: 0, id: 'a' }, { at: 1700, id: 'a' }], 2400)
    expect(reads.map((r) => r.at)).toEqual([250, 750, 1750, 2250])
  })

  it('drops a service once settled, and one followed past the limit', () => {
    const settledAt = (id: string, at: number) => id === 'a' && at >= 750
    const { reads, schedule } = simulate([{ at: 0, id: 'a' }, { at: 0, id: 'b' }], 20_000, settledAt)
    expect(reads.filter((r) => r.ids.includes('a')).map((r) => r.at)).toEqual([250, 750])
    expect(reads.filter((r) => r.ids.includes('b')).at(-1)?.at).toBeLessThanOrEqual(timing.limitMs + 2000)
    expect(schedule.size).toBe(0)
    expect(schedule.nextAt()).toBeNull()
  })

  it('tells a service touched while its read was on the way', () => {
    const schedule = new FollowSchedule(timing)
    schedule.touch('a', 0)
    expect(schedule.touchedSince('a', 250)).toBe(false)
    schedule.touch('a', 300)
    expect(schedule.touchedSince('a', 250)).toBe(true)
    expect(schedule.touchedSince('unknown', 0)).toBe(false)
  })
})
