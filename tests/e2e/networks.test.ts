import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The Networks page against the real lab, checked with the docker CLI: create an overlay network
// in the form (a bad subnet refused first), see it with its subnet, see a service's named volume
// on the node its task runs on, a remove refused while the service uses the network, then removed.
let lab: LabStatus
let session: BrowserSession
let page: Page
let app: SwarmDeskApp
const netName = uniqueName('h5e2enet')
const serviceName = uniqueName('h5e2esvc')
const volumeName = uniqueName('h5e2evol')
const third = 1 + Math.floor(Math.random() * 250)
const subnet = `10.200.${third}.0/24`

async function cliNetworks(): Promise<string[]> {
  return (await docker(lab, 'manager1', ['network', 'ls', '--filter', 'driver=overlay', '--format', '{{.Name}}'])).split('\n').filter(Boolean)
}

beforeAll(async () => {
  lab = requireLab()
  session = await startBrowserSession(noDefaultEngineEnv())
  page = session.page
  app = session.app
})

afterAll(async () => {
  await docker(lab, 'manager1', ['service', 'rm', serviceName]).catch(() => undefined)
  await waitFor('the task to stop', async () => !(await docker(lab, 'manager1', ['ps', '-a', '--filter', `name=${serviceName}`, '--format', '{{.ID}}'])), 60_000).catch(() => undefined)
  await docker(lab, 'manager1', ['network', 'rm', netName]).catch(() => undefined)
  await docker(lab, 'manager1', ['volume', 'rm', volumeName]).catch(() => undefined)
  await session?.stop()
})

describe('networks and volumes in the browser', () => {
  it('opens the lab on the Networks page', async () => {
    await app.open(session.server.url)
    await app.connections.addConnection('lab', { socketPath: labNode(lab, 'manager1').socket })
    await app.connections.openProfile('lab')
    await app.waitForClusterReady('lab')
    await app.byTestId('nav-networks').click()
    await app.byTestId('networks-page').waitFor()
    // The routing mesh's network is always there.
    await app.byTestId('network-row-ingress').waitFor()
  })

  it('refuses a subnet with host bits, then creates the network as planned', async () => {
    await app.byTestId('network-create').click()
    const dialog = app.byTestId('network-create-dialog')
    await dialog.waitFor()
    await app.byTestId('network-form-name').fill(netName)
    await app.byTestId('network-form-subnet').fill(`10.200.${third}.9/24`)
    const problem = page.locator('[data-testid="network-problem-subnet"] [data-code="subnet-host-bits"]')
    await problem.waitFor()
    expect(await problem.innerText()).toContain(subnet)
    expect(await app.byTestId('network-create-submit').isDisabled()).toBe(true)

    await app.byTestId('network-form-subnet').fill(subnet)
    await app.byTestId('network-form-gateway').fill(`10.200.${third}.254`)
    await app.byTestId('network-form-attachable').check()
    const cli = `docker network create --driver overlay --attachable --subnet ${subnet} --gateway 10.200.${third}.254 ${netName}`
    await waitFor('the planned CLI line', async () => (await app.text('network-create-cli-command')) === cli, 15_000)
    await page.locator('[data-testid="network-create-submit"]:not([disabled])').waitFor()
    expect(await page.locator('[data-testid^="network-problem-"]').count()).toBe(0)
    await app.byTestId('network-create-submit').click()
    await dialog.waitFor({ state: 'detached' })

    const row = app.byTestId(`network-row-${netName}`)
    await row.waitFor({ timeout: 30_000 })
    await waitFor('the subnet in the row', async () => (await row.getByTestId('network-subnets').innerText()).includes(subnet), 30_000)
    const inspected = JSON.parse(await docker(lab, 'manager1', ['network', 'inspect', netName, '--format', '{{json .IPAM.Config}}'])) as { Subnet: string; Gateway: string }[]
    expect(inspected).toEqual([{ Subnet: subnet, Gateway: `10.200.${third}.254` }])
    // Create opened its detail.
    const detail = app.byTestId('network-detail')
    await detail.waitFor()
    expect(await detail.getAttribute('data-network')).toBe(netName)
    await page.keyboard.press('Escape')
    await detail.waitFor({ state: 'detached' })
  })

  it('shows a service on the network, and its named volume on the node its task runs on', async () => {
    const manager1 = labNode(lab, 'manager1').hostname
    await docker(lab, 'manager1', [
      'service', 'create', '--detach', '--quiet', '--name', serviceName, '--network', netName,
      '--mount', `type=volume,source=${volumeName},target=/data`, '--constraint', `node.hostname==${manager1}`, lab.images.sleeper
    ])
    const services = app.byTestId(`network-row-${netName}`).getByTestId('network-services')
    await waitFor('the service in the network row', async () => (await services.innerText()).includes(serviceName), 30_000)

    await app.byTestId('networks-tab-volumes').click()
    await app.byTestId('volumes-panel').waitFor()
    const clusterRow = app.byTestId(`cluster-volume-${volumeName}`)
    await clusterRow.waitFor({ timeout: 60_000 })
    await waitFor('the volume on manager1', async () => (await clusterRow.getByTestId('cluster-volume-node').allInnerTexts()).join() === manager1, 60_000)
    // The same, per node: manager1 holds the volume for the service.
    await app.byTestId('cluster-volumes-view').getByText('By node').click()
    const onManager1 = app.byTestId(`node-volumes-${manager1}`).getByTestId('node-volume')
    await waitFor('the volume listed under manager1', async () => (await onManager1.allInnerTexts()).includes(`${volumeName} (${serviceName})`), 30_000)
    await app.byTestId('cluster-volumes-view').getByText('By volume').click()
    // The connected engine is manager1, and the page says so.
    expect(await app.text('engine-volumes-title')).toContain(manager1)
    await waitFor('the volume in manager1\'s docker volume ls', async () => {
      if (await app.byTestId(`engine-volume-${volumeName}`).count()) return true
      await app.byTestId('engine-volumes-refresh').click()
      return false
    }, 60_000)
    expect((await docker(lab, 'manager1', ['volume', 'ls', '--format', '{{.Name}}'])).split('\n')).toContain(volumeName)
    await app.byTestId('networks-tab-networks').click()
  })

  it('refuses to remove the network while the service uses it, naming the service', async () => {
    await app.byTestId(`network-row-${netName}`).click()
    await app.byTestId('network-remove').click()
    const dialog = app.byTestId('network-remove-dialog')
    await app.byTestId('network-remove-blocked').waitFor()
    expect(await dialog.getByTestId('network-remove-user').allInnerTexts()).toEqual([serviceName])
    expect(await dialog.getByTestId('network-remove-confirm').count()).toBe(0)
    expect(await app.text('network-remove-cli-command')).toBe(`docker network rm ${netName}`)
    await app.byTestId('network-remove-cancel').click()
    await dialog.waitFor({ state: 'detached' })
    expect(await cliNetworks()).toContain(netName)
  })

  it('removes the network once the service is gone', async () => {
    await docker(lab, 'manager1', ['service', 'rm', serviceName])
    const services = app.byTestId(`network-row-${netName}`).getByTestId('network-services')
    await waitFor('the service gone from the row', async () => !(await services.innerText()).includes(serviceName), 30_000)
    // The task's endpoint goes a moment after the service: the engine refuses until then.
    await waitFor('the task gone', async () => !(await docker(lab, 'manager1', ['ps', '-a', '--filter', `name=${serviceName}`, '--format', '{{.ID}}'])), 60_000)
    const detail = app.byTestId('network-detail')
    if (!(await detail.count())) await app.byTestId(`network-row-${netName}`).click()
    await app.byTestId('network-remove').click()
    const dialog = app.byTestId('network-remove-dialog')
    await app.byTestId('network-remove-confirm').click()
    await dialog.waitFor({ state: 'detached', timeout: 30_000 })
    await app.byTestId(`network-row-${netName}`).waitFor({ state: 'detached', timeout: 30_000 })
    await waitFor('the network gone from docker network ls', async () => !(await cliNetworks()).includes(netName), 30_000)
  })

  it('logged no error in the page', () => {
    expect(session.pageErrors()).toEqual([])
  })
})
