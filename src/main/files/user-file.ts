// Files named by the user (a compose file, a secret's value, a stack's `file:` reference, an
// env_file): read only when they are regular files under a stated size. Checked on the open
// handle, so what is checked is what is read: a path swapped between a stat and a read cannot slip
// through, /dev/zero is never read (Node aborts after ~9 s), and a FIFO is opened with O_NONBLOCK
// so that opening it never waits for a writer; its fstat then refuses it.
import { constants, type Stats } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import type { AppError } from '../../shared/errors'
import { phrase, type Phrase } from '../../shared/phrase'
import { MAX_VALUE_BYTES } from '../../shared/secrets'
import { COMPOSE_TEXT_MAX_CHARS } from '../../shared/stacks'
import { refusal } from '../i18n/words'

export type UserFileProblem =
  | { kind: 'missing' | 'notDirectory' | 'permission' | 'directory' | 'device' | 'fifo' | 'socket' }
  | { kind: 'tooLarge'; size: number; max: number }
  | { kind: 'other'; detail: string }

export type UserFileRead = { ok: true; bytes: Buffer } | { ok: false; problem: UserFileProblem }

/** What a user-given file is for: it says the limit and how the refusal names what was expected. */
export type UserFileWhat = 'compose' | 'envFile' | 'secret' | 'config' | 'stackData' | 'privateKey'

/**
 * A compose file or env_file: 5 MB, so that a file read from disk is a text the contract accepts
 * (COMPOSE_TEXT_MAX_CHARS; a byte is at most one UTF-16 unit). A secret or config: the Engine's own
 * limits (500 KiB, 1000 KiB). A stack's `file:` reference is a secret or a config: the larger.
 * An SSH private key (IdentityFile, or the path given): 64 KiB.
 */
export const USER_FILE_MAX_BYTES: Record<UserFileWhat, number> = {
  compose: COMPOSE_TEXT_MAX_CHARS,
  envFile: COMPOSE_TEXT_MAX_CHARS,
  secret: MAX_VALUE_BYTES.secret,
  config: MAX_VALUE_BYTES.config,
  stackData: MAX_VALUE_BYTES.config,
  // an OpenSSH private key is a few KiB (RSA 16384 bits: about 12 KiB)
  privateKey: 64 * 1024
}

const READ_CHUNK_BYTES = 64 * 1024

/** The kind of a file that is not a regular file, or null for a regular one. Pure. */
export function nonRegularKind(info: Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>): UserFileProblem | null {
  if (info.isFile()) return null
  if (info.isDirectory()) return { kind: 'directory' }
  if (info.isFIFO()) return { kind: 'fifo' }
  if (info.isSocket()) return { kind: 'socket' }
  return { kind: 'device' }
}

/** An error of open/read as the problem it is for the user. Pure. */
export function systemProblem(error: unknown): UserFileProblem {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined
  if (code === 'ENOENT') return { kind: 'missing' }
  if (code === 'ENOTDIR') return { kind: 'notDirectory' }
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'permission' }
  if (code === 'EISDIR') return { kind: 'directory' }
  return { kind: 'other', detail: error instanceof Error ? error.message : String(error) }
}

async function readAtMost(handle: FileHandle, maxBytes: number): Promise<{ bytes: Buffer } | { over: number }> {
  const chunks: Buffer[] = []
  let total = 0
  for (;;) {
    const chunk = Buffer.alloc(READ_CHUNK_BYTES)
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
    if (bytesRead === 0) return { bytes: Buffer.concat(chunks, total) }
    chunks.push(chunk.subarray(0, bytesRead))
    total += bytesRead
    // the file grew between fstat and read: stop at once, never buffer more than the limit and a chunk
    if (total > maxBytes) return { over: total }
  }
}

/** Read a user-given file if it is a regular file of at most `maxBytes`; otherwise say why not. */
export async function readUserFile(path: string, maxBytes: number): Promise<UserFileRead> {
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    return { ok: false, problem: systemProblem(error) }
  }
  try {
    const info = await handle.stat()
    const notRegular = nonRegularKind(info)
    if (notRegular) return { ok: false, problem: notRegular }
    if (info.size > maxBytes) return { ok: false, problem: { kind: 'tooLarge', size: info.size, max: maxBytes } }
    const read = await readAtMost(handle, maxBytes)
    if ('over' in read) return { ok: false, problem: { kind: 'tooLarge', size: read.over, max: maxBytes } }
    return { ok: true, bytes: read.bytes }
  } catch (error) {
    return { ok: false, problem: systemProblem(error) }
  } finally {
    await handle.close().catch(() => undefined)
  }
}

function expectedPhrase(what: UserFileWhat): Phrase {
  switch (what) {
    case 'compose':
      return phrase('errors.said.file.expected.compose')
    case 'envFile':
      return phrase('errors.said.file.expected.envFile')
    case 'secret':
      return phrase('errors.said.file.expected.secret')
    case 'config':
      return phrase('errors.said.file.expected.config')
    case 'stackData':
      return phrase('errors.said.file.expected.stackData')
    case 'privateKey':
      return phrase('errors.said.file.expected.privateKey')
  }
}

/** The problem as a phrase naming the file and what was expected there. Pure. */
export function userFileProblemPhrase(path: string, what: UserFileWhat, problem: UserFileProblem): Phrase {
  const expected = expectedPhrase(what)
  switch (problem.kind) {
    case 'missing':
      return phrase('errors.said.file.missing', { path, expected })
    case 'notDirectory':
      return phrase('errors.said.file.notDirectory', { path, expected })
    case 'permission':
      return phrase('errors.said.file.permission', { path, expected })
    case 'directory':
      return phrase('errors.said.file.directory', { path, expected })
    case 'device':
      return phrase('errors.said.file.device', { path, expected })
    case 'fifo':
      return phrase('errors.said.file.fifo', { path, expected })
    case 'socket':
      return phrase('errors.said.file.socket', { path, expected })
    case 'tooLarge':
      return phrase('errors.said.file.tooLarge', { path, expected, size: problem.size, max: problem.max })
    case 'other':
      return phrase('errors.said.file.other', { path, expected, detail: problem.detail })
  }
}

/** The problem as the refusal a procedure throws: NOT_FOUND, VALUE_TOO_LARGE or INVALID_INPUT. */
export function userFileRefusal(path: string, what: UserFileWhat, problem: UserFileProblem): AppError {
  const said = userFileProblemPhrase(path, what, problem)
  if (problem.kind === 'missing' || problem.kind === 'notDirectory') return refusal('NOT_FOUND', said)
  if (problem.kind === 'tooLarge') return refusal('VALUE_TOO_LARGE', said)
  return refusal('INVALID_INPUT', said)
}

/** readUserFile for a procedure: the bytes, or the refusal. */
export async function readUserFileOrRefuse(path: string, what: UserFileWhat): Promise<Buffer> {
  const read = await readUserFile(path, USER_FILE_MAX_BYTES[what])
  if (!read.ok) throw userFileRefusal(path, what, read.problem)
  return read.bytes
}
