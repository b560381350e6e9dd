// Compose files given as texts (an editor's buffers, a stored deploy) or as paths, loaded like
// compose-files.ts does for paths: `.env` when asked, every env_file read from disk. Also maps a
// compiler issue's compose path back to a line and column in the files.
import { stat } from 'node:fs/promises'
import * as nodePath from 'node:path'
import { phrase } from '../../shared/phrase'
import type { ComposeFile, StackSource } from '../../shared/stacks'
import { diagnostic, type Diagnostic, type LoadComposeResult } from './compose-loader'
import { loadComposeTexts, readComposeTexts } from './compose-files'
import { relativeFileReferences } from './unsaved-file-refs'
import { isRawMap, parseComposeYaml, pathKey, type ParsedYaml, type RawValue } from './compose-yaml'

function isBlock(root: RawValue | undefined, segments: string[]): boolean {
  let at: RawValue | undefined = root
  for (const segment of segments) {
    if (Array.isArray(at)) at = at[Number(segment)]
    else if (isRawMap(at)) at = at[segment]
    else return false
  }
  return Array.isArray(at) || isRawMap(at)
}

export interface LoadedSource {
  files: ComposeFile[]
  result: LoadComposeResult
  /** `services.web.deploy.mode` -> where it is written (the last file that has it wins) */
  locate(path: string): { file: string; line: number; column: number } | null
}

/**
 * A buffer's place on disk that is a folder (`/home/me/course` for `/home/me/course/stack.yml`):
 * its relative file: and env_file would be looked for in the folder above. Said, never guessed.
 */
async function folderGivenAsFile(file: ComposeFile): Promise<Diagnostic | null> {
  try {
    if (!(await stat(file.path)).isDirectory()) return null
  } catch {
    // not there (yet): the buffer only names where its relative references are read from
    return null
  }
  return diagnostic({ file: file.path, line: 1, column: 1, path: '' }, phrase('compose.open.folderAsFile', { path: file.path, example: nodePath.join(file.path, 'docker-compose.yml') }))
}

export async function loadStackSource(source: StackSource, options: { env: Record<string, string>; useDotEnv: boolean }): Promise<LoadedSource> {
  let files: ComposeFile[]
  const readErrors: Diagnostic[] = []
  const unsavedErrors: Diagnostic[] = []
  if ('files' in source) {
    // `unsaved` stays with the file (and with a deploy record): its resolved path is not a real place
    files = source.files.map((f) => ({ path: nodePath.resolve(f.path), text: f.text, ...(f.unsaved ? { unsaved: true } : {}) }))
    // a buffer with no place on disk has no directory for its relative references
    source.files.forEach((f, i) => {
      if (f.unsaved) unsavedErrors.push(...relativeFileReferences(files[i]))
    })
    const folders = await Promise.all(files.map((f) => (f.unsaved ? null : folderGivenAsFile(f))))
    for (const found of folders) if (found) readErrors.push(found)
  } else {
    const read = await readComposeTexts(source.paths)
    files = read.files
    readErrors.push(...read.readErrors)
  }
  const parsed = new Map<string, ParsedYaml>()
  const locate = (dotted: string) => {
    const segments = dotted.split('.')
    for (let depth = segments.length; depth > 0; depth--) {
      const key = pathKey(segments.slice(0, depth))
      for (const file of [...files].reverse()) {
        let yaml = parsed.get(file.path)
        if (!yaml) {
          yaml = parseComposeYaml(file.text)
          parsed.set(file.path, yaml)
        }
        // a block (secrets.db) is best shown at its key, a scalar (deploy.replicas) at its value
        const pos = isBlock(yaml.value, segments.slice(0, depth)) ? (yaml.keyPos.get(key) ?? yaml.valuePos.get(key)) : (yaml.valuePos.get(key) ?? yaml.keyPos.get(key))
        if (pos) return { file: file.path, line: pos.line, column: pos.column }
      }
    }
    return null
  }
  if (readErrors.length > 0) return { files, result: { model: null, errors: readErrors, warnings: [], variables: [], missingEnvFiles: [] }, locate }

  const result = await loadComposeTexts(files, options)
  if (unsavedErrors.length === 0) return { files, result, locate }
  // Blocked whatever else the files say. The other errors in the compose files still show (one
  // round of fixes), but not those about env files: they were looked for in the wrong directory.
  const order = (d: Diagnostic) => files.findIndex((f) => f.path === d.file)
  const errors = [...unsavedErrors, ...result.errors.filter((e) => order(e) >= 0)].sort((a, b) => order(a) - order(b) || a.line - b.line || a.column - b.column)
  return { files, result: { ...result, model: null, errors }, locate }
}
