/** Columns padded like the docker CLI's tables (three spaces between columns). Pure. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('   ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n') + '\n'
}
