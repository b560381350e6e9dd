import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayload } from '../../src/shared/contract'
import { docker, labCommand, manager1SshEndpoint, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { WEB1 } from '../support/lab-images'
import { startServices } from '../support/services'

// A worker goes down (its engine stops, as `systemctl stop docker` would) while a terminal into
// one of its tasks is open: the terminal ends within a stated time with the reason, the app goes
// on, and no SSH connection to the node is left behind.
let lab: LabStatus
let scratch: string
const NAME = uniqueName('nd')
let h: ReturnType<typeof startServices>

beforeAll(async () => {
  lab = requireLab()
  scratch = tempDir('sd-node-down-')
  writeFileSync(join(scratch, 'ssh_config'), '')
  copyFileSync(lab.ssh.knownHosts, join(scratch, 'known_hosts'))
  h = startServices({ userKnownHostsPath: join(scratch, 'known_hosts'), sshConfigPath: join(scratch, 'ssh_config'), nodeIdleMs: 300 })
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', NAME, '--constraint', 'node.hostname==worker1', WEB1])
})

afterAll(async () => {
  h?.services.dispose()
  await labCommand(['start-node', 'worker1']).catch(() => undefined)
  await docker(lab, 'manager1', ['service', 'rm', NAME]).catch(() => undefined)
})

describe('a node going down under an open terminal', () => {
  it('ends the terminal with why, within 30 s, and closes the node connection', async () => {
    const profile = await h.call('connections.save', {
      name: 'manager1 only',
      endpoints: [manager1SshEndpoint(lab)]
    })
    const { clusterId } = await h.call('clusters.open', { profileId: profile.id })
    const task = await waitFor('the task on worker1', async () => {
      const snapshot = await h.call('clusters.snapshot', { clusterId })
      const service = snapshot.services.find((s) => s.name === NAME)
      return snapshot.tasks.find((t) => t.serviceId === service?.id && t.state === 'running' && t.containerId)
    })
    const info = await h.call('terminals.open', { clusterId, taskId: task.id, command: null, cols: 80, rows: 24 })
    const stopped = Date.now()
    await labCommand(['stop-node', 'worker1'])
    const exit = await waitFor('the terminal ends', () => h.received.find((e) => e.name === 'terminals.exit' && (e.payload as EventPayload<'terminals.exit'>).terminalId === info.terminalId), 30_000)
    expect(Date.now() - stopped).toBeLessThan(60_000)
    const payload = exit.payload as EventPayload<'terminals.exit'>
    // the shell was killed with its container (an exit code from the engine), or the engine was gone before it could say (a reason)
    expect(payload.exitCode !== null || payload.reason !== null).toBe(true)
    if (payload.reason) expect(payload.reason.message).toContain('worker1')
    // the rest of the app goes on: the cluster still answers
    expect((await h.call('clusters.snapshot', { clusterId })).nodes.length).toBeGreaterThanOrEqual(5)
    await waitFor('no connection to the node is left', () => h.services.nodeAccess.openCount === 0, 15_000)
  })
})
