import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SecretStorage } from '../platform/platform'
import { ProfileStore } from './profile-store'

const noStorage: SecretStorage = { available: false, gap: 'basic-text', encrypt: () => Buffer.alloc(0), decrypt: () => '' }
// A reversible stand-in for safeStorage: what matters is that the file never holds the plain text.
const xorStorage: SecretStorage = {
  available: true,
  gap: null,
  encrypt: (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
  decrypt: (data) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString()
}
const sshEndpoint = { kind: 'ssh' as const, host: 'mgr1', user: 'root', useAgent: false, remoteSocket: '/var/run/docker.sock', hasPassphrase: false }

describe('ProfileStore', () => {
  it('saves, edits, lists and removes profiles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-prof-'))
    const store = new ProfileStore(dir, noStorage)
    const saved = await store.save({ name: 'lab', endpoints: [{ kind: 'socket', socketPath: '/tmp/a.sock' }] })
    expect(await store.list()).toEqual([saved])
    const edited = await store.save({ id: saved.id, name: 'lab2', endpoints: saved.endpoints })
    expect(edited).toMatchObject({ id: saved.id, name: 'lab2', createdAt: saved.createdAt })
    await expect(store.save({ name: 'lab2', endpoints: saved.endpoints })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(await store.remove(saved.id)).toBe(true)
    expect(await store.list()).toEqual([])
  })

  it('keeps a passphrase only in memory when safeStorage is unavailable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-prof-'))
    const store = new ProfileStore(dir, noStorage)
    const saved = await store.save({ name: 'ssh', endpoints: [sshEndpoint], passphrases: { '0': 'hunter2-secret' } })
    expect(saved.endpoints[0]).toMatchObject({ hasPassphrase: true })
    expect(await store.passphrase(saved.id, 0)).toBe('hunter2-secret')
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).not.toContain('hunter2')
    expect(existsSync(join(dir, 'passphrases.json'))).toBe(false)
    // A new process (new store) has forgotten it.
    expect(await new ProfileStore(dir, noStorage).passphrase(saved.id, 0)).toBeUndefined()
  })

  it('stores a passphrase only as ciphertext when safeStorage exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-prof-'))
    const store = new ProfileStore(dir, xorStorage)
    const saved = await store.save({ name: 'ssh', endpoints: [sshEndpoint], passphrases: { '0': 'hunter2-secret' } })
    expect(readFileSync(join(dir, 'passphrases.json'), 'utf8')).not.toContain('hunter2')
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).not.toContain('hunter2')
    expect(await new ProfileStore(dir, xorStorage).passphrase(saved.id, 0)).toBe('hunter2-secret')
    await store.remove(saved.id)
    expect(await new ProfileStore(dir, xorStorage).passphrase(saved.id, 0)).toBeUndefined()
  })
})
