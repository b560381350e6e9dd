import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, tempDir, type LabStatus } from '../support/lab'
import { collectPageErrors, launchChromium } from './support/browser'
import { startWebServer, type WebServer } from './support/web-server'
import { SwarmDeskApp } from './pages/swarmdesk-app'

// An engine in no swarm, in the UI: initialise a swarm (with its CLI equivalent shown), see the
// new one-node swarm, get the join commands, then leave it again.
let lab: LabStatus
let server: WebServer
let browser: Browser
let page: Page
let app: SwarmDeskApp
let pageErrors: string[]

beforeAll(async () => {
  lab = requireLab()
  server = await startWebServer({ DOCKER_HOST: `unix://${tempDir('sd-e2e-none-')}/docker.sock` })
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  pageErrors = collectPageErrors(page)
  app = new SwarmDeskApp(page)
})

afterAll(async () => {
  await docker(lab, 'solo', ['swarm', 'leave', '--force']).catch(() => undefined)
  await browser?.close()
  await server?.stop()
})

describe('swarm init and leave in the browser', () => {
  it('initialises a swarm on a standalone engine, shows join commands, and leaves', async () => {
    const solo = labNode(lab, 'solo')
    await app.open(server.url)
    await app.addConnection('solo', { socketPath: solo.socket })
    await app.openProfile('solo')
    await page.locator('[data-testid="cluster-item-solo"][data-phase="no-swarm"]').waitFor({ timeout: 30_000 })
    await app.byTestId('swarm-init-screen').waitFor()
    await app.byTestId('swarm-init-advertise').fill(solo.address)
    expect(await app.text('swarm-init-cli-command')).toContain(`docker swarm init --advertise-addr ${solo.address}`)
    await app.byTestId('swarm-init-submit').click()
    await app.waitForClusterReady('solo')
    await app.goto('overview')
    expect(await app.text('quorum-managers')).toBe('1')
    expect(await app.text('quorum-tolerance')).toBe('0')
    expect(await docker(lab, 'solo', ['info', '--format', '{{.Swarm.LocalNodeState}}'])).toBe('active')

    await app.byTestId('join-commands-button').click()
    const workerToken = await docker(lab, 'solo', ['swarm', 'join-token', '-q', 'worker'])
    await app.byTestId('join-worker').waitFor()
    expect(await app.text('join-worker')).toContain(`docker swarm join --token ${workerToken} ${solo.address}:2377`)
    await page.keyboard.press('Escape')

    await app.byTestId('leave-swarm-button').click()
    await app.byTestId('leave-force').check()
    expect(await app.text('leave-cli-command')).toBe('docker swarm leave --force')
    await app.byTestId('leave-swarm-dialog-confirm').click()
    await page.locator('[data-testid="cluster-item-solo"][data-phase="no-swarm"]').waitFor({ timeout: 30_000 })
    expect(await docker(lab, 'solo', ['info', '--format', '{{.Swarm.LocalNodeState}}'])).toBe('inactive')
    expect(pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
  })
})
