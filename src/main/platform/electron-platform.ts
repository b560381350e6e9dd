import { app, safeStorage } from 'electron'
import type { Platform } from './platform'

/** Electron's user data dir and OS keychain-backed safeStorage. */
export function createElectronPlatform(): Platform {
  return {
    name: 'electron',
    dataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    systemLanguages: () => app.getPreferredSystemLanguages(),
    secretStorage: {
      get available() {
        return safeStorage.isEncryptionAvailable()
      },
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (data) => safeStorage.decryptString(data),
      backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null)
    }
  }
}
