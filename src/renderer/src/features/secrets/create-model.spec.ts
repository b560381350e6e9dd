import { describe, expect, it } from 'vitest'
import { createCliPreview, createReadiness, labelProblems, labelsOf, removeCliPreview, type CreateDraft, type LabelDraftRow } from './create-model'
import { blankValueDraft } from './value-draft'

const row = (id: string, key: string, value = ''): LabelDraftRow => ({ id, key, value })

describe('labelProblems', () => {
  it.each([
    ['the blank row is ignored', [row('1', '', '')], {}],
    ['a value without key', [row('1', '', 'v')], { 1: { code: 'keyEmpty' } }],
    ['a key with a space', [row('1', 'my key')], { 1: { code: 'keySpace', key: 'my key' } }],
    ['a key with =', [row('1', 'a=b')], { 1: { code: 'keyEquals', key: 'a=b' } }],
    ['a duplicate (after trimming)', [row('1', 'team'), row('2', ' team ')], { 2: { code: 'duplicate', key: 'team' } }],
    ['a line break in a value', [row('1', 'note', 'a\nb')], { 1: { code: 'lineBreak', key: 'note' } }],
    ['good labels', [row('1', 'team', 'core'), row('2', 'com.example.env', 'prod')], {}]
  ])('%s', (_, rows, problems) => {
    expect(labelProblems(rows)).toEqual(problems)
  })

  it('labelsOf trims keys and skips empty ones', () => {
    expect(labelsOf([row('1', ' team ', 'core'), row('2', '', '')])).toEqual({ team: 'core' })
  })
})

const base: CreateDraft = { kind: 'secret', name: 'db_password', labels: [row('1', 'team', 'core')], value: { ...blankValueDraft(), text: 'hunter2' } }

describe('createReadiness', () => {
  it('sends name, labels and the typed text', () => {
    expect(createReadiness(base).request).toEqual({ kind: 'secret', name: 'db_password', labels: { team: 'core' }, value: { text: 'hunter2' } })
  })
  it.each([
    ['an invalid name', { name: '-bad' }, 'nameProblem'],
    ['an empty name', { name: '' }, 'nameProblem'],
    ['a bad label', { labels: [row('1', 'a b')] }, 'labelProblems'],
    ['an empty value', { value: blankValueDraft() }, 'valueProblem']
  ] as const)('refuses %s', (_, patch, field) => {
    const readiness = createReadiness({ ...base, ...(patch as Partial<CreateDraft>) })
    expect(readiness.request).toBeNull()
    expect(readiness[field]).toBeTruthy()
  })
})

describe('CLI previews', () => {
  it.each([
    ['typed', base, "docker secret create --label team=core db_password -"],
    ['a file', { ...base, kind: 'config', labels: [], value: { ...blankValueDraft('file'), path: '/srv/app conf.txt' } }, "docker config create db_password '/srv/app conf.txt'"],
    ['no name yet', { ...base, name: '', labels: [row('1', 'note', 'two words')] }, "docker secret create --label 'note=two words' NAME -"],
    ['generated', { ...base, labels: [], value: blankValueDraft('generate') }, 'docker secret create db_password -']
  ] as const)('%s', (_, draft, cli) => {
    expect(createCliPreview(draft as CreateDraft)).toBe(cli)
  })
  it('remove', () => {
    expect(removeCliPreview('config', 'app.conf')).toBe('docker config rm app.conf')
  })
})
