import { describe, expect, it } from 'vitest'
import type { PlacementMatrix } from '../../../../shared/placement'
import { cellCount, changedCells, columnOrder, isProblemRow, rowAlert, rowMatches, taskRange, type MatrixRow } from './matrix-model'

const node = (id: string, hostname: string, role: 'manager' | 'worker' = 'worker') => ({ id, hostname, role, availability: 'active' as const, state: 'ready' })
const cell = (eligible: boolean, predicted: number, actual = predicted) => ({ eligible, predicted, actual, reason: eligible ? null : 'constraint', why: null })
const row = (serviceId: string, cells: ReturnType<typeof cell>[], patch: Partial<MatrixRow> = {}): MatrixRow => ({
  serviceId,
  name: serviceId,
  mode: 'replicated',
  desiredTasks: 2,
  eligibleCount: cells.filter((c) => c.eligible).length,
  pendingTasks: 0,
  cells,
  warnings: [],
  unsuitable: null,
  noEligible: null,
  impact: null,
  ...patch
})

describe('columnOrder', () => {
  it('puts managers first, then workers, by hostname with numbers in order', () => {
    const nodes = [node('a', 'worker10'), node('b', 'manager2', 'manager'), node('c', 'worker2'), node('d', 'manager1', 'manager')]
    expect(columnOrder(nodes)).toEqual([3, 1, 2, 0])
  })
})

describe('rowAlert and isProblemRow', () => {
  it.each<[string, Partial<MatrixRow>, ReturnType<typeof rowAlert>, boolean]>([
    ['fine', { eligibleCount: 2, pendingTasks: 0 }, null, false],
    ['pending', { eligibleCount: 1, pendingTasks: 2 }, 'pending', true],
    ['no eligible node', { eligibleCount: 0, pendingTasks: 2 }, 'no-eligible', true],
    ['no eligible node, scaled to 0', { eligibleCount: 0, pendingTasks: 0, desiredTasks: 0 }, 'no-eligible', true],
    [
      'changed by a what-if',
      { impact: { serviceId: 's', name: 's', refused: null, refusedSaid: null, losesAllNodes: false, movedTasks: 1, newlyPending: 0, moves: [], changed: true } },
      null,
      true
    ]
  ])('%s', (_name, patch, alert, problem) => {
    const r = row('s', [cell(true, 1), cell(true, 1)], { eligibleCount: 2, ...patch })
    expect(rowAlert(r)).toBe(alert)
    expect(isProblemRow(r)).toBe(problem)
  })
})

describe('rowMatches', () => {
  const web = row('web-frontend', [cell(true, 2)])
  const db = row('db', [cell(false, 0)], { mode: 'global' })
  it.each<[string, MatrixRow, string, boolean, boolean]>([
    ['no filter', web, '', false, true],
    ['every word must match', web, 'web front', false, true],
    ['by mode', db, 'GLOBAL', false, true],
    ['a missing word', web, 'web db', false, false],
    ['only problems: fine row hidden', web, '', true, false],
    ['only problems: alerting row shown', db, '', true, true]
  ])('%s', (_name, r, filter, onlyProblems, expected) => {
    expect(rowMatches(r, filter, onlyProblems)).toBe(expected)
  })
})

describe('changedCells', () => {
  const nodes = [node('n1', 'worker1'), node('n2', 'worker2')]
  const before: PlacementMatrix = { nodes, services: [row('s1', [cell(true, 2), cell(true, 2)]), row('s2', [cell(true, 1), cell(false, 0)])], summary: [], errors: [] }

  it('is empty without a baseline', () => {
    expect(changedCells(before, null).size).toBe(0)
  })

  it('marks the cells whose eligibility or count changed, matching nodes by id', () => {
    // The after matrix lists the nodes in another order.
    const after: PlacementMatrix = {
      nodes: [nodes[1], nodes[0]],
      services: [row('s1', [cell(false, 0, 2), cell(true, 4, 2)]), row('s2', [cell(false, 0), cell(true, 1)])],
      summary: [],
      errors: []
    }
    const changed = changedCells(after, before)
    expect(changed.get('s1')).toEqual([
      { eligibleBefore: true, predictedBefore: 2 },
      { eligibleBefore: true, predictedBefore: 2 }
    ])
    expect(changed.has('s2')).toBe(false)
  })
})

describe('cellCount and taskRange', () => {
  it.each([
    [{ actual: 0, predicted: 0 }, ''],
    [{ actual: 2, predicted: 2 }, '2'],
    [{ actual: 2, predicted: 0 }, '2→0'],
    [{ actual: 0, predicted: 3 }, '0→3']
  ])('cellCount %j -> %j', (c, expected) => {
    expect(cellCount(c)).toBe(expected)
  })

  it.each([
    [{ predictedTasks: 2, minTasks: 2, maxTasks: 2 }, '2'],
    [{ predictedTasks: 1, minTasks: 0, maxTasks: 2 }, '0–2']
  ])('taskRange %j -> %j', (c, expected) => {
    expect(taskRange(c)).toBe(expected)
  })
})
