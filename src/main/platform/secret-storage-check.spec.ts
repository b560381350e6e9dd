import { describe, expect, it } from 'vitest'
import { secretStorageGap } from './secret-storage-check'

describe('safeStorage backend check', () => {
  it.each([
    [{ encryptionAvailable: true, platform: 'linux', linuxBackend: 'gnome_libsecret' }, null],
    [{ encryptionAvailable: true, platform: 'linux', linuxBackend: 'kwallet5' }, null],
    [{ encryptionAvailable: true, platform: 'linux', linuxBackend: 'basic_text' }, 'basic-text'],
    [{ encryptionAvailable: true, platform: 'linux', linuxBackend: 'unknown' }, 'basic-text'],
    [{ encryptionAvailable: true, platform: 'linux' }, 'basic-text'],
    [{ encryptionAvailable: false, platform: 'linux', linuxBackend: 'basic_text' }, 'no-encryption'],
    [{ encryptionAvailable: true, platform: 'darwin' }, null],
    [{ encryptionAvailable: true, platform: 'win32' }, null],
    [{ encryptionAvailable: false, platform: 'win32' }, 'no-encryption']
  ] as const)('%j -> %s', (report, gap) => expect(secretStorageGap(report)).toBe(gap))
})
