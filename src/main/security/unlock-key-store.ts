import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { SecurityFacts } from '../../shared/security'
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import type { Platform } from '../platform/platform'

const fileSchema = z.record(z.string(), z.string())

/**
 * Unlock keys the user asked to keep, one per swarm, in the OS keychain: the file holds only
 * safeStorage's ciphertext. Refused where there is no real keychain: outside Electron (web mode,
 * the CLI) and on Linux when safeStorage falls back to `basic_text` (a key built into the app,
 * which protects nothing). Nothing is ever kept in plain text, nor in memory between calls.
 */
export class UnlockKeyStore {
  private readonly path: string

  constructor(private readonly platform: Platform) {
    this.path = join(platform.dataDir, 'unlock-keys.json')
  }

  /** Whether a key can be kept here (platform/secret-storage-check.ts says whether the keychain is real). */
  keychain(): SecurityFacts['keychain'] {
    if (this.platform.name !== 'electron') return { refusal: 'no-safe-storage' }
    const storage = this.platform.secretStorage
    if (storage.gap === 'basic-text') return { refusal: 'basic-text' }
    if (!storage.available) return { refusal: 'unavailable' }
    return { refusal: null }
  }

  private async read(): Promise<Record<string, string>> {
    try {
      return fileSchema.parse(JSON.parse(await readFile(this.path, 'utf8')))
    } catch {
      return {}
    }
  }

  private async write(keys: Record<string, string>): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 })
    const temp = `${this.path}.${process.pid}.tmp`
    await writeFile(temp, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 })
    await rename(temp, this.path)
  }

  async has(swarmId: string): Promise<boolean> {
    return swarmId in (await this.read())
  }

  async keep(swarmId: string, unlockKey: string): Promise<void> {
    const refused = this.keychain().refusal
    if (refused) throw refusal('NO_KEYCHAIN', keychainRefusalPhrase(refused))
    const keys = await this.read()
    keys[swarmId] = this.platform.secretStorage.encrypt(unlockKey).toString('base64')
    await this.write(keys)
  }

  /** The kept key of a swarm, or null. */
  async get(swarmId: string): Promise<string | null> {
    const sealed = (await this.read())[swarmId]
    if (!sealed || this.keychain().refusal) return null
    return this.platform.secretStorage.decrypt(Buffer.from(sealed, 'base64'))
  }

  async forget(swarmId: string): Promise<boolean> {
    const keys = await this.read()
    if (!(swarmId in keys)) return false
    delete keys[swarmId]
    await this.write(keys)
    return true
  }
}

function keychainRefusalPhrase(reason: NonNullable<SecurityFacts['keychain']['refusal']>) {
  switch (reason) {
    case 'no-safe-storage':
      return phrase('security.said.keychain-none')
    case 'basic-text':
      return phrase('security.said.keychain-basic-text')
    case 'unavailable':
      return phrase('security.said.keychain-unavailable')
  }
}
