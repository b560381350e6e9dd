// Compose files given as texts (an editor's buffers, a stored deploy) or as paths, loaded like
// compose-files.ts does for paths: `.env` when asked, every env_file read from disk. Also maps a
// compiler issue's compose path back to a line and column in the files.
import { readFile } from 'node:fs/promises'
import * as nodePath from 'node:path'
import type { ComposeFile, StackSource } from '../../shared/stacks'
import { loadCompose, type Diagnostic, type LoadComposeResult } from './compose-loader'
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

async function readText(path: string): Promise<{ text: string } | { error: string }> {
  try {
    return { text: await readFile(path, 'utf8') }
  } catch (error) {
    return { error: (error as Error).message }
  }
}

export async function loadStackSource(source: StackSource, options: { env: Record<string, string>; useDotEnv: boolean }): Promise<LoadedSource> {
  let files: ComposeFile[]
  const readErrors: Diagnostic[] = []
  if ('files' in source) files = source.files.map((f) => ({ path: nodePath.resolve(f.path), text: f.text }))
  else {
    files = []
    for (const p of source.paths) {
      const path = nodePath.resolve(p)
      const read = await readText(path)
      if ('error' in read) readErrors.push({ file: path, line: 1, column: 1, path: '', message: read.error })
      else files.push({ path, text: read.text })
    }
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

  const workingDir = nodePath.dirname(files[0].path)
  let dotEnv: { path: string; text: string } | null = null
  if (options.useDotEnv) {
    const path = nodePath.join(workingDir, '.env')
    const read = await readText(path)
    if ('text' in read) dotEnv = { path, text: read.text }
  }
  const envFiles: Record<string, string> = {}
  let result = loadCompose({ files, env: options.env, dotEnv, envFiles, workingDir })
  // env_file paths are only known after interpolation: read what the loader asked for, once.
  if (result.missingEnvFiles.length > 0) {
    const envErrors: Diagnostic[] = []
    for (const path of result.missingEnvFiles) {
      const read = await readText(path)
      if ('text' in read) envFiles[path] = read.text
      else envErrors.push({ file: path, line: 1, column: 1, path: '', message: read.error })
    }
    result = loadCompose({ files, env: options.env, dotEnv, envFiles, workingDir })
    if (envErrors.length > 0) result = { ...result, model: null, errors: [...envErrors, ...result.errors.filter((e) => !envErrors.some((r) => r.file === e.file))] }
  }
  return { files, result, locate }
}
