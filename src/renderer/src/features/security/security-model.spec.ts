import { describe, expect, it } from 'vitest'
import { draftOf, parseExpiryDays, settingsChange } from './security-model'

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

describe('settingsChange', () => {
  const current = { taskHistoryLimit: 5, snapshotInterval: 10000, dispatcherHeartbeatSeconds: 5, certExpirySeconds: 90 * 86_400 }
  it('gives only the fields that differ, in the contract\u2019s units', () => {
    expect(settingsChange(current, draftOf(current))).toEqual({ change: {}, invalid: [] })
    expect(settingsChange(current, { ...draftOf(current), taskHistoryLimit: '10', certExpiryDays: '30' })).toEqual({
      change: { taskHistoryLimit: 10, certExpirySeconds: 30 * 86_400 },
      invalid: []
    })
  })
  it.each([
    ['taskHistoryLimit', '-1'],
    ['snapshotInterval', '0'],
    ['dispatcherHeartbeatSeconds', '1.5'],
    ['certExpiryDays', '']
  ] as const)('%s = %j is not valid', (field, text) => {
    expect(settingsChange(current, { ...draftOf(current), [field]: text }).invalid).toEqual([field])
  })
})
