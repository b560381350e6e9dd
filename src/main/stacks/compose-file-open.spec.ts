import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { english } from '../i18n/english'
import { composePathPhrase, fileErrorOf, MAX_COMPOSE_FILE_BYTES, openComposeFile } from './compose-file-open'

const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-open-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function failure(path: string): Promise<AppError> {
  try {
    await openComposeFile(path)
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error(`opening ${path} did not fail`)
}

describe('composePathPhrase', () => {
  it.each([
    ['', 'give the path of a compose file'],
    ['docker-compose.yml', '"docker-compose.yml" is a relative path: give the absolute path'],
    ['./stack/a.yml', 'is a relative path']
  ])('%j', (path, expected) => expect(english(composePathPhrase(path) ?? { key: 'missing' })).toContain(expected))
  it('accepts an absolute path', () => expect(composePathPhrase('/srv/a.yml')).toBeNull())
})

describe('openComposeFile (on a temp dir)', () => {
  it('reads a regular file with its path and size', async () => {
    const path = join(dir, 'stack.yml')
    writeFileSync(path, 'services:\n  web:\n    image: nginx\n')
    expect(await openComposeFile(path)).toEqual({ path, text: 'services:\n  web:\n    image: nginx\n', sizeBytes: 34 })
  })
  it('relative path -> INVALID_INPUT, before touching the disk', async () => {
    const e = await failure('stack.yml')
    expect([e.code, e.message]).toEqual(['INVALID_INPUT', expect.stringContaining('relative path')])
  })
  it('missing -> NOT_FOUND naming the path', async () => {
    const e = await failure(join(dir, 'nope.yml'))
    expect([e.code, e.message]).toEqual(['NOT_FOUND', `no file at ${join(dir, 'nope.yml')}`])
  })
  it('directory -> INVALID_INPUT', async () => {
    mkdirSync(join(dir, 'sub'))
    const e = await failure(join(dir, 'sub'))
    expect([e.code, e.message]).toEqual(['INVALID_INPUT', `${join(dir, 'sub')} is a directory, not a compose file`])
  })
  it('over 1 MiB -> VALUE_TOO_LARGE with the size', async () => {
    const path = join(dir, 'big.yml')
    writeFileSync(path, 'x'.repeat(MAX_COMPOSE_FILE_BYTES + 1))
    const e = await failure(path)
    expect([e.code, e.message]).toEqual(['VALUE_TOO_LARGE', expect.stringContaining(`${MAX_COMPOSE_FILE_BYTES + 1} bytes`)])
  })
  it('binary -> INVALID_INPUT', async () => {
    const path = join(dir, 'bin.yml')
    writeFileSync(path, Buffer.from([0x61, 0, 0x62]))
    expect((await failure(path)).message).toContain('binary data')
  })
  it('permission and other fs errors get their own message (fileErrorOf; tests run as root, who reads any file)', () => {
    const fsError = (code: string) => Object.assign(new Error(`${code}: x`), { code })
    expect(fileErrorOf('/srv/a.yml', fsError('EACCES')).message).toBe('permission denied: SwarmDesk may not read /srv/a.yml')
    expect(fileErrorOf('/srv/a.yml', fsError('EPERM')).code).toBe('INVALID_INPUT')
    expect(fileErrorOf('/srv/a/b.yml', fsError('ENOTDIR')).code).toBe('NOT_FOUND')
    expect(fileErrorOf('/srv/a.yml', fsError('EIO')).message).toBe('cannot read /srv/a.yml: EIO: x')
  })
})
