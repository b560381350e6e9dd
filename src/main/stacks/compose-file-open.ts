// `stacks.readFile`: open one compose file from disk into the editor by its path. The web mode has
// no native file dialog, so the user types the path; every way that can go wrong gets its own
// message naming the path. Reads only, never writes.
import { readFile, stat } from 'node:fs/promises'
import * as nodePath from 'node:path'
import { refusal } from '../i18n/words'
import type { AppError } from '../../shared/errors'
import { phrase, type Phrase } from '../../shared/phrase'

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

function systemCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined
}

/** An fs error as the specific AppError the user sees. */
export function fileErrorOf(path: string, e: unknown): AppError {
  switch (systemCode(e)) {
    case 'ENOENT':
      return refusal('NOT_FOUND', phrase('compose.open.noFile', { path }))
    case 'ENOTDIR':
      return refusal('NOT_FOUND', phrase('compose.open.notDirectory', { path }))
    case 'EACCES':
    case 'EPERM':
      return refusal('INVALID_INPUT', phrase('compose.open.permission', { path }))
    case 'EISDIR':
      return refusal('INVALID_INPUT', phrase('compose.open.isDirectory', { path }))
    default:
      return refusal('INVALID_INPUT', phrase('compose.open.other', { path, detail: e instanceof Error ? e.message : String(e) }))
  }
}

export async function openComposeFile(requested: string): Promise<OpenedComposeFile> {
  const problem = composePathPhrase(requested)
  if (problem) throw refusal('INVALID_INPUT', problem)
  const path = nodePath.normalize(requested)
  let info
  try {
    info = await stat(path)
  } catch (e) {
    throw fileErrorOf(path, e)
  }
  if (info.isDirectory()) throw refusal('INVALID_INPUT', phrase('compose.open.isDirectory', { path }))
  if (!info.isFile()) throw refusal('INVALID_INPUT', phrase('compose.open.notRegular', { path }))
  if (info.size > MAX_COMPOSE_FILE_BYTES) {
    throw refusal('VALUE_TOO_LARGE', phrase('compose.open.tooLarge', { path, size: info.size, max: MAX_COMPOSE_FILE_BYTES }))
  }
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (e) {
    throw fileErrorOf(path, e)
  }
  // the size may have changed between stat and read
  if (bytes.length > MAX_COMPOSE_FILE_BYTES) {
    throw refusal('VALUE_TOO_LARGE', phrase('compose.open.tooLarge', { path, size: bytes.length, max: MAX_COMPOSE_FILE_BYTES }))
  }
  if (bytes.includes(0)) throw refusal('INVALID_INPUT', phrase('compose.open.binary', { path }))
  return { path, text: bytes.toString('utf8'), sizeBytes: bytes.length }
}
