import { beforeEach, describe, expect, it } from 'vitest'
import { changeFromRows } from './label-diff'
import { useLabelEditorStore } from './label-editor-store'

const store = () => useLabelEditorStore.getState()
const row = (key: string) => {
  const found = store().rows.find((r) => r.key === key)
  if (!found) throw new Error(`no row ${key}`)
  return found
}

describe('label editor store', () => {
  beforeEach(() => {
    store().close()
    store().open([
      { id: '1', hostname: 'w1', labels: { zone: 'east', tier: 'web' } },
      { id: '2', hostname: 'w2', labels: { zone: 'west' } }
    ])
  })

  it('starts with one empty row when the nodes have no label', () => {
    store().open([{ id: '1', hostname: 'w1', labels: {} }])
    expect(store().rows).toHaveLength(1)
    expect(changeFromRows(store().rows)).toEqual({ add: {}, remove: [] })
  })

  it('typing a value where the nodes disagree sets it on all; turning that off puts the row back', () => {
    store().setValue(row('zone').id, 'north')
    expect(changeFromRows(store().rows)).toEqual({ add: { zone: 'north' }, remove: [] })
    store().setOnAll(row('zone').id, false)
    expect(row('zone').value).toBe('')
    expect(changeFromRows(store().rows)).toEqual({ add: {}, remove: [] })
  })

  it('"set on all" for a label only some nodes have, then off again', () => {
    store().setOnAll(row('tier').id, true)
    expect(changeFromRows(store().rows)).toEqual({ add: { tier: 'web' }, remove: [] })
    store().setOnAll(row('tier').id, false)
    expect(changeFromRows(store().rows)).toEqual({ add: {}, remove: [] })
  })

  it('marks existing labels for removal (undoable) and drops added rows', () => {
    store().toggleRemove(row('tier').id)
    expect(row('tier').removed).toBe(true)
    store().toggleRemove(row('tier').id)
    expect(row('tier').removed).toBe(false)
    store().addRow()
    const added = store().rows[store().rows.length - 1]
    store().toggleRemove(added.id)
    expect(store().rows.some((r) => r.id === added.id)).toBe(false)
  })

  it("puts main's issues on their rows and clears them when the row is edited", () => {
    store().addRow()
    const added = store().rows[store().rows.length - 1]
    store().setKey(added.id, 'x.y')
    const sent = changeFromRows(store().rows)
    store().setFailure({ code: 'INVALID_INPUT', message: 'bad', issues: [{ path: 'add.x.y', message: 'refused by main' }] }, sent)
    expect(store().rowIssues).toEqual({ [added.id]: ['refused by main'] })
    expect(store().error).toBeNull()
    store().setKey(added.id, 'x.z')
    expect(store().rowIssues).toEqual({})
  })

  it('keeps a failure no row can show as a general error', () => {
    store().setFailure({ code: 'NOT_FOUND', message: 'gone' }, { add: {}, remove: [] })
    expect(store().error?.code).toBe('NOT_FOUND')
  })
})
