/**
 * What the services need from the host application. Electron supplies safeStorage and its user
 * data dir (electron-platform.ts); web mode and the CLI run in plain Node (node-platform.ts).
 */
export interface SecretStorage {
  /** False in plain Node: passphrases are then kept in memory for the run only. */
  readonly available: boolean
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
  /**
   * The keychain behind it on Linux (`basic_text` means no keychain at all: a hard-coded key);
   * null elsewhere or outside Electron.
   */
  backend?(): string | null
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
