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
      // What the hardening means for the page: no Node, and only the one small bridge object.
      const exposure = await window.evaluate(() => {
        const g = globalThis as unknown as { require?: unknown; process?: unknown; swarmdesk?: Record<string, unknown> }
        return { require: typeof g.require, process: typeof g.process, bridge: Object.keys(g.swarmdesk ?? {}).sort() }
      })
      expect(exposure).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'subscribe'] })
      await window.getByTestId('transport-badge').waitFor()
      await window.getByTestId('nav-nodes').click()
      for (const node of lab.nodes) await window.getByTestId(`node-row-${node.hostname}`).waitFor({ timeout: 30_000 })
    } finally {
      await app.close()
    }
  })
})
