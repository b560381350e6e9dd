import { describe, expect, it } from 'vitest'
import type { LabelledNode } from './label-summary'
import { blankRow, changeFromRows, changedSinceOpened, placeIssues, rowProblems, rowsFromNodes, type LabelRow } from './label-diff'

function ids(): () => string {
  let n = 0
  return () => `r${n++}`
}
const one = (labels: Record<string, string>) => rowsFromNodes([{ hostname: 'w1', labels }], ids())
const edit = (rows: LabelRow[], key: string, patch: Partial<LabelRow>) => rows.map((r) => (r.origin?.key === key ? { ...r, ...patch } : r))
const added = (id: string, key: string, value: string): LabelRow => ({ ...blankRow(id), key, value })

describe('rowsFromNodes', () => {
  it('one row per label, with where it came from', () => {
    expect(one({ zone: 'east', ssd: '' })).toEqual([
      { id: 'r0', key: 'ssd', value: '', origin: { key: 'ssd', value: '', count: 1 }, removed: false, setOnAll: false },
      { id: 'r1', key: 'zone', value: 'east', origin: { key: 'zone', value: 'east', count: 1 }, removed: false, setOnAll: false }
    ])
  })
  it('several nodes: how many have each key, and no value when they disagree', () => {
    const rows = rowsFromNodes(
      [
        { hostname: 'w1', labels: { zone: 'east', tier: 'web' } },
        { hostname: 'w2', labels: { zone: 'west', tier: 'web' } },
        { hostname: 'w3', labels: { tier: 'web' } }
      ],
      ids()
    )
    expect(rows.map((r) => [r.key, r.value, r.origin])).toEqual([
      ['tier', 'web', { key: 'tier', value: 'web', count: 3 }],
      ['zone', '', { key: 'zone', value: null, count: 2 }]
    ])
  })
})

describe('changeFromRows: only the difference is sent', () => {
  const base = one({ zone: 'east', ssd: '', tier: 'web' })
  it.each<[string, LabelRow[], { add: Record<string, string>; remove: string[] }]>([
    ['nothing edited', base, { add: {}, remove: [] }],
    ['a value changed', edit(base, 'zone', { value: 'west' }), { add: { zone: 'west' }, remove: [] }],
    ['a value changed and changed back', edit(edit(base, 'zone', { value: 'west' }), 'zone', { value: 'east' }), { add: {}, remove: [] }],
    ['a label removed', edit(base, 'ssd', { removed: true }), { add: {}, remove: ['ssd'] }],
    ['a label added', [...base, added('n1', 'gpu', 'yes')], { add: { gpu: 'yes' }, remove: [] }],
    ['a blank added row is ignored', [...base, blankRow('n1')], { add: {}, remove: [] }],
    ['an added row then removed is ignored', [...base, { ...added('n1', 'gpu', 'yes'), removed: true }], { add: {}, remove: [] }],
    ['a key renamed', edit(base, 'tier', { key: 'role' }), { add: { role: 'web' }, remove: ['tier'] }],
    ['removed then added again = set', [...edit(base, 'zone', { removed: true }), added('n1', 'zone', 'north')], { add: { zone: 'north' }, remove: [] }],
    [
      'several edits at once',
      [...edit(edit(base, 'zone', { value: 'west' }), 'ssd', { removed: true }), added('n1', 'gpu', '')],
      { add: { zone: 'west', gpu: '' }, remove: ['ssd'] }
    ]
  ])('%s', (_name, rows, expected) => {
    expect(changeFromRows(rows)).toEqual(expected)
  })

  describe('several nodes', () => {
    const rows = rowsFromNodes(
      [
        { hostname: 'w1', labels: { zone: 'east', tier: 'web' } },
        { hostname: 'w2', labels: { zone: 'west' } }
      ],
      ids()
    )
    it.each<[string, LabelRow[], { add: Record<string, string>; remove: string[] }]>([
      ['nothing edited, even where values differ or a node lacks the key', rows, { add: {}, remove: [] }],
      ['set on all with the common value', edit(rows, 'tier', { setOnAll: true }), { add: { tier: 'web' }, remove: [] }],
      ['a differing value set on all', edit(rows, 'zone', { value: 'north', setOnAll: true }), { add: { zone: 'north' }, remove: [] }],
      ['a common value changed', edit(rows, 'tier', { value: 'db' }), { add: { tier: 'db' }, remove: [] }],
      ['removed from all', edit(rows, 'zone', { removed: true }), { add: {}, remove: ['zone'] }],
      ['added to all', [...rows, added('n', 'e2e.zone', 'blue')], { add: { 'e2e.zone': 'blue' }, remove: [] }]
    ])('%s', (_name, edited, expected) => {
      expect(changeFromRows(edited)).toEqual(expected)
    })
  })
})

describe('rowProblems', () => {
  const base = one({ zone: 'east', 'odd key': 'x' })
  it('flags the rows that change something, by field', () => {
    const rows = [...base, added('n1', 'bad key', 'v'), added('n2', 'ok', 'line\nbreak'), added('n3', '', 'orphan value')]
    const problems = rowProblems(rows)
    expect(Object.keys(problems)).toEqual(['n1', 'n2', 'n3'])
    expect(problems.n1.key?.code).toBe('keyWhitespace')
    expect(problems.n2).toEqual({ value: { code: 'valueLineBreak', params: { key: 'ok' } } })
    expect(problems.n3.key?.code).toBe('keyEmpty')
  })
  it('does not block on an odd label already on the node unless it is edited; removing it is allowed', () => {
    expect(rowProblems(base)).toEqual({})
    expect(rowProblems(edit(base, 'odd key', { value: 'y' }))[base[0].id].key?.code).toBe('keyWhitespace')
    expect(rowProblems(edit(base, 'odd key', { removed: true }))).toEqual({})
  })
  it('flags a key used twice, unless the first one is removed', () => {
    expect(rowProblems([...base, added('n1', 'zone', 'west')]).n1.key?.code).toBe('keyDuplicate')
    expect(rowProblems([...edit(base, 'zone', { removed: true }), added('n1', 'zone', 'west')])).toEqual({})
  })
  it('ignores blank added rows', () => {
    expect(rowProblems([...base, blankRow('n1')])).toEqual({})
  })
})

describe('placeIssues', () => {
  it("puts main's add.<key> and remove.<index> issues on their rows", () => {
    const rows = [...edit(one({ a: '1', 'b.c': '2' }), 'a', { removed: true }), added('n1', 'x.y', 'v')]
    const sent = changeFromRows(rows)
    expect(sent).toEqual({ add: { 'x.y': 'v' }, remove: ['a'] })
    const placed = placeIssues(rows, sent, [
      { path: 'add.x.y', message: 'bad x.y' },
      { path: 'remove.0', message: 'bad a' },
      { path: 'add', message: 'nothing to change' }
    ])
    expect(placed.byRow).toEqual({ n1: ['bad x.y'], [rows[0].id]: ['bad a'] })
    expect(placed.general).toEqual([{ path: 'add', message: 'nothing to change' }])
  })

  it('words an issue main sent as a phrase the way it is asked to (the user language), others by their message', () => {
    const rows = [added('n1', 'x y', 'v'), added('n2', 'z', 'v')]
    const said = { key: 'nodes.said.label.keyWhitespace', params: { key: 'x y' } }
    const placed = placeIssues(rows, changeFromRows(rows), [
      { path: 'add.x y', message: 'label key "x y" contains whitespace; constraints could not name it', said },
      { path: 'add.z', message: 'bad z' }
    ], (issue) => (issue.said ? `fr:${issue.said.key}` : issue.message))
    expect(placed.byRow).toEqual({ n1: ['fr:nodes.said.label.keyWhitespace'], n2: ['bad z'] })
  })
})

describe('changedSinceOpened', () => {
  it('names the nodes whose labels changed meanwhile', () => {
    const opened: (LabelledNode & { id: string })[] = [
      { id: '1', hostname: 'w1', labels: { a: '1' } },
      { id: '2', hostname: 'w2', labels: { a: '1' } },
      { id: '3', hostname: 'w3', labels: {} }
    ]
    const live: (LabelledNode & { id: string })[] = [
      { id: '1', hostname: 'w1', labels: { a: '1' } },
      { id: '2', hostname: 'w2', labels: { a: '1', theirs: 'x' } },
      { id: '3', hostname: 'w3', labels: {} }
    ]
    expect(changedSinceOpened(opened, live)).toEqual(['w2'])
  })
})
