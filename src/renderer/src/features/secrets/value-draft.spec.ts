import { describe, expect, it } from 'vitest'
import { MAX_VALUE_BYTES } from '../../../../shared/secrets'
import { blankValueDraft, patchValue, valueProblem, valueSourceOf, withoutValue, type ValueDraft } from './value-draft'

const draft = (patch: Partial<ValueDraft>): ValueDraft => ({ ...blankValueDraft(), ...patch })

describe('value drafts', () => {
  it.each([
    ['empty text', draft({ text: '' }), 'secret', { code: 'empty' }, null],
    ['typed text', draft({ text: 's3cret' }), 'secret', null, { text: 's3cret' }],
    ['a secret over 500 KiB', draft({ text: 'x'.repeat(MAX_VALUE_BYTES.secret + 1) }), 'secret', { code: 'tooLarge', max: 512000 }, null],
    ['the same text as a config (1000 KiB allowed)', draft({ text: 'x'.repeat(MAX_VALUE_BYTES.secret + 1) }), 'config', null, { text: 'x'.repeat(MAX_VALUE_BYTES.secret + 1) }],
    // 'é' is two bytes in UTF-8: the engine counts bytes, not characters
    ['multi-byte characters counted as bytes', draft({ text: 'é'.repeat(MAX_VALUE_BYTES.secret / 2 + 1) }), 'secret', { code: 'tooLarge', max: 512000 }, null],
    ['no path', draft({ mode: 'file', path: '  ' }), 'secret', { code: 'noPath' }, null],
    ['a path, trimmed', draft({ mode: 'file', path: ' /tmp/v.txt ' }), 'secret', null, { path: '/tmp/v.txt' }],
    ['generate 32 hex', draft({ mode: 'generate', length: 32, alphabet: 'hex' }), 'secret', null, { generate: { length: 32, alphabet: 'hex' } }],
    ['generate too short', draft({ mode: 'generate', length: 7 }), 'secret', { code: 'length', min: 8, max: 4096 }, null],
    ['generate too long', draft({ mode: 'generate', length: 4097 }), 'secret', { code: 'length', min: 8, max: 4096 }, null],
    ['generate a fraction', draft({ mode: 'generate', length: 12.5 }), 'secret', { code: 'length', min: 8, max: 4096 }, null],
    // a typed value left behind when switching to generate is not sent
    ['generate with leftover text', draft({ mode: 'generate', text: 'typed', length: 16 }), 'secret', null, { generate: { length: 16, alphabet: 'alphanumeric' } }]
  ] as const)('%s', (_, value, kind, problem, source) => {
    expect(valueProblem(value, kind)).toEqual(problem)
    expect(valueSourceOf(value, kind)).toEqual(source)
  })

  it('withoutValue drops only the typed text', () => {
    expect(withoutValue(draft({ text: 'x', path: '/p', mode: 'file' }))).toEqual(draft({ text: '', path: '/p', mode: 'file' }))
  })
})

describe('patchValue', () => {
  it.each([
    ['typing keeps the text', draft({ text: 'a' }), { text: 'ab' }, draft({ text: 'ab' })],
    ['switching to a file drops the typed text', draft({ text: 'secret' }), { mode: 'file' as const }, draft({ mode: 'file', text: '' })],
    ['switching to generate drops it too', draft({ text: 'secret' }), { mode: 'generate' as const }, draft({ mode: 'generate', text: '' })],
    ['back to text starts empty', draft({ mode: 'file', path: '/p' }), { mode: 'text' as const }, draft({ mode: 'text', path: '/p' })]
  ])('%s', (_, before, patch, after) => {
    expect(patchValue(before, patch)).toEqual(after)
  })
})
