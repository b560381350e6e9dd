import { execFileSync } from 'node:child_process'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, uniqueName, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The real UI in Debian's Chromium, over the WebSocket transport, against the real 5-node lab.
let lab: LabStatus
let session: BrowserSession
let page: Page
let app: SwarmDeskApp
const services: string[] = []

beforeAll(async () => {
  lab = requireLab()
  // A user whose docker CLI points nowhere useful: SwarmDesk must say so, then let them add the lab.
  session = await startBrowserSession(noDefaultEngineEnv())
  page = session.page
  app = session.app
})

afterAll(async () => {
  for (const name of services) await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
  await session?.stop()
})

describe('overview in the browser', () => {
  it('explains why the default engine cannot be opened', async () => {
    await app.open(session.server.url)
    const failure = page.locator('[data-testid="cluster-failure"][data-error-code="CONNECTION_REFUSED"]').first()
    await failure.waitFor({ timeout: 30_000 })
    expect(await failure.innerText()).toMatch(/docker\.sock/)
  })

  it('adds a connection to the lab and shows its 5 nodes and the quorum figures', async () => {
    await app.connections.addConnection('lab', { socketPath: labNode(lab, 'manager1').socket })
    await app.connections.openProfile('lab')
    await app.waitForClusterReady('lab')
    await app.goto('overview')
    expect(await app.text('quorum-managers')).toBe('3')
    expect(await app.text('quorum-size')).toBe('2')
    expect(await app.text('quorum-tolerance')).toBe('1')
    for (const manager of ['manager1', 'manager2', 'manager3']) await app.byTestId(`manager-row-${manager}`).waitFor()
    expect(await page.locator('[data-testid^="manager-row-"][data-leader="true"]').count()).toBe(1)

    await app.goto('nodes')
    for (const node of lab.nodes) await app.byTestId(`node-row-${node.hostname}`).waitFor()
    expect(await page.locator('[data-testid^="node-row-"]').count()).toBe(5)
  })

  it('shows a service created with the docker CLI without a reload, with its tasks', async () => {
    await app.goto('services')
    // A marker on window proves that no page reload happened in between.
    await page.evaluate(() => ((globalThis as unknown as { e2eMarker: number }).e2eMarker = 42))
    const name = uniqueName('e2e-web')
    services.push(name)
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', name, '--replicas', '2', lab.images.web1])
    const row = app.byTestId(`service-row-${name}`)
    await row.waitFor({ timeout: 30_000 })
    await page.locator(`[data-testid="service-row-${name}"] [data-testid="service-replicas"][data-health="ok"]`).waitFor({ timeout: 60_000 })
    expect(await row.innerText()).toContain('2/2')
    expect(await page.evaluate(() => (globalThis as unknown as { e2eMarker?: number }).e2eMarker)).toBe(42)

    await row.click()
    await app.byTestId('tasks-table').waitFor()
    const cliTasks = execFileSync('docker', ['-H', `unix://${labNode(lab, 'manager1').socket}`, 'service', 'ps', '-q', '--filter', 'desired-state=running', name], { encoding: 'utf8' })
      .trim()
      .split('\n')
    for (const id of cliTasks) await app.byTestId(`task-row-${id}`).waitFor({ timeout: 30_000 })
  })

  it('logged no error in the page', () => {
    // The refused default engine is reported in the UI, not as a page error.
    expect(session.pageErrors()).toEqual([])
  })
})
