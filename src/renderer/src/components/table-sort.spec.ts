import { describe, expect, it } from 'vitest'
import { compareSortValues, nextSort, sortRows } from './table-sort'

describe('sortRows', () => {
  const rows = [
    { name: 'node10', cpus: 4, v: null as string | null },
    { name: 'node9', cpus: 2, v: 'b' },
    { name: 'Node1', cpus: 4, v: 'a' }
  ]

  it.each([
    ['name asc (natural, case-insensitive)', (r: (typeof rows)[number]) => r.name, 'asc', ['Node1', 'node9', 'node10']],
    ['name desc', (r: (typeof rows)[number]) => r.name, 'desc', ['node10', 'node9', 'Node1']],
    ['cpus asc keeps ties in order', (r: (typeof rows)[number]) => r.cpus, 'asc', ['node9', 'node10', 'Node1']],
    ['cpus desc keeps ties in order', (r: (typeof rows)[number]) => r.cpus, 'desc', ['node10', 'Node1', 'node9']],
    ['nulls last ascending', (r: (typeof rows)[number]) => r.v, 'asc', ['Node1', 'node9', 'node10']],
    ['nulls last descending', (r: (typeof rows)[number]) => r.v, 'desc', ['node9', 'Node1', 'node10']]
  ] as const)('%s', (_name, value, direction, expected) => {
    expect(sortRows(rows, value, direction).map((r) => r.name)).toEqual(expected)
  })

  it('returns a copy when there is no sort column', () => {
    const sorted = sortRows(rows, undefined, 'asc')
    expect(sorted).toEqual(rows)
    expect(sorted).not.toBe(rows)
  })
})

describe('compareSortValues / nextSort', () => {
  it('orders numbers numerically', () => {
    expect(compareSortValues(2, 10)).toBeLessThan(0)
  })
  it('flips on the same column and starts ascending on another', () => {
    expect(nextSort(null, 'a')).toEqual({ columnId: 'a', direction: 'asc' })
    expect(nextSort({ columnId: 'a', direction: 'asc' }, 'a')).toEqual({ columnId: 'a', direction: 'desc' })
    expect(nextSort({ columnId: 'a', direction: 'desc' }, 'b')).toEqual({ columnId: 'b', direction: 'asc' })
  })
})
