// `stacks.readFile`: open one compose file from disk into the editor by its path. The web mode has
// no native file dialog, so the user types the path; every way that can go wrong gets its own
// message naming the path. Reads only, never writes.
import { readFile, stat } from 'node:fs/promises'
import * as nodePath from 'node:path'
import { AppError } from '../../shared/errors'

/** A compose file is text a person edits: far above any real one, low enough to keep the editor responsive. */
export const MAX_COMPOSE_FILE_BYTES = 1024 * 1024

export interface OpenedComposeFile {
  path: string
  text: string
  sizeBytes: number
}

/** Why a path cannot be opened before touching the disk, or null. Pure. */
export function composePathProblem(path: string): string | null {
  if (path.trim() === '') return 'give the path of a compose file'
  if (!nodePath.isAbsolute(path)) {
    return `"${path}" is a relative path: give the absolute path of the compose file (e.g. /home/me/stack/docker-compose.yml), so that relative file: and env_file entries are found beside it`
  }
  return null
}

function systemCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined
}

/** An fs error as the specific AppError the user sees. */
export function fileErrorOf(path: string, e: unknown): AppError {
  switch (systemCode(e)) {
    case 'ENOENT':
      return new AppError('NOT_FOUND', `no file at ${path}`)
    case 'ENOTDIR':
      return new AppError('NOT_FOUND', `no file at ${path}: a part of the path is not a directory`)
    case 'EACCES':
    case 'EPERM':
      return new AppError('INVALID_INPUT', `permission denied: SwarmDesk may not read ${path}`)
    case 'EISDIR':
      return new AppError('INVALID_INPUT', `${path} is a directory, not a compose file`)
    default:
      return new AppError('INVALID_INPUT', `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`)
  }
}

export async function openComposeFile(requested: string): Promise<OpenedComposeFile> {
  const problem = composePathProblem(requested)
  if (problem) throw new AppError('INVALID_INPUT', problem)
  const path = nodePath.normalize(requested)
  let info
  try {
    info = await stat(path)
  } catch (e) {
    throw fileErrorOf(path, e)
  }
  if (info.isDirectory()) throw new AppError('INVALID_INPUT', `${path} is a directory, not a compose file`)
  if (!info.isFile()) throw new AppError('INVALID_INPUT', `${path} is not a regular file (a device, socket or pipe cannot be a compose file)`)
  if (info.size > MAX_COMPOSE_FILE_BYTES) {
    throw new AppError('VALUE_TOO_LARGE', `${path} is ${info.size} bytes: a compose file opened in the editor may be at most ${MAX_COMPOSE_FILE_BYTES} bytes (1 MiB)`)
  }
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (e) {
    throw fileErrorOf(path, e)
  }
  // the size may have changed between stat and read
  if (bytes.length > MAX_COMPOSE_FILE_BYTES) {
    throw new AppError('VALUE_TOO_LARGE', `${path} is ${bytes.length} bytes: a compose file opened in the editor may be at most ${MAX_COMPOSE_FILE_BYTES} bytes (1 MiB)`)
  }
  if (bytes.includes(0)) throw new AppError('INVALID_INPUT', `${path} holds binary data (a NUL byte), not a YAML compose file`)
  return { path, text: bytes.toString('utf8'), sizeBytes: bytes.length }
}
