import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labUserHome, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// A terminal into a task on worker2 from a profile that holds only manager1's SSH: the worker
// accepts SSH from the managers only, so SwarmDesk jumps through manager1, as `ssh -J` would.
let lab: LabStatus
let session: BrowserSession
let page: Page
let app: SwarmDeskApp
const NAME = uniqueName('e2eterm')

beforeAll(async () => {
  lab = requireLab()
  // A user whose ~/.ssh knows the lab's hosts (the host key question is ssh-connection.test.ts's).
  const home = labUserHome(lab, 'sd-e2e-term-home-')
  session = await startBrowserSession({ ...noDefaultEngineEnv(), HOME: home })
  page = session.page
  app = session.app
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', NAME, '--constraint', 'node.hostname==worker2', lab.images.web1])
})

afterAll(async () => {
  await docker(lab, 'manager1', ['service', 'rm', NAME]).catch(() => undefined)
  await session?.stop()
})

describe('a terminal into a task', () => {
  it('opens a shell in a task on worker2 through manager1, runs commands, follows a resize and shows the exit code', async () => {
    await app.open(session.server.url)
    await app.connections.addConnection('manager1-ssh', { ssh: { host: lab.ssh.host, port: lab.ssh.port, user: lab.ssh.user, identityFile: lab.ssh.privateKey, remoteSocket: '/var/run/docker.sock' } })
    await app.connections.openProfile('manager1-ssh')
    await app.waitForClusterReady('manager1-ssh')
    const detail = await app.services.openService(NAME)
    const taskRow = detail.locator('[data-testid^="task-terminal-menu-"]').first()
    await taskRow.waitFor({ timeout: 60_000 })
    const taskId = ((await taskRow.getAttribute('data-testid')) ?? '').replace('task-terminal-menu-', '')
    const containerId = (await docker(lab, 'worker2', ['ps', '-q', '--no-trunc', '--filter', `label=com.docker.swarm.task.id=${taskId}`])).trim()
    expect(containerId).toMatch(/^[0-9a-f]{64}$/)

    const pane = await app.terminals.openFromTask(taskId)
    expect(await pane.getByTestId('terminal-cli-command').innerText()).toBe(`ssh -J root@10.77.0.11 root@10.77.0.22 -t docker exec -it ${containerId.slice(0, 12)} sh`)
    await app.terminals.typeLine(pane, 'hostname')
    await app.terminals.waitForScreen(pane, new RegExp(containerId.slice(0, 12)))
    // a file only this image's containers have
    await app.terminals.typeLine(pane, 'cat /www/version.txt')
    await app.terminals.waitForScreen(pane, /web 1/)

    await app.terminals.typeLine(pane, 'stty size')
    const before = await app.terminals.waitForScreen(pane, /^\d+ \d+$/m)
    const [rows, cols] = (before.match(/^(\d+) (\d+)$/m) ?? []).slice(1).map(Number)
    await page.setViewportSize({ width: 1000, height: 700 })
    await app.terminals.typeLine(pane, 'clear; stty size')
    await waitFor('the shell sees the new size', async () => {
      const size = (await app.terminals.screenText(pane)).match(/^(\d+) (\d+)$/m)
      return size !== null && (Number(size[1]) !== rows || Number(size[2]) !== cols)
    }, 20_000)

    await app.terminals.typeLine(pane, 'exit 3')
    await page.locator('[data-testid="terminal-pane"][data-status="ended"]').waitFor({ timeout: 20_000 })
    expect(await pane.getAttribute('data-exit-code')).toBe('3')
    expect(await pane.getByTestId('terminal-status').innerText()).toBe('exited with code 3')

    // a command of the user's instead of a shell, in a tab of its own
    await app.services.openService(NAME)
    const command = await app.terminals.openFromTask(taskId, `sh -c 'echo from the command; exit 5'`)
    await page.locator(`[data-testid="terminal-pane"][data-key="${await command.getAttribute('data-key')}"][data-status="ended"]`).waitFor({ timeout: 20_000 })
    expect(await command.getAttribute('data-exit-code')).toBe('5')
    expect(await app.terminals.screenText(command)).toContain('from the command')
    expect(await command.getByTestId('terminal-cli-command').innerText()).toContain(`docker exec -it ${containerId.slice(0, 12)} sh -c 'echo from the command; exit 5'`)
    expect(session.pageErrors()).toEqual([])
  })

  it("shows each node's route with its ssh command; a saved direct route to the worker is refused by it, and forgetting it brings the jump back", async () => {
    await app.goto('nodes')
    await app.byTestId('node-routes-open').click()
    const worker2 = app.byTestId('node-route-worker2')
    await worker2.waitFor()
    expect(await worker2.getAttribute('data-source')).toBe('through-manager')
    expect(await worker2.getByTestId('node-route-ssh').innerText()).toBe('ssh -J root@10.77.0.11 root@10.77.0.22')
    expect(await app.byTestId('node-route-manager1').getAttribute('data-source')).toBe('manager-connection')

    await app.byTestId('node-route-edit-worker2').click()
    await app.byTestId('node-route-via').getByText('Directly from this computer').click()
    await app.byTestId('node-route-user').fill('root')
    await app.byTestId('node-route-save').click()
    await page.locator('[data-testid="node-route-worker2"][data-source="saved"]').waitFor()
    expect(await worker2.getByTestId('node-route-ssh').innerText()).toBe('ssh root@10.77.0.22')
    await page.keyboard.press('Escape')
    await app.byTestId('node-routes-table').waitFor({ state: 'hidden' })

    // worker2 takes SSH only from the managers: the terminal says so and nothing hangs
    const detail = await app.services.openService(NAME)
    await detail.locator('[data-testid^="task-terminal-menu-"]').first().click()
    await page.locator('[data-testid^="task-terminal-"]:not([data-testid^="task-terminal-menu-"])').first().click()
    await page.locator('[data-testid="terminal-pane"][data-status="failed"]').last().waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('terminal-error').last().innerText()).toMatch(/root@10\.77\.0\.22|10\.77\.0\.22:22/)

    await app.goto('nodes')
    await app.byTestId('node-routes-open').click()
    await app.byTestId('node-route-forget-worker2').click()
    await page.locator('[data-testid="node-route-worker2"][data-source="through-manager"]').waitFor()
    expect(session.pageErrors()).toEqual([])
  })
})


describe('a worker whose host key nobody has seen', () => {
  let fresh: BrowserSession
  afterAll(async () => {
    await fresh?.stop()
  })

  it('shows the worker key fingerprint in the terminal tab; once trusted, the terminal opens', async () => {
    // this user's ~/.ssh knows manager1 only
    const home = tempDir('sd-e2e-term-home2-')
    mkdirSync(join(home, '.ssh'))
    const managerLine = readFileSync(lab.ssh.knownHosts, 'utf8').split('\n').find((l) => l.startsWith(`${lab.ssh.host} `))
    writeFileSync(join(home, '.ssh', 'known_hosts'), `${managerLine}\n`)
    fresh = await startBrowserSession({ ...noDefaultEngineEnv(), HOME: home })
    const app2 = fresh.app
    await app2.open(fresh.server.url)
    await app2.connections.addConnection('manager1-only', { ssh: { host: lab.ssh.host, port: lab.ssh.port, user: lab.ssh.user, identityFile: lab.ssh.privateKey, remoteSocket: '/var/run/docker.sock' } })
    await app2.connections.openProfile('manager1-only')
    await app2.waitForClusterReady('manager1-only')
    const detail = await app2.services.openService(NAME)
    await detail.locator('[data-testid^="task-terminal-menu-"]').first().click()
    await fresh.page.locator('[data-testid^="task-terminal-"]:not([data-testid^="task-terminal-menu-"])').first().click()
    const fingerprint = fresh.page.getByTestId('terminal-hostkey-fingerprint')
    await fingerprint.waitFor({ timeout: 30_000 })
    const expected = execFileSync('ssh-keygen', ['-lf', join(lab.labDir, 'ssh', 'host_worker2_ed25519_key.pub')], { encoding: 'utf8' }).split(' ')[1]
    expect(await fingerprint.innerText()).toBe(expected)
    await fresh.page.getByTestId('terminal-hostkey-accept').click()
    const pane = fresh.page.locator('[data-testid="terminal-pane"][data-status="open"]').last()
    await pane.waitFor({ timeout: 30_000 })
    await app2.terminals.typeLine(pane, 'cat /www/version.txt')
    await app2.terminals.waitForScreen(pane, /web 1/)
    expect(fresh.pageErrors()).toEqual([])
  })
})
