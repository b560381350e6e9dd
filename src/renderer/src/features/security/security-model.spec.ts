import { describe, expect, it } from 'vitest'
import { parseExpiryDays } from './security-model'

describe('parseExpiryDays', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['30', 30],
    ['36500', 36500],
    ['0', null],
    ['36501', null],
    ['1.5', null],
    ['thirty', null]
  ])('%j -> %j', (text, days) => expect(parseExpiryDays(text)).toBe(days))
})
