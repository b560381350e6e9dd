import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayload } from '../../src/shared/contract'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { WEB1 } from '../support/lab-images'
import { startServices } from '../support/services'

// A cluster reached on this computer's socket (a student's own engine): a terminal into a task on
// that very engine is a plain `docker exec` on the socket, with no SSH (the node may not even run
// an SSH server). What needs SSH to the node (a port-forward) says so, naming the fix.
let lab: LabStatus
let h: ReturnType<typeof startServices>
let clusterId: string
const NAME = uniqueName('lx')

beforeAll(async () => {
  lab = requireLab()
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', NAME, '--constraint', 'node.hostname==manager1', WEB1])
  // no ~/.ssh for this user: any SSH attempt would fail
  h = startServices({ nodeIdleMs: 300 })
  const profile = await h.call('connections.save', { name: uniqueName('local'), endpoints: [{ kind: 'socket', socketPath: labNode(lab, 'manager1').socket }] })
  clusterId = (await h.call('clusters.open', { profileId: profile.id })).clusterId
})

afterAll(async () => {
  h?.services.dispose()
  await docker(lab, 'manager1', ['service', 'rm', NAME]).catch(() => undefined)
})

describe('the engine behind the local socket', () => {
  it('is reached through that socket, with no ssh command', async () => {
    const routes = await h.call('nodes.routes', { clusterId })
    expect(routes.find((r) => r.hostname === 'manager1')).toMatchObject({ source: 'local-connection', route: { via: 'manager-itself' }, sshCommand: '' })
    expect(routes.find((r) => r.hostname === 'worker2')).toMatchObject({ source: 'node-address', sshCommand: 'ssh 10.77.0.22' })
  })

  it("runs a command in a task on it: docker exec, no SSH", async () => {
    const task = await waitFor('the task running on manager1', async () => {
      const snapshot = await h.call('clusters.snapshot', { clusterId })
      const service = snapshot.services.find((s) => s.name === NAME)
      return snapshot.tasks.find((t) => t.serviceId === service?.id && t.state === 'running' && t.containerId) ?? null
    }, 60_000)
    const info = await h.call('terminals.open', { clusterId, taskId: task.id, command: ['cat', '/www/version.txt'], cols: 80, rows: 24 })
    expect(info).toMatchObject({ node: 'manager1', taskId: task.id })
    expect(info.cli).toBe(`docker exec -it ${(task.containerId as string).slice(0, 12)} cat /www/version.txt`)
    const output = () =>
      h.received
        .filter((e) => e.name === 'terminals.output' && (e.payload as EventPayload<'terminals.output'>).terminalId === info.terminalId)
        .map((e) => Buffer.from((e.payload as EventPayload<'terminals.output'>).data, 'base64').toString('utf8'))
        .join('')
    await waitFor('the container answers', () => output().includes('web 1'), 15_000)
    const exit = await waitFor('the exit', () => h.received.find((e) => e.name === 'terminals.exit' && (e.payload as EventPayload<'terminals.exit'>).terminalId === info.terminalId), 15_000)
    expect(exit.payload).toMatchObject({ exitCode: 0 })
    expect(h.services.nodeAccess.openCount).toBe(0)
  })

  it('refuses a port-forward into it, saying an SSH route is needed', async () => {
    await expect(h.call('forwards.open', { clusterId, service: NAME, remotePort: 80, localPort: 0 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('manager1 is the engine SwarmDesk reaches on this computer\'s socket')
    })
  })
})
