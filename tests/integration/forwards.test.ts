import { spawn } from 'node:child_process'
import { copyFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltCli, SWARMDESK_BIN } from '../support/cli'
import { docker, manager1SshEndpoint, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

// A port-forward to a web task on worker2 through a profile that only knows manager1: the task's
// node is reached over the manager's connection, nothing is published on the cluster; a local port
// in use is refused with the port; closing it frees the port and, after the idle time, the node
// connection. The CLI does the same in the foreground until Ctrl-C.
let lab: LabStatus
let scratch: string
let service: string
const harnesses: ReturnType<typeof startServices>[] = []
const IDLE_MS = 500

beforeAll(async () => {
  lab = requireLab()
  scratch = tempDir('sd-forwards-')
  writeFileSync(join(scratch, 'ssh_config'), '')
  service = uniqueName('it-fwd')
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', service, '--replicas', '1', '--constraint', 'node.hostname==worker2', lab.images.web1])
})

afterAll(async () => {
  for (const h of harnesses) h.services.dispose()
  if (service) await docker(lab, 'manager1', ['service', 'rm', service]).catch(() => undefined)
})

/** The real services, with an SSH profile to manager1 only (the lab's key and host keys). */
async function connect() {
  const h = startServices({ userKnownHostsPath: lab.ssh.knownHosts, sshConfigPath: join(scratch, 'ssh_config'), nodeIdleMs: IDLE_MS })
  harnesses.push(h)
  const profile = await h.call('connections.save', {
    name: 'lab manager1',
    endpoints: [manager1SshEndpoint(lab)]
  })
  const state = await h.call('clusters.open', { profileId: profile.id })
  expect(state.phase).toBe('ready')
  await waitFor('the web task running on worker2', () => {
    const model = h.model(state.clusterId)
    const svc = Object.values(model?.services ?? {}).find((s) => s.name === service)
    return svc && Object.values(model?.tasks ?? {}).some((t) => t.serviceId === svc.id && t.state === 'running' && t.desiredState === 'running')
  }, 90_000)
  return { h, clusterId: state.clusterId, profile }
}

/** Whether something listens on 127.0.0.1:port (it cannot be listened on again). */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(true))
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(false)))
  })
}

describe('port-forwards', () => {
  it('reaches a web task on a worker through 127.0.0.1, refuses a port in use, and closes everything', async () => {
    const { h, clusterId } = await connect()
    const changes: unknown[] = []
    h.services.bus.subscribe((name, payload) => name === 'forwards.changed' && changes.push(payload))

    const forward = await h.call('forwards.open', { clusterId, service, remotePort: 80, localPort: 0 })
    expect(forward).toMatchObject({ node: 'worker2', task: `${service}.1`, remotePort: 80, url: `http://127.0.0.1:${forward.localPort}` })
    expect(forward.localPort).toBeGreaterThan(0)
    expect(forward.cli).toBe(`ssh -J root@${lab.ssh.host} root@10.77.0.22 -N -L ${forward.localPort}:${forward.containerAddress}:80`)
    const body = await (await fetch(`${forward.url}/version.txt`)).text()
    expect(body.trim()).toBe('web 1')
    // Several connections at once, each its own channel.
    const bodies = await Promise.all([1, 2, 3].map(async () => (await fetch(`${forward.url}/version.txt`)).text()))
    expect(bodies.map((b) => b.trim())).toEqual(['web 1', 'web 1', 'web 1'])
    expect(await h.call('forwards.list', { clusterId })).toEqual([forward])
    expect(h.services.nodeAccess.openCount).toBe(1)

    const inUse = await h.call('forwards.open', { clusterId, service, remotePort: 80, localPort: forward.localPort }).catch((e: unknown) => e as { code: string; message: string })
    expect(inUse).toMatchObject({ code: 'PORT_IN_USE' })
    expect((inUse as { message: string }).message).toContain(`127.0.0.1:${forward.localPort} is already in use`)

    const refused = await h.call('forwards.open', { clusterId, service: `${service}.1`, remotePort: 81 }).catch((e: unknown) => e as { code: string; message: string })
    expect(refused).toMatchObject({ code: 'CONNECTION_REFUSED' })
    expect((refused as { message: string }).message).toMatch(/nothing listens on port 81/)

    expect(await h.call('forwards.close', { forwardId: forward.forwardId })).toEqual({ closed: true })
    expect(await portTaken(forward.localPort)).toBe(false)
    expect(await h.call('forwards.list', {})).toEqual([])
    expect(changes.at(-1)).toEqual({ forwards: [], ended: { forwardId: forward.forwardId, task: forward.task, localPort: forward.localPort, reason: null } })
    await waitFor('the node connection closed after its idle time', () => h.services.nodeAccess.openCount === 0, 10_000)
  })

  it('ends the forward, and says why, when its task stops', async () => {
    const { h, clusterId } = await connect()
    const forward = await h.call('forwards.open', { clusterId, service, remotePort: 80 })
    const ended = new Promise<{ reason: { code: string; message: string } | null }>((resolve) =>
      h.services.bus.subscribe((name, payload) => {
        const change = payload as { ended: { forwardId: string; reason: { code: string; message: string } | null } | null }
        if (name === 'forwards.changed' && change.ended?.forwardId === forward.forwardId) resolve(change.ended)
      })
    )
    await docker(lab, 'manager1', ['service', 'scale', '--detach', `${service}=0`])
    const why = await ended
    expect(why.reason).toMatchObject({ code: 'CONFLICT', message: `${forward.task} is no longer running` })
    expect(await portTaken(forward.localPort)).toBe(false)
    await waitFor('the node connection closed after its idle time', () => h.services.nodeAccess.openCount === 0, 10_000)
    // A service with no running task: said so, nothing opened.
    await waitFor('no running task in the mirror', async () => {
      const error = await h.call('forwards.open', { clusterId, service, remotePort: 80 }).catch((e: unknown) => e as { code: string; message: string })
      return 'code' in error && error.code === 'CONFLICT' && error.message === `service ${service} has no running task`
    })
    expect(h.services.nodeAccess.openCount).toBe(0)
    await docker(lab, 'manager1', ['service', 'scale', '--detach', `${service}=1`])
  })

  it('ends the forward, and says why, when the node connection drops', async () => {
    const { h, clusterId } = await connect()
    const forward = await h.call('forwards.open', { clusterId, service, remotePort: 80 })
    const ended = new Promise<{ reason: { code: string; message: string } | null }>((resolve) =>
      h.services.bus.subscribe((name, payload) => {
        const change = payload as { ended: { forwardId: string; reason: { code: string; message: string } | null } | null }
        if (name === 'forwards.changed' && change.ended?.forwardId === forward.forwardId) resolve(change.ended)
      })
    )
    // The node's one connection, as the forward holds it: its socket torn down as a dying link would.
    const lease = await h.services.nodeAccess.lease(clusterId, 'worker2')
    lease.ssh?.client.destroy()
    lease.release()
    const why = await ended
    expect(why.reason).toMatchObject({ code: 'CONNECTION_LOST', message: 'the SSH connection to worker2 closed' })
    expect(await portTaken(forward.localPort)).toBe(false)
    expect(await h.call('forwards.list', {})).toEqual([])
    await waitFor('the dropped node connection forgotten', () => h.services.nodeAccess.openCount === 0, 10_000)
  })

  it('closes its forwards, and says why, when the cluster is closed', async () => {
    const { h, clusterId } = await connect()
    const forward = await h.call('forwards.open', { clusterId, service, remotePort: 80 })
    const changes: { ended: { forwardId: string; reason: { message: string } | null } | null }[] = []
    h.services.bus.subscribe((name, payload) => name === 'forwards.changed' && changes.push(payload as (typeof changes)[number]))
    await h.call('clusters.close', { clusterId })
    expect(changes.map((c) => c.ended)).toEqual([expect.objectContaining({ forwardId: forward.forwardId, reason: expect.objectContaining({ message: 'its cluster was closed' }) })])
    expect(await portTaken(forward.localPort)).toBe(false)
    await waitFor('the node connection closed with its cluster', () => h.services.nodeAccess.openCount === 0, 10_000)
  })

  it('swarmdesk service port-forward holds a forward in the foreground until Ctrl-C', async () => {
    requireBuiltCli()
    const { h, profile } = await connect()
    // The CLI reads the same saved connection; the lab's host keys are SwarmDesk's own.
    copyFileSync(lab.ssh.knownHosts, join(h.dataDir, 'known_hosts'))
    h.services.dispose()
    const child = spawn(process.execPath, [SWARMDESK_BIN, '--connection', profile.name, 'service', 'port-forward', service, ':80'], {
      env: { PATH: process.env.PATH ?? '', HOME: tempDir('sd-fwd-home-'), SWARMDESK_DATA_DIR: h.dataDir },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    let exitCode: number | null | undefined
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve((exitCode = code))))
    try {
      const url = await waitFor('the URL the CLI prints', () => {
        if (exitCode !== undefined) throw new Error(`swarmdesk exited ${exitCode}: ${stderr}`)
        return /Forwarding (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1]
      }, 30_000)
      expect(stderr).toMatch(new RegExp(`-> ${service}\\.1 on worker2`))
      expect(stderr).toMatch(/ssh -J root@\S+ root@10\.77\.0\.22 -N -L \d+:[\d.]+:80/)
      const body = await (await fetch(`${url}/version.txt`)).text()
      expect(body.trim()).toBe('web 1')
      child.kill('SIGINT')
      expect(await exited).toBe(0)
      expect(await portTaken(Number(url.split(':')[2]))).toBe(false)
    } finally {
      child.kill('SIGKILL')
    }
  })
})
