/** A port typed in the dialog: null when it is not one. Empty local port: 0 (any free port). Pure. */
export function parsePortField(text: string, allowEmpty: boolean): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return allowEmpty ? 0 : null
  if (!/^\d{1,5}$/.test(trimmed)) return null
  const port = Number(trimmed)
  if (port > 65535 || (port === 0 && !allowEmpty)) return null
  return port
}
