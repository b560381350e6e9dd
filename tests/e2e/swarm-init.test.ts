import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, tempDir, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { startBrowserSession, type BrowserSession } from './support/session'

// An engine in no swarm, in the UI: initialise a swarm (with its CLI equivalent shown), see the
// new one-node swarm, get the join commands, then leave it again.
let lab: LabStatus
let session: BrowserSession
let page: Page
let app: SwarmDeskApp

beforeAll(async () => {
  lab = requireLab()
  session = await startBrowserSession({ DOCKER_HOST: `unix://${tempDir('sd-e2e-none-')}/docker.sock` })
  page = session.page
  app = session.app
})

afterAll(async () => {
  await docker(lab, 'solo', ['swarm', 'leave', '--force']).catch(() => undefined)
  await session?.stop()
})

describe('swarm init and leave in the browser', () => {
  it('initialises a swarm on a standalone engine, shows join commands, and leaves', async () => {
    const solo = labNode(lab, 'solo')
    await app.open(session.server.url)
    await app.connections.addConnection('solo', { socketPath: solo.socket })
    await app.connections.openProfile('solo')
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
    expect(session.pageErrors()).toEqual([])
  })
})
