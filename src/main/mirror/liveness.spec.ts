import { describe, expect, it } from 'vitest'
import { livenessStep, livenessTiming, type LivenessState } from './liveness'

// checked on time unless said otherwise: the previous check 250 ms before `now`
const state = (lastSignAt: number, lastPingAt: number, pingsInFlight: number, lastCheckAt?: number): LivenessState => ({ lastSignAt, lastPingAt, pingsInFlight, lastCheckAt: lastCheckAt ?? NaN })

describe('livenessStep', () => {
  it.each([
    ['a fresh link, a ping due', state(0, -1000, 0), 0, 'ping'],
    ['a ping sent half a second ago', state(0, 0, 1), 500, 'wait'],
    ['a second since the last ping: another, even with one in flight', state(0, 0, 1), 1000, 'ping'],
    ['three pings in flight: no fourth', state(0, 2000, 3), 3000, 'wait'],
    ['silent exactly the limit: still alive', state(0, 2000, 3), 3000, 'wait'],
    ['silent over the limit: lost', state(0, 3000, 3), 3001, 'lost'],
    ['silent over the limit with nothing in flight (a stalled timer): lost', state(0, 0, 0), 3250, 'lost'],
    ['a sign of life 2.9 s ago (a slow manager answering): alive', state(100, 2000, 2), 3000, 'ping']
  ])('%s', (_, s, now, expected) => {
    expect(livenessStep({ ...s, lastCheckAt: Number.isNaN(s.lastCheckAt) ? now - 250 : s.lastCheckAt }, now)).toBe(expected)
  })

  it('a check that comes late (main busy 3.5 s) only waits: the answers read meanwhile are judged at the next', () => {
    expect(livenessStep(state(0, 0, 1, 0), 3500)).toBe('wait')
    // the ping's answer came while main was busy: read in the same turn, before the next check
    expect(livenessStep(state(3400, 0, 0, 3500), 3750)).toBe('ping')
    // nothing came: then the silence is the engine's
    expect(livenessStep(state(0, 0, 1, 3500), 3750)).toBe('lost')
  })

  it('a slow manager (every ping answered after 2.5 s) never reaches the limit; a cut-off one is noticed within 3.25 s', () => {
    const simulate = (latencyMs: number | null, untilMs: number) => {
      const s = state(0, -Infinity, 0, 0)
      const answers: number[] = []
      for (let now = 0; now <= untilMs; now += livenessTiming.checkEveryMs) {
        for (const at of answers.filter((a) => a <= now)) {
          answers.splice(answers.indexOf(at), 1)
          s.pingsInFlight -= 1
          s.lastSignAt = at
        }
        const step = livenessStep(s, now)
        s.lastCheckAt = now
        if (step === 'lost') return now
        if (step === 'ping') {
          s.lastPingAt = now
          s.pingsInFlight += 1
          if (latencyMs !== null) answers.push(now + latencyMs)
        }
      }
      return null
    }
    expect(simulate(2500, 60_000)).toBeNull()
    // cut off at the start: the last sign is the start itself
    expect(simulate(null, 60_000)).toBe(3250)
  })
})
