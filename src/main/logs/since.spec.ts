import { describe, expect, it } from 'vitest'
import { parseGoDuration, sinceToEngine } from './since'

const now = Date.UTC(2026, 10, 26, 18, 0, 0)

describe('parseGoDuration', () => {
  it.each([
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['2.5s', 2500],
    ['500ms', 500],
    ['10', null],
    ['10x', null],
    ['m', null]
  ])('%s -> %s', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms)
  })
})

describe('sinceToEngine', () => {
  it.each([
    ['1764180000', '1764180000'],
    ['1764180000.5', '1764180000.5'],
    ['10m', ((now - 600_000) / 1000).toFixed(3)],
    ['2026-11-26T17:00:00Z', (Date.UTC(2026, 10, 26, 17) / 1000).toFixed(3)],
    ['2026-11-26T18:00:00+01:00', (Date.UTC(2026, 10, 26, 17) / 1000).toFixed(3)]
  ])('%s -> %s', (since, expected) => {
    expect(sinceToEngine(since, now)).toBe(expected)
  })

  it('says what it expected', () => {
    expect(() => sinceToEngine('2026-13-45Tnope', now)).toThrow(/Unix timestamp, an RFC 3339 date or a duration/)
  })
})
