import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labUserHome, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { ForwardsPage } from './pages/forwards-page'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// A port-forward made in the UI, over SSH: a profile that knows only manager1, a web task pinned
// to worker2 (reached through the manager), its page fetched through 127.0.0.1, then closed.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
let forwards: ForwardsPage
const SERVICE = uniqueName('e2e-fwd')

beforeAll(async () => {
  lab = requireLab()
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', SERVICE, '--replicas', '1', '--constraint', 'node.hostname==worker2', lab.images.web1])
  // The user's own known_hosts knows the lab's nodes: no host-key question on the way.
  const home = labUserHome(lab, 'sd-e2e-fwd-home-')
  session = await startBrowserSession({ ...noDefaultEngineEnv(), HOME: home })
  app = session.app
  forwards = new ForwardsPage(app.page)
})

afterAll(async () => {
  await docker(lab, 'manager1', ['service', 'rm', SERVICE]).catch(() => undefined)
  await session?.stop()
})

describe('port-forward in the browser', () => {
  it('forwards a local port to a web task on a worker and its page comes through 127.0.0.1', async () => {
    await app.open(session.server.url)
    await app.connections.addConnection('lab-fwd', {
      ssh: { host: lab.ssh.host, port: lab.ssh.port, user: lab.ssh.user, identityFile: lab.ssh.privateKey, remoteSocket: lab.ssh.remoteSocket }
    })
    await app.connections.openProfile('lab-fwd')
    await app.waitForClusterReady('lab-fwd')
    await app.goto('services')
    await app.services.waitForReplicas(SERVICE, '1/1')
    const detail = await app.services.openService(SERVICE)
    const taskId = await docker(lab, 'manager1', ['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.ID}}', '--no-trunc', SERVICE])
    const row = `task-row-${taskId.split('\n')[0]}`
    await detail.getByTestId(row).waitFor()

    const url = await forwards.forwardTask(row, { remote: 80 })
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const body = await waitFor('the page through the forward', async () => (await (await fetch(`${url}/version.txt`)).text()).trim())
    expect(body).toBe('web 1')

    // The same local port again: refused, with the port.
    const port = Number(url.split(':')[2])
    await detail.getByTestId(row).getByTestId('task-port-forward').click()
    await app.byTestId('forward-remote-port').fill('80')
    await app.byTestId('forward-local-port').fill(String(port))
    await app.byTestId('forward-open').click()
    const refusal = await forwards.dialogError()
    expect(refusal.code).toBe('PORT_IN_USE')
    expect(refusal.text).toContain(`127.0.0.1:${port}`)
    await app.page.keyboard.press('Escape')
    await app.byTestId('forward-remote-port').waitFor({ state: 'detached' })

    await app.services.closeServiceDrawer()
    const listed = app.byTestId(`forward-row-${port}`)
    await listed.waitFor()
    expect(await listed.getByTestId('forward-url').getAttribute('href')).toBe(url)
    expect(await listed.getByTestId('forward-cli').innerText()).toMatch(new RegExp(`^ssh -J root@${lab.ssh.host.replace(/\./g, '\\.')} root@10\\.77\\.0\\.22 -N -L ${port}:[\\d.]+:80$`))
    await forwards.closeForward(port)
    await expect(fetch(`${url}/version.txt`)).rejects.toThrow()
    expect(session.pageErrors()).toEqual([])
  })
})
