// The only file-system access of the stack loader: read the compose files (and, when asked, the
// `.env` beside the first one and every env_file they name), then hand the texts to the pure
// loader. Secret and config contents are read here too, when an applier asks for them.
import * as nodePath from 'node:path'
import { phrase, type Phrase } from '../../shared/phrase'
import { readUserFile, readUserFileOrRefuse, USER_FILE_MAX_BYTES, userFileProblemPhrase } from '../files/user-file'
import { diagnostic, loadCompose, type Diagnostic, type LoadComposeResult } from './compose-loader'

export interface ReadComposeOptions {
  /** defaults to process.env */
  env?: Record<string, string>
  /** read `.env` beside the first compose file for interpolation (the docker CLI never does) */
  useDotEnv?: boolean
}

/** A compose file, `.env` or env_file: a regular file of at most 5 MB (src/main/files/user-file.ts). */
async function readText(path: string, what: 'compose' | 'envFile'): Promise<{ text: string } | { error: Phrase }> {
  const read = await readUserFile(path, USER_FILE_MAX_BYTES[what])
  return read.ok ? { text: read.bytes.toString('utf8') } : { error: userFileProblemPhrase(path, what, read.problem) }
}

function processEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v
  return env
}

/** Read compose files from disk; unreadable ones become diagnostics at line 1. */
export async function readComposeTexts(paths: string[]): Promise<{ files: { path: string; text: string }[]; readErrors: Diagnostic[] }> {
  const files: { path: string; text: string }[] = []
  const readErrors: Diagnostic[] = []
  for (const path of paths.map((p) => nodePath.resolve(p))) {
    const read = await readText(path, 'compose')
    if ('error' in read) readErrors.push(diagnostic({ file: path, line: 1, column: 1, path: '' }, phrase('compose.load.readFailed', { detail: read.error })))
    else files.push({ path, text: read.text })
  }
  return { files, readErrors }
}

/**
 * Load compose texts (from disk or an editor) the way the CLI would: `.env` beside the first file
 * when asked, then every env_file the files name (their paths are only known after interpolation,
 * so the loader says which it needs and runs once more).
 */
export async function loadComposeTexts(files: { path: string; text: string }[], options: ReadComposeOptions = {}): Promise<LoadComposeResult> {
  const workingDir = nodePath.dirname(files[0].path)
  let dotEnv: { path: string; text: string } | null = null
  if (options.useDotEnv) {
    const path = nodePath.join(workingDir, '.env')
    const read = await readText(path, 'envFile')
    if ('text' in read) dotEnv = { path, text: read.text }
  }
  const env = options.env ?? processEnv()
  const envFiles: Record<string, string> = {}
  let result = loadCompose({ files, env, dotEnv, envFiles, workingDir })
  if (result.missingEnvFiles.length > 0) {
    const envErrors: Diagnostic[] = []
    for (const path of result.missingEnvFiles) {
      const read = await readText(path, 'envFile')
      if ('text' in read) envFiles[path] = read.text
      else envErrors.push(diagnostic({ file: path, line: 1, column: 1, path: '' }, phrase('compose.load.readFailed', { detail: read.error })))
    }
    result = loadCompose({ files, env, dotEnv, envFiles, workingDir })
    if (envErrors.length > 0) {
      result = { ...result, model: null, errors: [...envErrors, ...result.errors.filter((e) => !envErrors.some((r) => r.file === e.file))] }
    }
  }
  return result
}

/** `docker stack deploy -c a.yml -c b.yml` up to the point where the CLI has its merged config. */
export async function loadComposeFiles(paths: string[], options: ReadComposeOptions = {}): Promise<LoadComposeResult> {
  const { files, readErrors } = await readComposeTexts(paths)
  if (readErrors.length > 0) return { model: null, errors: readErrors, warnings: [], variables: [], missingEnvFiles: [] }
  return loadComposeTexts(files, options)
}

/** Contents of a secret or config `file:` as the base64 `Data` of its spec (a regular file within the Engine's limit). */
export async function readStackFileData(path: string): Promise<string> {
  return (await readUserFileOrRefuse(path, 'stackData')).toString('base64')
}
