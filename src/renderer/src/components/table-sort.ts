export type SortDirection = 'asc' | 'desc'
export interface SortState {
  columnId: string
  direction: SortDirection
}

export type SortValue = string | number | boolean | null

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Nulls sort last in both directions; strings compare naturally (node10 after node9). */
export function compareSortValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? -1 : 1
  return collator.compare(String(a), String(b))
}

/** Stable sort by one column; rows keep their given order on ties. Pure. */
export function sortRows<T>(rows: readonly T[], value: ((row: T) => SortValue) | undefined, direction: SortDirection): T[] {
  if (!value) return [...rows]
  const sign = direction === 'asc' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((x, y) => {
      const nullOrder = x.key === null || y.key === null
      const c = compareSortValues(x.key, y.key)
      // Keep nulls last regardless of direction.
      const signed = nullOrder ? c : c * sign
      return signed !== 0 ? signed : x.index - y.index
    })
    .map((entry) => entry.row)
}

/** Clicking a header: same column flips the direction, another column starts ascending. */
export function nextSort(current: SortState | null, columnId: string): SortState {
  if (current && current.columnId === columnId) {
    return { columnId, direction: current.direction === 'asc' ? 'desc' : 'asc' }
  }
  return { columnId, direction: 'asc' }
}
