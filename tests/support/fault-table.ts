// The fault suite's report: every test records one row per (fault, operation) it ran, and each
// file prints its rows as a table in afterAll. Timings are printed figures, never asserted.

export interface FaultRow {
  fault: string
  operation: string
  /** the known state the pair ended in, in a few words */
  outcome: string
  /** from the moment a manager was reachable again to the session's `ready` (null: no reconnection) */
  reconnectMs: number | null
  /** what was compared with the plan afterwards, e.g. `20/20 services, 0 orphans` */
  compared: string
}

const rows: FaultRow[] = []

export function recordFault(row: FaultRow): void {
  rows.push(row)
}

/** The rows as a fixed-width table (one header, one line per row). */
export function faultTable(list: readonly FaultRow[] = rows): string {
  const header = ['fault', 'operation', 'outcome', 'reconnect', 'objects compared']
  const lines = list.map((r) => [r.fault, r.operation, r.outcome, r.reconnectMs === null ? '-' : `${(r.reconnectMs / 1000).toFixed(2)} s`, r.compared])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ').trimEnd()
  return [format(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(format)].join('\n')
}

export function printFaultTable(title: string): void {
  process.stdout.write(`\n${title}\n${faultTable()}\n\n`)
}
