// A buffer's place on disk, told apart from a folder by stat (a real temporary folder, no engine).
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { french } from '../../../tests/support/french'
import { loadStackSource } from './stack-sources'

const TEXT = 'services:\n  web:\n    image: web:1\nsecrets:\n  db_password:\n    file: ./db_password.txt\n'
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stack-sources-'))
  await writeFile(join(dir, 'db_password.txt'), 's3cret')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('loadStackSource: where an editor buffer lives', () => {
  it.each([
    ['the compose file in the folder (not written yet): its secrets are read beside it', () => join(dir, 'stack.yml'), null],
    ['the folder itself: refused, saying it is a folder and what to give instead', () => dir, 'folder']
  ])('%s', async (_name, where, expected) => {
    const loaded = await loadStackSource({ files: [{ path: where(), text: TEXT }] }, { env: {}, useDotEnv: false })
    if (expected === null) {
      expect(loaded.result.errors).toEqual([])
      expect(loaded.result.model).not.toBeNull()
      return
    }
    expect(loaded.result.model).toBeNull()
    expect(loaded.result.errors.map((e) => e.message)).toEqual([
      `${dir} is a folder, not a file: give the path of the compose file itself (e.g. ${join(dir, 'docker-compose.yml')}), so that its relative file: and env_file entries are read from ${dir}`
    ])
    expect(french(loaded.result.errors[0].said)).toContain(`${dir} est un dossier, pas un fichier`)
  })
})
