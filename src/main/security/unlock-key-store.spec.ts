import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isAppError } from '../../shared/errors'
import type { Platform } from '../platform/platform'
import type { SecretStorageGap } from '../platform/secret-storage-check'
import { UnlockKeyStore } from './unlock-key-store'

const KEY = 'SWMKEY-1-abcdefghijklmnopqrstuvwxyz0123456789'

/** A stand-in keychain: reverses the bytes, so the file never holds the key as written. */
function platform(name: Platform['name'], gap: SecretStorageGap | null): Platform {
  return {
    name,
    dataDir: mkdtempSync(join(tmpdir(), 'sd-keys-')),
    appVersion: '0',
    secretStorage: {
      available: gap === null,
      gap,
      encrypt: (plain) => Buffer.from(plain).reverse(),
      decrypt: (data) => Buffer.from(data).reverse().toString()
    }
  }
}

describe('UnlockKeyStore', () => {
  it.each([
    ['plain Node (web mode, CLI)', platform('node', 'no-electron'), 'no-safe-storage'],
    ['Electron without encryption', platform('electron', 'no-encryption'), 'unavailable'],
    ['Electron on Linux with basic_text', platform('electron', 'basic-text'), 'basic-text'],
    ['Electron with a real keychain', platform('electron', null), null]
  ])('%s: keychain refusal %s', (_what, host, refusal) => {
    expect(new UnlockKeyStore(host).keychain().refusal).toBe(refusal)
  })

  it('refuses to keep a key without a real keychain, and writes nothing', async () => {
    const store = new UnlockKeyStore(platform('electron', 'basic-text'))
    const refused = await store.keep('swarm1', KEY).catch((error: unknown) => error)
    expect(isAppError(refused) && refused.code).toBe('NO_KEYCHAIN')
    expect(await store.has('swarm1')).toBe(false)
  })

  it('keeps only ciphertext on disk, gives the key back, forgets it', async () => {
    const host = platform('electron', null)
    const store = new UnlockKeyStore(host)
    await store.keep('swarm1', KEY)
    expect(readFileSync(join(host.dataDir, 'unlock-keys.json'), 'utf8')).not.toContain(KEY)
    expect(await store.get('swarm1')).toBe(KEY)
    expect(await store.get('other')).toBeNull()
    expect(await store.forget('swarm1')).toBe(true)
    expect(await store.get('swarm1')).toBeNull()
  })
})
