import { app, safeStorage } from 'electron'
import type { Platform } from './platform'
import { secretStorageGap, type SecretStorageGap } from './secret-storage-check'

/** What safeStorage protects with now; asked each time, since the backend is known only once the app is ready. */
function currentGap(): SecretStorageGap | null {
  return secretStorageGap({
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    platform: process.platform,
    linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined
  })
}

/** Electron's user data dir and OS keychain-backed safeStorage (never its plain-text fallback). */
export function createElectronPlatform(): Platform {
  return {
    name: 'electron',
    dataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    systemLanguages: () => app.getPreferredSystemLanguages(),
    secretStorage: {
      get available() {
        return currentGap() === null
      },
      get gap() {
        return currentGap()
      },
      encrypt: (plain) => {
        // whoever calls, nothing goes through the basic_text fallback
        const gap = currentGap()
        if (gap) throw new Error(`safeStorage cannot protect this value here (${gap}): it is not stored`)
        return safeStorage.encryptString(plain)
      },
      decrypt: (data) => safeStorage.decryptString(data)
    }
  }
}
