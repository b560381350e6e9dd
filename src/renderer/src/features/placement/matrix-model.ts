import type { PlacementMatrix, PlacementPlanData } from '../../../../shared/placement'

/**
 * The node x service matrix as the screen shows it: column order, which rows need attention,
 * which cells a what-if changed, and the short text of a cell. Pure.
 */

export type MatrixRow = PlacementMatrix['services'][number]
export type MatrixCell = MatrixRow['cells'][number]
export type MatrixNode = PlacementMatrix['nodes'][number]

const byHostname = (a: string, b: string): number => a.localeCompare(b, undefined, { numeric: true })

/** Indices of `nodes` in column order: managers first, then workers, each by hostname. */
export function columnOrder(nodes: readonly MatrixNode[]): number[] {
  return nodes
    .map((node, index) => ({ node, index }))
    .sort((a, b) => (a.node.role === b.node.role ? byHostname(a.node.hostname, b.node.hostname) : a.node.role === 'manager' ? -1 : 1))
    .map((entry) => entry.index)
}

export type RowAlert = 'no-eligible' | 'pending' | null

/** Red: no node can take a task; orange: some tasks cannot be placed. */
export function rowAlert(row: Pick<MatrixRow, 'eligibleCount' | 'pendingTasks'>): RowAlert {
  if (row.eligibleCount === 0) return 'no-eligible'
  if (row.pendingTasks > 0) return 'pending'
  return null
}

/** A row needs a look: an alert, or a what-if that changes it. */
export function isProblemRow(row: MatrixRow): boolean {
  return rowAlert(row) !== null || Boolean(row.impact?.changed) || Boolean(row.impact?.refused)
}

/** Every word of the filter in the service's name or mode. */
export function rowMatches(row: MatrixRow, filter: string, onlyProblems: boolean): boolean {
  if (onlyProblems && !isProblemRow(row)) return false
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = `${row.name} ${row.mode}`.toLowerCase()
  return words.every((word) => haystack.includes(word))
}

export interface CellChange {
  eligibleBefore: boolean
  predictedBefore: number
}

/**
 * What each cell was before the what-if changes, for the cells they change (by service id, then
 * by node index of `after`). Nodes and services are matched by id, not position.
 */
export function changedCells(after: PlacementMatrix, before: PlacementMatrix | null): Map<string, (CellChange | null)[]> {
  const out = new Map<string, (CellChange | null)[]>()
  if (!before) return out
  const beforeNodeIndex = new Map(before.nodes.map((node, i) => [node.id, i]))
  const beforeRows = new Map(before.services.map((row) => [row.serviceId, row]))
  for (const row of after.services) {
    const old = beforeRows.get(row.serviceId)
    if (!old) continue
    let any = false
    const cells = row.cells.map((cell, i) => {
      const j = beforeNodeIndex.get(after.nodes[i]?.id ?? '')
      const was = j === undefined ? undefined : old.cells[j]
      if (!was || (was.eligible === cell.eligible && was.predicted === cell.predicted)) return null
      any = true
      return { eligibleBefore: was.eligible, predictedBefore: was.predicted }
    })
    if (any) out.set(row.serviceId, cells)
  }
  return out
}

/** The count a cell shows: the tasks there now, and where the plan differs, now → predicted. */
export function cellCount(cell: Pick<MatrixCell, 'actual' | 'predicted'>): string {
  if (cell.actual === cell.predicted) return cell.actual === 0 ? '' : String(cell.actual)
  return `${cell.actual}→${cell.predicted}`
}

/** A node's predicted tasks: one number, or min–max when tie-breaks could place them differently. */
export function taskRange(cell: Pick<PlacementPlanData['perNode'][number], 'predictedTasks' | 'minTasks' | 'maxTasks'>): string {
  return cell.minTasks === cell.maxTasks ? String(cell.predictedTasks) : `${cell.minTasks}–${cell.maxTasks}`
}
