import type { SecretStorageGap } from './secret-storage-check'

/**
 * What the services need from the host application. Electron supplies safeStorage and its user
 * data dir (electron-platform.ts); web mode and the CLI run in plain Node (node-platform.ts).
 */
export interface SecretStorage {
  /** False in plain Node, or without a real keychain: passphrases are then kept in memory for the run only. */
  readonly available: boolean
  /** Why not available (null when it is): shown to the user next to the passphrase. */
  readonly gap: SecretStorageGap | null
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}

export interface Platform {
  readonly dataDir: string
  readonly appVersion: string
  readonly name: 'electron' | 'node'
  readonly secretStorage: SecretStorage
  /**
   * The OS's preferred languages, most preferred first, where the renderer cannot see them
   * (Electron's navigator.languages holds only the app locale). Absent: the renderer's own list.
   */
  readonly systemLanguages?: () => string[]
}
