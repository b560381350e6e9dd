// `stacks.readFile`: open one compose file from disk into the editor by its path. The web mode has
// no native file dialog, so the user types the path; every way that can go wrong gets its own
// message naming the path. Reads only, never writes.
import * as nodePath from 'node:path'
import { refusal } from '../i18n/words'
import type { AppError } from '../../shared/errors'
import { phrase, type Phrase } from '../../shared/phrase'
import { readUserFile, systemProblem, type UserFileProblem } from '../files/user-file'

/** A compose file is text a person edits: far above any real one, low enough to keep the editor responsive. */
export const MAX_COMPOSE_FILE_BYTES = 1024 * 1024

export interface OpenedComposeFile {
  path: string
  text: string
  sizeBytes: number
}

/** Why a path cannot be opened before touching the disk, or null. Pure. */
export function composePathPhrase(path: string): Phrase | null {
  if (path.trim() === '') return phrase('compose.open.pathEmpty')
  if (!nodePath.isAbsolute(path)) return phrase('compose.open.pathRelative', { path })
  return null
}

/** An fs error as the specific AppError the user sees. */
export function fileErrorOf(path: string, e: unknown): AppError {
  return openProblem(path, systemProblem(e))
}

/** A problem of the safe reader in this file's own words (they predate it and name the editor's limit). */
function openProblem(path: string, problem: UserFileProblem): AppError {
  switch (problem.kind) {
    case 'missing':
      return refusal('NOT_FOUND', phrase('compose.open.noFile', { path }))
    case 'notDirectory':
      return refusal('NOT_FOUND', phrase('compose.open.notDirectory', { path }))
    case 'permission':
      return refusal('INVALID_INPUT', phrase('compose.open.permission', { path }))
    case 'directory':
      return refusal('INVALID_INPUT', phrase('compose.open.isDirectory', { path }))
    case 'device':
    case 'fifo':
    case 'socket':
      return refusal('INVALID_INPUT', phrase('compose.open.notRegular', { path }))
    case 'tooLarge':
      return refusal('VALUE_TOO_LARGE', phrase('compose.open.tooLarge', { path, size: problem.size, max: MAX_COMPOSE_FILE_BYTES }))
    case 'other':
      return refusal('INVALID_INPUT', phrase('compose.open.other', { path, detail: problem.detail }))
  }
}

export async function openComposeFile(requested: string): Promise<OpenedComposeFile> {
  const problem = composePathPhrase(requested)
  if (problem) throw refusal('INVALID_INPUT', problem)
  const path = nodePath.normalize(requested)
  // checked on the open handle: what is checked is what is read (src/main/files/user-file.ts)
  const read = await readUserFile(path, MAX_COMPOSE_FILE_BYTES)
  if (!read.ok) throw openProblem(path, read.problem)
  const bytes = read.bytes
  if (bytes.includes(0)) throw refusal('INVALID_INPUT', phrase('compose.open.binary', { path }))
  return { path, text: bytes.toString('utf8'), sizeBytes: bytes.length }
}
