import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './web-server'

/**
 * Where the Electron binary is, or why there is none. Read from the electron package's own
 * path.txt without requiring the package: requiring it starts a download attempt when missing.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  const pkg = join(ROOT, 'node_modules', 'electron')
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const candidate = join(override, process.platform === 'win32' ? 'electron.exe' : 'electron')
    return existsSync(candidate) ? { path: candidate } : { missing: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist` }
  }
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) {
    return { missing: 'the Electron binary is not installed (node_modules/electron/path.txt is absent: npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 because the download host is unreachable)' }
  }
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? { path: binary } : { missing: `the Electron binary ${binary} named by path.txt does not exist` }
}
