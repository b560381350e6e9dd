import { describe, expect, it } from 'vitest'
import { keyProblem, valueProblem } from './label-rules'

describe('keyProblem (the rules main applies, for instant feedback)', () => {
  it.each([
    ['zone', null],
    ['com.example/tier', null],
    ['e2e.zone', null],
    ['9lives_ok-too', null],
    ['', 'keyEmpty'],
    ['k'.repeat(256), 'keyTooLong'],
    ['my zone', 'keyWhitespace'],
    ['tab\there', 'keyWhitespace'],
    ['a=b', 'keyEquals'],
    ['.hidden', 'keyPattern'],
    ['-dash', 'keyPattern'],
    ['zone!', 'keyPattern'],
    ['été', 'keyPattern']
  ])('%j -> %s', (key, code) => {
    expect(keyProblem(key)?.code ?? null).toBe(code)
  })

  it('carries the key for the message', () => {
    expect(keyProblem('my zone')).toEqual({ code: 'keyWhitespace', params: { key: 'my zone' } })
  })
})

describe('valueProblem', () => {
  it.each([
    ['east', null],
    ['', null],
    ['with spaces and = signs', null],
    ['a\nb', 'valueLineBreak'],
    ['a\rb', 'valueLineBreak'],
    ['v'.repeat(4097), 'valueTooLong']
  ])('%j -> %s', (value, code) => {
    expect(valueProblem('k', value)?.code ?? null).toBe(code)
  })
})
