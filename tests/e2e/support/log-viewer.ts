import type { Locator } from 'playwright-core'
import type { SwarmDeskApp } from '../pages/swarmdesk-app'

/**
 * Connects the page to a lab manager, opens a service's drawer and its Logs viewer, and waits until
 * the viewer streams (shared by the e2e test and `npm run bench:logs`).
 */
export async function openServiceLogs(app: SwarmDeskApp, url: string, socketPath: string, service: string): Promise<Locator> {
  await app.open(url)
  await app.connections.addConnection('lab', { socketPath })
  await app.connections.openProfile('lab')
  await app.waitForClusterReady('lab')
  await app.goto('services')
  await app.byTestId('services-filter').fill(service)
  await app.byTestId(`service-row-${service}`).click()
  const drawer = app.byTestId('service-detail')
  await drawer.getByTestId('logs-open').click()
  const viewer = drawer.getByTestId('log-viewer')
  await viewer.locator('[data-testid="log-status"][data-status="streaming"]').waitFor({ timeout: 60_000 })
  return viewer
}
