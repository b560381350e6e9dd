/** The certificate lifetime field of the CA dialog: whole days from 1 to 36500, or empty (unchanged). Null when wrong. */
export function parseExpiryDays(text: string): number | null | undefined {
  const trimmed = text.trim()
  if (!trimmed) return undefined
  if (!/^\d+$/.test(trimmed)) return null
  const days = Number(trimmed)
  return days >= 1 && days <= 36_500 ? days : null
}
