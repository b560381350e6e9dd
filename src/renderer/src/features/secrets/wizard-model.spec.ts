import { describe, expect, it } from 'vitest'
import type { RotationPlan } from '../../../../shared/secrets'
import { blankValueDraft } from './value-draft'
import { canApply, chooseProblem, isStartFirst, newNameProblem, planKeyOf, planRequestOf, toggleService, type WizardDraft, noBeforeExec, beforeExecOf, beforeExecIncomplete } from './wizard-model'

const draft: WizardDraft = {
  kind: 'secret',
  objectId: 'abc',
  value: { ...blankValueDraft(), text: 'new-value' },
  newName: '',
  startFirst: false,
  startFirstServices: ['s2', 's1'],
  removeOld: true,
  beforeExec: noBeforeExec
}

describe('step 1', () => {
  it.each([
    ['ready', draft, null],
    ['no object chosen', { ...draft, objectId: null }, { code: 'noObject' }],
    ['no value', { ...draft, value: blankValueDraft() }, { code: 'value', problem: { code: 'empty' } }],
    ['generate is ready without text', { ...draft, value: blankValueDraft('generate') }, null]
  ] as const)('%s', (_, d, problem) => {
    expect(chooseProblem(d)).toEqual(problem)
  })
})

describe('the plan request', () => {
  it('leaves the name to the default when empty and sorts the start-first services', () => {
    expect(planRequestOf(draft)).toEqual({ kind: 'secret', objectId: 'abc', startFirst: false, startFirstServices: ['s1', 's2'], removeOld: true, beforeExec: null, value: { text: 'new-value' } })
  })
  it('sends an edited name trimmed, and no per-service list when all are start-first', () => {
    expect(planRequestOf({ ...draft, newName: ' db_v7 ', startFirst: true })).toMatchObject({ newName: 'db_v7', startFirst: true, startFirstServices: [] })
  })
  it.each([
    ['an invalid new name', { ...draft, newName: 'bad name' }],
    ['no value', { ...draft, value: blankValueDraft() }],
    ['no object', { ...draft, objectId: null }]
  ])('is null with %s', (_, d) => {
    expect(planRequestOf(d)).toBeNull()
  })
  it('new name problems: empty means the default', () => {
    expect(newNameProblem('')).toBeNull()
    expect(newNameProblem('db_v2')).toBeNull()
    expect(newNameProblem('_db')).toMatch(/letters and digits/)
    expect(newNameProblem('x'.repeat(65))).toMatch(/64/)
  })
  it('the key ignores the value but not the options', () => {
    const a = planRequestOf(draft)!
    expect(planKeyOf(a)).toBe(planKeyOf(planRequestOf({ ...draft, value: { ...draft.value, text: 'other' } })!))
    expect(planKeyOf(a)).not.toBe(planKeyOf(planRequestOf({ ...draft, removeOld: false })!))
    expect(planKeyOf(a)).not.toBe(planKeyOf(planRequestOf({ ...draft, newName: 'db_v9' })!))
    expect(planKeyOf(a)).not.toBe(planKeyOf(planRequestOf({ ...draft, startFirstServices: ['s1'] })!))
  })
})

describe('start-first', () => {
  it('toggles one service', () => {
    expect(toggleService(['a'], 'b', true)).toEqual(['a', 'b'])
    expect(toggleService(['a', 'b'], 'a', false)).toEqual(['b'])
    expect(toggleService(['a'], 'a', true)).toEqual(['a'])
  })
  it.each([
    [{ startFirst: true, startFirstServices: [] }, 'x', true],
    [{ startFirst: false, startFirstServices: ['x'] }, 'x', true],
    [{ startFirst: false, startFirstServices: ['y'] }, 'x', false]
  ])('%j %s', (d, id, expected) => {
    expect(isStartFirst(d, id)).toBe(expected)
  })
})

describe('canApply', () => {
  const plan = { refusals: [] } as unknown as RotationPlan
  const refused = { refusals: [{ code: 'NO_CONSUMERS', message: 'x', subject: null }] } as unknown as RotationPlan
  it.each([
    ['the plan of the options shown', { plan, shownKey: 'k', currentKey: 'k', planning: false, running: false }, true],
    ['no plan', { plan: null, shownKey: null, currentKey: 'k', planning: false, running: false }, false],
    ['a refusal', { plan: refused, shownKey: 'k', currentKey: 'k', planning: false, running: false }, false],
    ['options changed since', { plan, shownKey: 'k', currentKey: 'k2', planning: false, running: false }, false],
    ['planning again', { plan, shownKey: 'k', currentKey: 'k', planning: true, running: false }, false],
    ['already running', { plan, shownKey: 'k', currentKey: 'k', planning: false, running: true }, false]
  ])('%s', (_, input, expected) => {
    expect(canApply(input)).toBe(expected)
  })
})

describe('the command before the services move', () => {
  it('is sent only with a service and a command, run by a shell, and changes the plan key', () => {
    expect(beforeExecOf(noBeforeExec)).toBeNull()
    expect(beforeExecOf({ on: true, serviceId: 's1', command: '  ' })).toBeNull()
    expect(beforeExecIncomplete({ on: true, serviceId: null, command: 'psql' })).toBe(true)
    expect(beforeExecIncomplete({ on: false, serviceId: null, command: '' })).toBe(false)
    const withCommand = planRequestOf({ ...draft, beforeExec: { on: true, serviceId: 's1', command: ' psql -c x ' } })!
    expect(withCommand.beforeExec).toEqual({ service: 's1', command: ['sh', '-c', 'psql -c x'] })
    expect(planKeyOf(withCommand)).not.toBe(planKeyOf(planRequestOf(draft)!))
  })
})
