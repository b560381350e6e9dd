import { homedir } from 'node:os'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import type { Platform } from './platform'

/** The same directory Electron's app.getPath('userData') gives on Linux, so both modes share profiles. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWARMDESK_DATA_DIR) return env.SWARMDESK_DATA_DIR
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'SwarmDesk')
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'SwarmDesk')
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'SwarmDesk')
}

export function packageVersion(): string {
  for (const candidate of [join(__dirname, '..', '..', 'package.json'), join(__dirname, '..', '..', '..', 'package.json')]) {
    try {
      return (JSON.parse(readFileSync(candidate, 'utf8')) as { version?: string }).version ?? '0.0.0'
    } catch {
      // try the next layout (built out/main vs. sources under src/main/platform)
    }
  }
  return '0.0.0'
}

export function createNodePlatform(dataDir = defaultDataDir()): Platform {
  return {
    name: 'node',
    dataDir,
    appVersion: packageVersion(),
    secretStorage: {
      available: false,
      gap: 'no-electron',
      encrypt() {
        throw new Error('secret storage is not available outside Electron')
      },
      decrypt() {
        throw new Error('secret storage is not available outside Electron')
      }
    }
  }
}
