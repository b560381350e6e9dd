// An editor buffer that is not saved anywhere has no directory, so a relative secret/config
// `file:` or `env_file` would silently be read from the app's working directory (or not found,
// with a confusing message about that directory). Say so at the entry, before anything is read
// or sent to the cluster. Pure.
import { phrase, type Phrase } from '../../shared/phrase'
import { diagnostic, type Diagnostic } from './compose-loader'
import { isRawMap, parseComposeYaml, pathKey, type PathSegment, type RawValue } from './compose-yaml'

/** Absolute once written, or decided by a variable (`${DIR}/x`) the loader interpolates: not judged here. */
function isRelative(path: string): boolean {
  const trimmed = path.trim()
  return trimmed !== '' && !trimmed.startsWith('/') && !trimmed.startsWith('$') && !trimmed.startsWith('~') && !/^[A-Za-z]:[\\/]/.test(trimmed)
}


/** Every relative `file:` of a top-level secret/config and every relative `env_file` entry of a service. */
export function relativeFileReferences(file: { path: string; text: string }): Diagnostic[] {
  const parsed = parseComposeYaml(file.text)
  const root = parsed.value
  if (!isRawMap(root)) return []
  const found: Diagnostic[] = []
  const report = (segments: PathSegment[], written: string, what: Phrase) => {
    const pos = parsed.valuePos.get(pathKey(segments)) ?? parsed.keyPos.get(pathKey(segments)) ?? { line: 1, column: 1 }
    found.push(diagnostic({ file: file.path, line: pos.line, column: pos.column, path: segments.join('.') }, phrase('compose.unsaved.relative', { what, written })))
  }
  for (const section of ['secrets', 'configs'] as const) {
    const entries = root[section]
    if (!isRawMap(entries)) continue
    for (const [key, entry] of Object.entries(entries)) {
      if (isRawMap(entry) && typeof entry.file === 'string' && isRelative(entry.file)) {
        report([section, key, 'file'], entry.file, section === 'secrets' ? phrase('compose.unsaved.secretFile', { name: key }) : phrase('compose.unsaved.configFile', { name: key }))
      }
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
        if (typeof value === 'string' && isRelative(value)) report(segments, value, phrase('compose.unsaved.envFile', { name: key }))
      }
    }
  }
  return found
}
