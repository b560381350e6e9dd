/**
 * `--since` as the docker CLI takes it (a Unix timestamp, an RFC 3339 date, or a Go duration back
 * from now such as `10m` or `1h30m`), turned into what the Engine's `since` query wants: Unix
 * seconds with an optional fraction. Pure (`now` is given).
 */
const unitNanos: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 }

export function parseGoDuration(text: string): number | null {
  const pattern = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy
  let nanos = 0
  let consumed = 0
  for (const match of text.matchAll(pattern)) {
    nanos += Number(match[1]) * unitNanos[match[2]]
    consumed += match[0].length
  }
  return consumed === text.length && consumed > 0 ? nanos / 1e6 : null
}

export function sinceToEngine(since: string, nowMs: number): string {
  const value = since.trim()
  if (/^\d+(\.\d+)?$/.test(value)) return value
  const durationMs = parseGoDuration(value)
  if (durationMs !== null) return ((nowMs - durationMs) / 1000).toFixed(3)
  // A date without a zone is UTC for the docker CLI only with a Z; without one it means local time, as here.
  const date = new Date(value.includes('T') || value.includes(' ') ? value.replace(' ', 'T') : `${value}T00:00:00`)
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`--since "${since}": expected a Unix timestamp, an RFC 3339 date or a duration such as 10m`)
  }
  return (date.getTime() / 1000).toFixed(3)
}
