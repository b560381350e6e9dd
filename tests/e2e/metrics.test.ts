import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labUserHome, requireLab, uniqueName, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// Metrics in the browser against the lab, the cluster opened over SSH to manager1 (workers are
// reached through it): a task burning a CPU on worker1 shows in its service's chart, and a
// service's reservations show in the Nodes page.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const created: string[] = []

beforeAll(async () => {
  lab = requireLab()
  // A HOME whose known_hosts knows the lab's nodes (manager1 and the workers behind it).
  const home = labUserHome(lab, 'sd-e2e-metrics-home-')
  session = await startBrowserSession({ ...noDefaultEngineEnv(), HOME: home })
  app = session.app
  await app.open(session.server.url)
  await app.connections.addConnection('lab-ssh', { ssh: { host: lab.ssh.host, port: lab.ssh.port, user: lab.ssh.user, identityFile: lab.ssh.privateKey, remoteSocket: lab.ssh.remoteSocket } })
  await app.connections.openProfile('lab-ssh')
  await app.waitForClusterReady('lab-ssh')
}, 90_000)

afterAll(async () => {
  for (const name of created) await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
  await session?.stop()
})

const selector = (testId: string, within: string | null) => `${within ? `[data-testid="${within}"] ` : ''}[data-testid="${testId}"]`
const attribute = (testId: string, within: string | null, name: string) => app.page.locator(selector(testId, within)).first().getAttribute(name)

/** Polls an attribute until `ok` holds; returns the time it took (ms). */
async function waitForAttribute(testId: string, within: string | null, name: string, ok: (value: string | null) => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now()
  for (;;) {
    const value = await attribute(testId, within, name).catch(() => null)
    if (ok(value)) return Date.now() - started
    if (Date.now() - started > timeoutMs) throw new Error(`${testId} ${name} is ${String(value)} after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe('metrics', () => {
  it("a task burning a CPU on worker1 shows above 50 % in its service's chart within 10 s", async () => {
    const name = uniqueName('e2e-burn')
    created.push(name)
    // Two busy loops: the lab's nodes share a small host with other work, and one loop alone may
    // get less than half a CPU when the host is busy; two keep the task well above 50 % of one CPU.
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', name, '--constraint', 'node.hostname==worker1', '--stop-grace-period', '1s', lab.images.sleeper, 'sh', '-c', 'while :; do :; done & while :; do :; done'])
    await app.goto('services')
    await app.services.waitForReplicas(name, '1/1')
    await app.services.openService(name)
    await app.byTestId('service-cpu-chart').waitFor()
    const seconds = (await waitForAttribute('service-cpu-chart', null, 'data-last-value', (v) => Number(v || 0) > 50, 10_000)) / 1000
    expect(Number(await attribute('service-cpu-chart', null, 'data-last-value'))).toBeGreaterThan(50)
    expect(seconds).toBeLessThan(10)
    expect(Number(await attribute('service-memory-chart', null, 'data-last-value'))).toBeGreaterThan(0)
    await app.services.closeServiceDrawer()
    expect(session.pageErrors()).toEqual([])
  }, 180_000)

  it("a service's reservations appear in the Nodes page, with the nodes' CPU % and memory %", async () => {
    await app.services.closeServiceDrawer()
    await app.goto('nodes')
    const row = 'node-row-worker2'
    await app.byTestId(row).waitFor()
    const before = Number(await attribute('node-reserved-cpu', row, 'data-value'))
    const beforeMemory = Number(await attribute('node-reserved-memory', row, 'data-value'))
    const name = uniqueName('e2e-reserve')
    created.push(name)
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', name, '--constraint', 'node.hostname==worker2', '--reserve-cpu', '0.5', '--reserve-memory', '64M', lab.images.sleeper])
    await waitForAttribute('node-reserved-cpu', row, 'data-value', (v) => Number(v) >= before + 0.5, 60_000)
    expect(Number(await attribute('node-reserved-memory', row, 'data-value'))).toBeGreaterThanOrEqual(beforeMemory + 64 * 1024 * 1024)
    expect(await app.page.locator(`[data-testid="${row}"] [data-testid="node-reserved-cpu"]`).innerText()).toMatch(/0[.,]5.* \/ .* CPU/)
    // Usage columns fill while the page is open (two samples of /proc/stat for CPU %).
    await waitForAttribute('node-cpu', row, 'data-value', (v) => Boolean(v), 20_000)
    expect(Number(await attribute('node-memory', row, 'data-value'))).toBeGreaterThan(0)
    await waitForAttribute('node-metrics-chart', null, 'data-points', (v) => Number(v) > 1, 20_000)
    expect(session.pageErrors()).toEqual([])
  }, 120_000)
})
