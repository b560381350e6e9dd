import { describe, expect, it } from 'vitest'
import {
  constraintLineIssues,
  draftCli,
  draftFromForm,
  emptyDraftForm,
  parseCpus,
  memoryText,
  parseMemory,
  preferenceLines,
  replaceConstraintLine,
  textLines,
  type DraftForm
} from './draft-model'

const form = (patch: Partial<DraftForm>): DraftForm => ({ ...emptyDraftForm, ...patch })

describe('textLines', () => {
  it.each([
    ['', []],
    ['a == b', [{ text: 'a == b', line: 0 }]],
    ['\n  node.role == worker  \n\nnode.labels.x != y\n', [{ text: 'node.role == worker', line: 1 }, { text: 'node.labels.x != y', line: 3 }]]
  ])('%j', (text, expected) => {
    expect(textLines(text)).toEqual(expected)
  })
})

describe('parseCpus', () => {
  it.each<[string, number | null]>([
    ['', 0],
    ['  ', 0],
    ['1', 1e9],
    ['0.5', 5e8],
    ['.25', 2.5e8],
    ['2.', 2e9],
    ['-1', null],
    ['1,5', null],
    ['half', null]
  ])('%j -> %s', (text, expected) => {
    expect(parseCpus(text)).toBe(expected)
  })
})

describe('parseMemory (go-units RAMInBytes)', () => {
  it.each<[string, number | null]>([
    ['', 0],
    ['1024', 1024],
    ['512M', 512 * 1024 ** 2],
    ['512m', 512 * 1024 ** 2],
    ['512MiB', 512 * 1024 ** 2],
    ['512MB', 512 * 1024 ** 2],
    ['1.5g', 1.5 * 1024 ** 3],
    ['1 G', 1024 ** 3],
    ['2k', 2048],
    ['-1M', null],
    ['1.2.3M', null],
    ['12 megs', null],
    ['M', null]
  ])('%j -> %s', (text, expected) => {
    expect(parseMemory(text)).toBe(expected)
  })
})

describe('memoryText', () => {
  it.each<[number, string]>([
    [0, '0'],
    [1000, '1000'],
    [2048, '2K'],
    [512 * 1024 ** 2, '512M'],
    [1024 ** 3, '1G'],
    [1.5 * 1024 ** 3, '1536M']
  ])('%d -> %s (and back)', (bytes, expected) => {
    expect(memoryText(bytes)).toBe(expected)
    expect(parseMemory(expected)).toBe(bytes)
  })
})

describe('preferenceLines', () => {
  it('takes descriptors with or without spread=, and flags other strategies', () => {
    expect(preferenceLines('node.labels.zone\nspread=node.labels.rack\n\nbinpack=x\nspread=')).toEqual([
      { text: 'node.labels.zone', line: 0, spread: 'node.labels.zone' },
      { text: 'spread=node.labels.rack', line: 1, spread: 'node.labels.rack' },
      { text: 'binpack=x', line: 3, spread: null },
      { text: 'spread=', line: 4, spread: null }
    ])
  })
})

describe('draftFromForm', () => {
  it('sends the lines as constraints and remembers where they came from', () => {
    const request = draftFromForm(form({ replicas: 4, constraintsText: 'node.role == worker\n\n labels.zone == a ', reserveCpus: '0.5', reserveMemory: '256M' }))
    expect(request.draft).toEqual({
      name: 'draft',
      mode: 'replicated',
      replicas: 4,
      constraints: ['node.role == worker', 'labels.zone == a'],
      preferences: [],
      maxReplicasPerNode: 0,
      reservations: { nanoCpus: 5e8, memoryBytes: 256 * 1024 ** 2 },
      platforms: [],
      hostPorts: []
    })
    expect(request.constraintLines.map((l) => l.line)).toEqual([0, 2])
    expect(request.problems).toEqual({ reserveCpus: false, reserveMemory: false, preferenceLines: [] })
  })

  it('reports invalid reservations and preferences and leaves them out', () => {
    const request = draftFromForm(form({ name: ' web ', mode: 'global', replicas: 3, reserveCpus: 'lots', reserveMemory: '1 zillion', preferencesText: 'node.labels.zone\nbinpack=x' }))
    expect(request.draft.name).toBe('web')
    expect(request.draft.replicas).toBe(0)
    expect(request.draft.reservations).toEqual({ nanoCpus: 0, memoryBytes: 0 })
    expect(request.draft.preferences).toEqual([{ spread: 'node.labels.zone' }])
    expect(request.problems).toEqual({ reserveCpus: true, reserveMemory: true, preferenceLines: [1] })
  })
})

describe('draftCli', () => {
  it.each<[string, Partial<DraftForm>, string]>([
    ['the defaults', {}, 'docker service create --replicas 2 IMAGE'],
    [
      'constraints, preferences, limits and reservations',
      {
        name: 'web',
        replicas: 4,
        constraintsText: 'node.labels.e2e.pl == yes\nnode.role!=manager',
        preferencesText: 'node.labels.zone',
        maxReplicasPerNode: 2,
        reserveCpus: '0.5',
        reserveMemory: '512M'
      },
      "docker service create --name web --replicas 4 --constraint 'node.labels.e2e.pl == yes' --constraint 'node.role!=manager' --placement-pref spread=node.labels.zone --replicas-max-per-node 2 --reserve-cpu 0.5 --reserve-memory 512M IMAGE"
    ],
    ['global: no replicas', { mode: 'global', replicas: 5 }, 'docker service create --mode global IMAGE'],
    ['replicated job', { mode: 'replicated-job', replicas: 3 }, 'docker service create --mode replicated-job --replicas 3 IMAGE'],
    ['invalid reservations are left out', { reserveCpus: 'x', reserveMemory: '0' }, 'docker service create --replicas 2 IMAGE'],
    ['a name with a space is quoted', { name: 'my web', replicas: 1 }, "docker service create --name 'my web' --replicas 1 IMAGE"]
  ])('%s', (_name, patch, expected) => {
    expect(draftCli(form(patch))).toBe(expected)
  })
})

describe('constraintLineIssues', () => {
  // The fix is the parser's own field, carried as is: never read back from the (translated) words.
  const operatorSaid = { key: 'placement.said.constraint.operator-expected', params: { operators: '==, !=' } }
  const useSaid = { key: 'placement.said.constraint.use-operator', params: { operator: '==', fix: 'node.role == worker' } }
  const unknownSaid = { key: 'placement.said.constraint.unknown-key-equal', params: { name: 'labels.e2e.pl' } }
  const meantSaid = { key: 'placement.said.constraint.did-you-mean', params: { fix: 'node.labels.e2e.pl == yes' } }

  it('places errors and warnings on their textarea lines, errors first on a line', () => {
    const lines = textLines('node.role == worker\n\nlabels.e2e.pl == yes\nnode.role = worker')
    const issues = constraintLineIssues(
      {
        errors: [{ index: 2, expression: 'node.role = worker', message: 'constraint expected one operator from ==, !=', said: operatorSaid, suggestion: 'use ==: node.role == worker', suggestionSaid: useSaid, fix: 'node.role == worker' }],
        constraintWarnings: [{ index: 1, expression: 'labels.e2e.pl == yes', message: "unknown key 'labels.e2e.pl'", said: unknownSaid, suggestion: 'did you mean node.labels.e2e.pl == yes?', suggestionSaid: meantSaid, fix: 'node.labels.e2e.pl == yes' }]
      },
      lines
    )
    expect(issues).toEqual([
      { line: 2, expression: 'labels.e2e.pl == yes', level: 'warning', message: "unknown key 'labels.e2e.pl'", said: unknownSaid, suggestion: 'did you mean node.labels.e2e.pl == yes?', suggestionSaid: meantSaid, fix: 'node.labels.e2e.pl == yes' },
      { line: 3, expression: 'node.role = worker', level: 'error', message: 'constraint expected one operator from ==, !=', said: operatorSaid, suggestion: 'use ==: node.role == worker', suggestionSaid: useSaid, fix: 'node.role == worker' }
    ])
  })

  it('drops issues whose index is not among the lines sent', () => {
    expect(constraintLineIssues({ errors: [{ index: 5, expression: 'x', message: 'm', said: operatorSaid, fix: null }], constraintWarnings: [] }, [])).toEqual([])
  })
})

describe('replaceConstraintLine', () => {
  it.each<[string, string, number, string, string, string]>([
    ['at its line', 'a == 1\nlabels.x == y', 1, 'labels.x == y', 'node.labels.x == y', 'a == 1\nnode.labels.x == y'],
    ['keeps the indent', '  labels.x == y', 0, 'labels.x == y', 'node.labels.x == y', '  node.labels.x == y'],
    ['found by text when lines moved', 'new\nlabels.x == y', 0, 'labels.x == y', 'node.labels.x == y', 'new\nnode.labels.x == y'],
    ['gone: unchanged', 'other', 0, 'labels.x == y', 'node.labels.x == y', 'other']
  ])('%s', (_name, text, line, expression, replacement, expected) => {
    expect(replaceConstraintLine(text, line, expression, replacement)).toBe(expected)
  })
})
