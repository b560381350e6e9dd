// Whether Electron's safeStorage really protects what SwarmDesk would store. On Linux without a
// keyring (no Secret Service, no KWallet) Chromium falls back to `basic_text`: the "encryption"
// uses a fixed key compiled into every build, so a stored passphrase would be readable by anyone
// who can read the file. SwarmDesk then stores nothing, keeps passphrases in memory for the run,
// and says why. Pure: electron-platform.ts feeds it what safeStorage reports.

/** Why passphrases are not stored: no encryption at all, Linux's plain-text fallback, or plain Node. */
export type SecretStorageGap = 'no-encryption' | 'basic-text' | 'no-electron'

export function secretStorageGap(report: { encryptionAvailable: boolean; platform: string; linuxBackend?: string }): SecretStorageGap | null {
  if (!report.encryptionAvailable) return 'no-encryption'
  // 'unknown' is what Electron says before it could pick one: not a keyring either
  if (report.platform === 'linux' && (report.linuxBackend === undefined || report.linuxBackend === 'basic_text' || report.linuxBackend === 'unknown')) return 'basic-text'
  return null
}
