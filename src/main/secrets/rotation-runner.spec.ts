import { describe, expect, it } from 'vitest'
import { withoutValue } from './rotation-runner'

describe('withoutValue: the before-exec output kept in the journal', () => {
  it.each<[string, string, string | null, string]>([
    ['a psql error quoting the statement', 'ERROR:  syntax error\nLINE 1: ALTER USER postgres PASSWORD \'s3cret-x\' WITH\n', 's3cret-x\n', "ERROR:  syntax error\nLINE 1: ALTER USER postgres PASSWORD '***' WITH\n"],
    ['every occurrence', 's3cret s3cret', 's3cret', '*** ***'],
    ['no value in this run (resumed after the new version was made)', 'ERROR: x', null, 'ERROR: x'],
    ['an empty value changes nothing', 'ERROR: x', '', 'ERROR: x']
  ])('%s', (_, output, value, expected) => {
    expect(withoutValue(output, value === null ? null : Buffer.from(value))).toBe(expected)
  })
})
