import { _electron as electron } from 'playwright-core'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { labNode, requireLab, tempDir } from '../support/lab'
import { findElectronBinary } from './support/electron-binary'
import { ROOT } from './support/web-server'

// The real Electron app, when its binary exists. These machines cannot download it; the reason is
// printed so a skipped run is never mistaken for a passing one.
const binary = findElectronBinary()
if ('missing' in binary) console.warn(`[e2e:electron] skipped: ${binary.missing}`)

describe.skipIf('missing' in binary)('Electron app', () => {
  it('starts hardened, talks over IPC, and shows the default engine (the lab) with its 5 nodes', async () => {
    const lab = requireLab()
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [join(ROOT, 'out', 'main', 'index.js'), '--no-sandbox'],
      env: { ...process.env, DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}`, XDG_CONFIG_HOME: tempDir('sd-electron-') } as Record<string, string>
    })
    try {
      const window = await app.firstWindow()
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0]
        const p = w.webContents.getLastWebPreferences()
        return { contextIsolation: p?.contextIsolation, sandbox: p?.sandbox, nodeIntegration: p?.nodeIntegration }
      })
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false })
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined')
      await window.getByTestId('transport-badge').waitFor()
      await window.getByTestId('nav-nodes').click()
      for (const node of lab.nodes) await window.getByTestId(`node-row-${node.hostname}`).waitFor({ timeout: 30_000 })
    } finally {
      await app.close()
    }
  })
})
