import { describe, expect, it } from 'vitest'
import { TimeRing } from './ring'

describe('TimeRing', () => {
  it('keeps the last span of samples', () => {
    const ring = new TimeRing<{ at: number }>(10_000)
    for (let at = 0; at <= 30_000; at += 2_000) ring.push({ at })
    expect(ring.values().map((v) => v.at)).toEqual([20_000, 22_000, 24_000, 26_000, 28_000, 30_000])
    expect(ring.lastAt).toBe(30_000)
  })
  it('stays bounded over a long run (15 minutes at 2 s: 451 points)', () => {
    const ring = new TimeRing<{ at: number }>(15 * 60_000)
    for (let at = 0; at <= 3 * 3600_000; at += 2_000) ring.push({ at })
    expect(ring.size).toBe(451)
    expect(ring.values()[0].at).toBe(3 * 3600_000 - 15 * 60_000)
  })
  it('empties when pruned past its newest', () => {
    const ring = new TimeRing<{ at: number }>(1_000)
    ring.push({ at: 0 })
    ring.prune(5_000)
    expect(ring.size).toBe(0)
    expect(ring.lastAt).toBe(-Infinity)
  })
})
