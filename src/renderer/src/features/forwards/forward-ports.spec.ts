import { describe, expect, it } from 'vitest'
import { parsePortField } from './forward-ports'

describe('parsePortField', () => {
  it.each<[string, boolean, number | null]>([
    ['80', false, 80],
    [' 8080 ', false, 8080],
    ['', false, null],
    ['0', false, null],
    ['', true, 0],
    ['0', true, 0],
    ['65535', true, 65535],
    ['65536', true, null],
    ['8o', true, null],
    ['-1', true, null]
  ])('%j (empty allowed: %s) -> %s', (text, allowEmpty, expected) => {
    expect(parsePortField(text, allowEmpty)).toBe(expected)
  })
})
