import { execFileSync } from 'node:child_process'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireLab, tempDir, type LabStatus } from '../support/lab'
import { collectPageErrors, launchChromium } from './support/browser'
import { startWebServer, type WebServer } from './support/web-server'
import { SwarmDeskApp } from './pages/swarmdesk-app'

// An SSH connection made in the UI: the unknown host key is shown with its SHA256 fingerprint,
// accepted once, and the cluster opens through the tunnel.
let lab: LabStatus
let server: WebServer
let browser: Browser
let page: Page
let app: SwarmDeskApp
let pageErrors: string[]

beforeAll(async () => {
  lab = requireLab()
  // A HOME of its own: no ~/.ssh/known_hosts, so the lab's host key is unknown to this user.
  server = await startWebServer({ HOME: tempDir('sd-e2e-home-'), DOCKER_HOST: `unix://${tempDir('sd-e2e-none-')}/docker.sock` })
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  pageErrors = collectPageErrors(page)
  app = new SwarmDeskApp(page)
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('SSH connection in the browser', () => {
  it('asks to accept the unknown host key, then opens the cluster over SSH', async () => {
    await app.open(server.url)
    await app.addConnection('lab-ssh', {
      ssh: { host: lab.ssh.host, port: lab.ssh.port, user: lab.ssh.user, identityFile: lab.ssh.privateKey, remoteSocket: lab.ssh.remoteSocket }
    })
    await app.openProfile('lab-ssh')
    await app.byTestId('hostkey-fingerprint').waitFor({ timeout: 30_000 })
    const expected = execFileSync('ssh-keygen', ['-lf', lab.ssh.knownHosts], { encoding: 'utf8' }).split(' ')[1]
    expect(await app.text('hostkey-fingerprint')).toBe(expected)
    expect(await app.text('hostkey-host')).toContain(lab.ssh.host)
    await app.byTestId('hostkey-accept').click()
    await app.waitForClusterReady('lab-ssh')
    await app.goto('nodes')
    for (const node of lab.nodes) await app.byTestId(`node-row-${node.hostname}`).waitFor()
    expect(pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
  })
})
