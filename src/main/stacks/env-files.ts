// Text formats for environment values: the CLI's env_file format (pkg/kvfile) and, beyond the
// CLI, a `.env` file beside the compose file for interpolation (docker compose's usual format).
import { fail, type Parsed } from './go-parse'
import { phrase } from '../../shared/phrase'

/**
 * pkg/kvfile: UTF-8, BOM stripped, leading whitespace trimmed, `#` lines and blank lines skipped,
 * `KEY=VALUE` kept literally (no quotes removed, trailing spaces kept), a bare `KEY` looked up in
 * the environment and dropped when unset. Returns `KEY=VALUE` lines.
 */
export function parseKeyValueFile(text: string, lookup: (name: string) => string | undefined): Parsed<string[]> {
  const out: string[] = []
  const lines = text.split('\n')
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]
    if (line.endsWith('\r')) line = line.slice(0, -1)
    if (i === 0 && line.startsWith('\uFEFF')) line = line.slice(1)
    line = line.replace(/^\s+/u, '')
    if (line.length === 0 || line[0] === '#') continue
    const at = line.indexOf('=')
    const key = at < 0 ? line : line.slice(0, at)
    if (key.length === 0) return fail(phrase('compose.envFile.noName', { line }))
    if (/[ \t]/.test(key)) return fail(phrase('compose.envFile.whitespace', { name: key }))
    if (at >= 0) {
      out.push(line)
      continue
    }
    const value = lookup(line)
    if (value !== undefined) out.push(`${key}=${value}`)
  }
  return { ok: true, value: out }
}

export interface DotEnvEntry {
  name: string
  value: string
  line: number
}

/**
 * `.env` for interpolation (not something `docker stack deploy` reads): `KEY=VALUE` per line,
 * optional `export ` prefix, `#` comments, single quotes literal, double quotes with \n \t \\ \"
 * escapes, unquoted values trimmed and cut at ` #`. No variable expansion inside values.
 */
export function parseDotEnv(text: string): Parsed<DotEnvEntry[]> {
  const out: DotEnvEntry[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (line === '' || line.startsWith('#')) continue
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line)
    if (!m) return fail(phrase('compose.dotEnv.expected', { line: i + 1 }))
    const [, name, rest] = m
    let value: string
    if (rest.startsWith("'")) {
      const end = rest.indexOf("'", 1)
      if (end < 0) return fail(phrase('compose.dotEnv.singleQuote', { line: i + 1 }))
      value = rest.slice(1, end)
    } else if (rest.startsWith('"')) {
      let j = 1
      value = ''
      let closed = false
      while (j < rest.length) {
        const c = rest[j]
        if (c === '\\' && j + 1 < rest.length) {
          const n = rest[j + 1]
          value += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n
          j += 2
          continue
        }
        if (c === '"') {
          closed = true
          break
        }
        value += c
        j++
      }
      if (!closed) return fail(phrase('compose.dotEnv.doubleQuote', { line: i + 1 }))
    } else {
      const hash = rest.search(/\s#/)
      value = (hash >= 0 ? rest.slice(0, hash) : rest).trim()
    }
    out.push({ name, value, line: i + 1 })
  }
  return { ok: true, value: out }
}
