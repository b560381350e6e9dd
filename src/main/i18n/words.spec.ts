import { describe, expect, it } from 'vitest'
import { phrase } from '../../shared/phrase'
import { english } from './english'
import { refusal, sayingError, sentenceOnRead, spreadWords, withMessage, withWords, wordOnRead, worded } from './words'

// Values built in cores carry their phrase; their English comes when an edge reads them, and
// must then be exactly the plain data it used to be (JSON byte for byte, IPC clones, spreads).
describe('worded on read', () => {
  const said = phrase('services.said.not-found', { service: 'abc123' })
  const sentence = english(said)

  it('keeps the message where it was among the keys', () => {
    expect(JSON.stringify(withWords({ path: 'name', message: '', said }))).toBe(JSON.stringify({ path: 'name', message: sentence, said }))
    expect(JSON.stringify(worded(said))).toBe(JSON.stringify({ message: sentence, said }))
  })

  it('reads like plain data when spread or cloned', () => {
    const value = withWords({ path: 'name', message: '', said })
    expect({ ...value }).toEqual({ path: 'name', message: sentence, said })
    expect(structuredClone(value)).toEqual({ path: 'name', message: sentence, said })
  })

  it('stays worded on read through spreadWords, keys in order', () => {
    let read = 0
    const value = wordOnRead({ rotationId: 'r', message: '', said }, 'message', phrase('services.said.not-found', { service: 'abc123' }))
    Object.defineProperty(value, 'counted', { enumerable: false, get: () => ++read })
    const spread = spreadWords(value, { requestId: null })
    expect(Object.getOwnPropertyDescriptor(spread, 'message')?.get).toBeTypeOf('function')
    expect(JSON.stringify(spread)).toBe(JSON.stringify({ rotationId: 'r', message: sentence, said, requestId: null }))
    expect(read).toBe(0)
  })

  it('withMessage and sentenceOnRead make the phrase and its words only when read', () => {
    let made = 0
    const value = withMessage({ code: 'X' }, () => (made++, said))
    expect(made).toBe(0)
    expect(JSON.stringify(value)).toBe(JSON.stringify({ code: 'X', message: sentence }))
    expect(structuredClone(value)).toEqual({ code: 'X', message: sentence })
    expect(made).toBe(1)
    const later = sentenceOnRead(said)
    expect(later()).toBe(sentence)
    expect(sentenceOnRead(null)()).toBeNull()
  })

  it('lets a writer replace the sentence', () => {
    const value = worded(said)
    value.message = 'something else'
    expect(value).toEqual({ message: 'something else', said })
  })

  it('words an error when its message is read: refusals and our own Error subclasses', () => {
    const error = refusal('NOT_FOUND', said)
    expect(error.message).toBe(sentence)
    expect(error.toData()).toEqual({ code: 'NOT_FOUND', message: sentence, said })
    expect(String(error)).toBe(`AppError: ${sentence}`)
    class Timeout extends Error {
      constructor() {
        super()
        sayingError(this, said)
      }
    }
    expect(new Timeout().message).toBe(sentence)
    expect(Object.keys(new Timeout())).toEqual([])
  })
})
