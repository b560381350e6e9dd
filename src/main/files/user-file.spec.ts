import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { english } from '../i18n/english'
import { french } from '../../../tests/support/french'
import { readComposeTexts, readStackFileData } from '../stacks/compose-files'
import { openComposeFile } from '../stacks/compose-file-open'
import { readValue } from '../secrets/secret-values'
import { buildAuthPlan } from '../connections/ssh/ssh-auth'
import { readUserFile, readUserFileOrRefuse, USER_FILE_MAX_BYTES, userFileProblemPhrase } from './user-file'

// Real special files: /dev/zero (endless), a FIFO with no writer (a read would wait forever), a
// directory, a file over the limit. Each read must end at once with a refusal naming the file.
const dir = mkdtempSync(join(tmpdir(), 'sd-user-file-'))
const fifo = join(dir, 'pipe')
execFileSync('mkfifo', [fifo])
mkdirSync(join(dir, 'folder'))
writeFileSync(join(dir, 'small'), 'services: {}\n')
const QUICK = 2000

describe('readUserFile', () => {
  it('reads a regular file', async () => {
    expect(await readUserFile(join(dir, 'small'), 100)).toEqual({ ok: true, bytes: Buffer.from('services: {}\n') })
  })

  it.each([
    ['/dev/zero', 'device'],
    ['/dev/null', 'device'],
    [fifo, 'fifo'],
    [join(dir, 'folder'), 'directory'],
    [join(dir, 'nope'), 'missing'],
    [join(dir, 'small', 'x'), 'notDirectory']
  ])('refuses %s (%s) at once', async (path, kind) => {
    expect(await readUserFile(path, 1024)).toEqual({ ok: false, problem: { kind } })
  }, QUICK)

  it('refuses a file over the limit before reading it', async () => {
    writeFileSync(join(dir, 'big'), Buffer.alloc(2048))
    expect(await readUserFile(join(dir, 'big'), 1024)).toEqual({ ok: false, problem: { kind: 'tooLarge', size: 2048, max: 1024 } })
  })

  it('states the limits: compose 5 MB, secret and config the Engine\'s', () => {
    expect(USER_FILE_MAX_BYTES).toMatchObject({ compose: 5_000_000, secret: 500 * 1024, config: 1000 * 1024 })
  })

  it('names the file and what was expected, in English and French', async () => {
    const said = userFileProblemPhrase(fifo, 'secret', { kind: 'fifo' })
    expect(english(said)).toBe(`${fifo} is a named pipe (FIFO), which SwarmDesk never waits on; expected a secret's value (at most 500 KiB, the Engine's limit), a regular file`)
    expect(french(said)).toContain('tube nommé')
    await expect(readUserFileOrRefuse('/dev/zero', 'compose')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('/dev/zero is a device') })
  })
})

describe('every user-given path goes through it', () => {
  it('a secret value from a file', async () => {
    await expect(readValue({ path: '/dev/zero' }, 'secret')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(readValue({ path: fifo }, 'config')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('named pipe') })
  }, QUICK)

  it('a stack\'s secret or config `file:`', async () => {
    await expect(readStackFileData('/dev/zero')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(readStackFileData(fifo)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  }, QUICK)

  it('compose files given by path', async () => {
    const { files, readErrors } = await readComposeTexts(['/dev/zero', fifo])
    expect(files).toEqual([])
    expect(readErrors.map((e) => e.message)).toEqual([expect.stringContaining('/dev/zero is a device'), expect.stringContaining(`${fifo} is a named pipe`)])
  }, QUICK)

  it('stacks.readFile', async () => {
    await expect(openComposeFile(fifo)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('not a regular file') })
    await expect(openComposeFile('/dev/zero')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  }, QUICK)

  it('an SSH private key (given, or an IdentityFile of ~/.ssh/config)', async () => {
    const plan = (identityFile?: string, configIdentityFiles: string[] = []) =>
      buildAuthPlan({ username: 'root', identityFile, configIdentityFiles, passphrase: undefined, useAgent: false, agentSocket: undefined })
    await expect(plan('/dev/zero')).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('/dev/zero is a device') })
    await expect(plan(fifo)).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('named pipe') })
    const fromConfig = await plan(undefined, [fifo])
    expect(fromConfig.steps).toEqual([])
    expect(fromConfig.notes.map((note) => english(note))).toEqual([expect.stringContaining(`${fifo} is a named pipe`)])
  }, QUICK)
})
