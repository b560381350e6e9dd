import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireLab, tempDir, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { startBrowserSession, type BrowserSession } from './support/session'

// An SSH connection made in the UI: the unknown host key is shown with its SHA256 fingerprint,
// accepted once, and the cluster opens through the tunnel.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp

beforeAll(async () => {
  lab = requireLab()
  // A HOME of its own: no ~/.ssh/known_hosts, so the lab's host key is unknown to this user.
  session = await startBrowserSession({ HOME: tempDir('sd-e2e-home-'), DOCKER_HOST: `unix://${tempDir('sd-e2e-none-')}/docker.sock` })
  app = session.app
})

afterAll(async () => {
  await session?.stop()
})

describe('SSH connection in the browser', () => {
  it('asks to accept the unknown host key, then opens the cluster over SSH', async () => {
    await app.open(session.server.url)
    await app.connections.addConnection('lab-ssh', {
      ssh: { host: lab.ssh.host, port: lab.ssh.port, user: lab.ssh.user, identityFile: lab.ssh.privateKey, remoteSocket: lab.ssh.remoteSocket }
    })
    await app.connections.openProfile('lab-ssh')
    await app.byTestId('hostkey-fingerprint').waitFor({ timeout: 30_000 })
    const expected = execFileSync('ssh-keygen', ['-lf', lab.ssh.knownHosts], { encoding: 'utf8' }).split(' ')[1]
    expect(await app.text('hostkey-fingerprint')).toBe(expected)
    expect(await app.text('hostkey-host')).toContain(lab.ssh.host)
    await app.byTestId('hostkey-accept').click()
    await app.waitForClusterReady('lab-ssh')
    await app.goto('nodes')
    for (const node of lab.nodes) await app.byTestId(`node-row-${node.hostname}`).waitFor()
    expect(session.pageErrors()).toEqual([])
  })
})
