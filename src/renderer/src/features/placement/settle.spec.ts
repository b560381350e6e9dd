import { describe, expect, it } from 'vitest'
import { settleDelay } from './settle'

describe('settleDelay', () => {
  it.each([
    ['a first change waits the full delay', 1000, 1000, 300],
    ['changes keep coming: still the delay while under the ceiling', 1000, 1500, 300],
    ['close to the ceiling: only what is left', 1000, 1900, 100],
    ['past the ceiling: now', 1000, 2500, 0]
  ])('%s', (_name, first, now, expected) => {
    expect(settleDelay(first, now, 300, 1000)).toBe(expected)
  })
})
