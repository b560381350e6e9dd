import { useMemo, useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import { IconArrowDown, IconArrowUp } from './icons'
import { nextSort, sortRows, type SortState, type SortValue } from './table-sort'
import classes from './VirtualTable.module.css'

export interface Column<T> {
  id: string
  header: string
  /** Smallest width in px; the table scrolls sideways below the sum of these. */
  minWidth: number
  /** Share of the spare width (CSS fr); 0 keeps the column at minWidth. */
  grow?: number
  cell: (row: T) => ReactNode
  /** Present = sortable by clicking the header. */
  sortValue?: (row: T) => SortValue
  align?: 'left' | 'right' | 'center'
}

interface VirtualTableProps<T> {
  rows: readonly T[]
  columns: readonly Column<T>[]
  rowKey: (row: T) => string
  /** Stable e2e handle per row, e.g. `node-row-<hostname>`. */
  rowTestId: (row: T) => string
  testId: string
  ariaLabel: string
  emptyText: string
  sort?: SortState | null
  onSortChange?: (sort: SortState) => void
  onRowClick?: (row: T) => void
  selectedKey?: string | null
  rowHeight?: number
}

/**
 * A virtualised table (only visible rows are in the DOM) with a sticky header and sortable
 * columns. Generic over the row type; sorting is pure (table-sort.ts), state lives with the caller.
 */
export function VirtualTable<T>({
  rows,
  columns,
  rowKey,
  rowTestId,
  testId,
  ariaLabel,
  emptyText,
  sort = null,
  onSortChange,
  onRowClick,
  selectedKey = null,
  rowHeight = 36
}: VirtualTableProps<T>): ReactNode {
  const { t } = useTranslation()
  const scrollRef = useRef<HTMLDivElement>(null)

  const sorted = useMemo(() => {
    if (!sort) return rows
    const column = columns.find((c) => c.id === sort.columnId)
    return sortRows(rows, column?.sortValue, sort.direction)
  }, [rows, columns, sort])

  // We do not use the React Compiler; the virtualizer re-renders this component when it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12
  })

  const gridStyle = useMemo(
    () =>
      ({
        '--vt-columns': columns.map((c) => (c.grow === 0 ? `${c.minWidth}px` : `minmax(${c.minWidth}px, ${c.grow ?? 1}fr)`)).join(' '),
        minWidth: columns.reduce((sum, c) => sum + c.minWidth, 0)
      }) as CSSProperties,
    [columns]
  )

  const onKey = (event: KeyboardEvent<HTMLDivElement>, row: T): void => {
    if (onRowClick && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault()
      onRowClick(row)
    }
  }

  return (
    <div ref={scrollRef} className={classes.scroller} data-testid={testId}>
      <div role="table" aria-label={ariaLabel} aria-rowcount={sorted.length + 1} className={classes.table} style={gridStyle}>
        <div role="row" className={`${classes.row} ${classes.header}`} style={{ height: rowHeight }}>
          {columns.map((column) => {
            const active = sort?.columnId === column.id
            const ariaSort = active ? (sort?.direction === 'asc' ? 'ascending' : 'descending') : 'none'
            return (
              <div
                key={column.id}
                role="columnheader"
                aria-sort={column.sortValue ? ariaSort : undefined}
                className={classes.headerCell}
                style={{ justifyContent: alignToFlex(column.align) }}
              >
                {column.sortValue && onSortChange ? (
                  <button
                    type="button"
                    className={classes.sortButton}
                    style={{ justifyContent: alignToFlex(column.align) }}
                    onClick={() => onSortChange(nextSort(sort, column.id))}
                    title={t('table.sortBy', { column: column.header })}
                    data-testid={`${testId}-sort-${column.id}`}
                  >
                    <span>{column.header}</span>
                    {active ? sort?.direction === 'asc' ? <IconArrowUp size={12} /> : <IconArrowDown size={12} /> : null}
                  </button>
                ) : (
                  <span>{column.header}</span>
                )}
              </div>
            )
          })}
        </div>
        {sorted.length === 0 ? (
          <div className={classes.empty} data-testid={`${testId}-empty`}>
            {emptyText}
          </div>
        ) : (
          <div role="rowgroup" className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = sorted[item.index]
              const key = rowKey(row)
              const className = [
                classes.row,
                classes.bodyRow,
                onRowClick ? classes.clickable : '',
                selectedKey === key ? classes.selected : ''
              ].join(' ')
              return (
                <div
                  key={key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={onRowClick ? selectedKey === key : undefined}
                  tabIndex={onRowClick ? 0 : undefined}
                  className={className}
                  style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
                  onClick={onRowClick ? () => onRowClick(row) : undefined}
                  onKeyDown={onRowClick ? (event) => onKey(event, row) : undefined}
                  data-testid={rowTestId(row)}
                >
                  {columns.map((column) => (
                    <div key={column.id} role="cell" className={classes.cell} style={{ textAlign: column.align ?? 'left' }} data-column={column.id}>
                      {column.cell(row)}
                    </div>
                  ))}
                </div>
              )
            })}
          </div>
        )}
      </div>
    </div>
  )
}

function alignToFlex(align: Column<unknown>['align']): CSSProperties['justifyContent'] {
  if (align === 'right') return 'flex-end'
  if (align === 'center') return 'center'
  return 'flex-start'
}
