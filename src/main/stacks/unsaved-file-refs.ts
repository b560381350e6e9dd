// An editor buffer that is not saved anywhere has no directory, so a relative secret/config
// `file:` or `env_file` would silently be read from the app's working directory (or not found,
// with a confusing message about that directory). Say so at the entry, before anything is read
// or sent to the cluster. Pure.
import type { Diagnostic } from './compose-loader'
import { isRawMap, parseComposeYaml, pathKey, type PathSegment, type RawValue } from './compose-yaml'

/** Absolute once written, or decided by a variable (`${DIR}/x`) the loader interpolates: not judged here. */
function isRelative(path: string): boolean {
  const trimmed = path.trim()
  return trimmed !== '' && !trimmed.startsWith('/') && !trimmed.startsWith('$') && !trimmed.startsWith('~') && !/^[A-Za-z]:[\\/]/.test(trimmed)
}

const message = (what: string, written: string) =>
  `${what} "${written}" is relative to the compose file, but this file is not on disk (it only lives in the editor): open the compose file from disk, give the buffer the path where it is saved, or use an absolute path`

/** Every relative `file:` of a top-level secret/config and every relative `env_file` entry of a service. */
export function relativeFileReferences(file: { path: string; text: string }): Diagnostic[] {
  const parsed = parseComposeYaml(file.text)
  const root = parsed.value
  if (!isRawMap(root)) return []
  const found: Diagnostic[] = []
  const report = (segments: PathSegment[], written: string, what: string) => {
    const pos = parsed.valuePos.get(pathKey(segments)) ?? parsed.keyPos.get(pathKey(segments)) ?? { line: 1, column: 1 }
    found.push({ file: file.path, line: pos.line, column: pos.column, path: segments.join('.'), message: message(what, written) })
  }
  for (const section of ['secrets', 'configs'] as const) {
    const entries = root[section]
    if (!isRawMap(entries)) continue
    for (const [key, entry] of Object.entries(entries)) {
      if (isRawMap(entry) && typeof entry.file === 'string' && isRelative(entry.file)) report([section, key, 'file'], entry.file, `${section === 'secrets' ? 'secret' : 'config'} ${key}: file`)
    }
  }
  const services = root.services
  if (isRawMap(services)) {
    for (const [key, service] of Object.entries(services)) {
      if (!isRawMap(service)) continue
      const envFile: RawValue | undefined = service.env_file
      const entries: [PathSegment[], RawValue][] = Array.isArray(envFile) ? envFile.map((v, i) => [['services', key, 'env_file', i], v]) : [[['services', key, 'env_file'], envFile ?? null]]
      for (const [segments, value] of entries) {
        // compose 3 only has string entries; a map form ({ path: ... }) is refused by the schema anyway
        if (typeof value === 'string' && isRelative(value)) report(segments, value, `service ${key}: env_file`)
      }
    }
  }
  return found
}
