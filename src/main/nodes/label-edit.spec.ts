import { describe, expect, it } from 'vitest'
import { applyLabelChange, labelChangeCli, validateLabelChange } from './label-edit'

describe('validateLabelChange', () => {
  it.each([
    ['a plain add', { add: { zone: 'east' }, remove: [] }, []],
    ['reverse-DNS keys and slashes', { add: { 'com.example/tier': 'db' }, remove: ['old.key'] }, []],
    ['an empty value is allowed (docker node update --label-add ssd=)', { add: { ssd: '' }, remove: [] }, []],
    ['nothing to do', { add: {}, remove: [] }, ['nothing to change: add or remove at least one label']],
    ['empty key', { add: { '': 'x' }, remove: [] }, ['a label key cannot be empty']],
    ['space in key', { add: { 'my zone': 'x' }, remove: [] }, ['label key "my zone" contains whitespace; constraints could not name it']],
    ['= in key', { add: { 'a=b': 'x' }, remove: [] }, ['label key "a=b" contains "="; write key=value as two fields']],
    ['odd first character', { add: { '.hidden': 'x' }, remove: [] }, ['label key ".hidden" must start with a letter or digit and use only letters, digits, ".", "_", "-" and "/"']],
    ['line break in value', { add: { k: 'a\nb' }, remove: [] }, ['the value of "k" contains a line break']],
    ['added and removed', { add: { k: 'v' }, remove: ['k'] }, ['"k" is both added and removed']],
    ['an odd key can still be removed', { add: {}, remove: ['my odd key'] }, []],
    ['an empty key cannot be removed', { add: {}, remove: [''] }, ['a label key cannot be empty']]
  ])('%s', (_name, change, expected) => {
    expect(validateLabelChange(change).map((p) => p.message)).toEqual(expected)
  })
})

describe('applyLabelChange', () => {
  it('keeps labels the change does not name (a concurrent edit survives a re-apply)', () => {
    const readAfterSomeoneElse = { zone: 'east', theirs: '1' }
    expect(applyLabelChange(readAfterSomeoneElse, { add: { mine: '2' }, remove: [] })).toEqual({ zone: 'east', theirs: '1', mine: '2' })
  })
  it('removes and overwrites', () => {
    expect(applyLabelChange({ a: '1', b: '2' }, { add: { a: '9' }, remove: ['b', 'missing'] })).toEqual({ a: '9' })
  })
})

describe('labelChangeCli', () => {
  it('writes the docker command, quoting what the shell would split', () => {
    expect(labelChangeCli({ add: { zone: 'east', note: "it's big" }, remove: ['old'] }, 'worker1')).toBe(
      `docker node update --label-rm old --label-add zone=east --label-add 'note=it'\\''s big' worker1`
    )
  })
})
