import { execFile } from 'node:child_process'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayload } from '../../src/shared/contract'
import { cliRunner, requireBuiltCli, SWARMDESK_BIN } from '../support/cli'
import { docker, labUserHome, manager1SshEndpoint, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { WEB1 } from '../support/lab-images'
import { startServices } from '../support/services'

// Node access on the real lab: a worker's task entered from a profile that holds only manager1's
// SSH (workers accept SSH from the managers only, so the route must jump), through the app's
// terminal procedures and through `swarmdesk service exec`; refusals; nothing left open.
let lab: LabStatus
let scratch: string
let home: string
const NAME = uniqueName('nx')
const PENDING = uniqueName('nxp')
const harnesses: ReturnType<typeof startServices>[] = []

function harness(knownHosts = join(scratch, 'known_hosts')) {
  const h = startServices({ userKnownHostsPath: knownHosts, sshConfigPath: join(scratch, 'ssh_config'), nodeIdleMs: 300 })
  harnesses.push(h)
  return h
}

async function openOverSsh(h: ReturnType<typeof startServices>): Promise<string> {
  const profile = await h.call('connections.save', {
    name: uniqueName('manager1-only'),
    endpoints: [manager1SshEndpoint(lab)]
  })
  return (await h.call('clusters.open', { profileId: profile.id })).clusterId
}

async function runningTask(h: ReturnType<typeof startServices>, clusterId: string): Promise<{ id: string; containerId: string }> {
  return waitFor('the task running on worker2', async () => {
    const snapshot = await h.call('clusters.snapshot', { clusterId })
    const service = snapshot.services.find((s) => s.name === NAME)
    const task = snapshot.tasks.find((t) => t.serviceId === service?.id && t.state === 'running' && t.containerId)
    return task ? { id: task.id, containerId: task.containerId as string } : null
  })
}

/** Output of a terminal, decoded, until `until` matches. */
function terminalOutput(h: ReturnType<typeof startServices>, terminalId: string): () => string {
  return () =>
    h.received
      .filter((e) => e.name === 'terminals.output' && (e.payload as EventPayload<'terminals.output'>).terminalId === terminalId)
      .map((e) => Buffer.from((e.payload as EventPayload<'terminals.output'>).data, 'base64').toString('utf8'))
      .join('')
}

beforeAll(async () => {
  lab = requireLab()
  scratch = tempDir('sd-node-exec-')
  writeFileSync(join(scratch, 'ssh_config'), '')
  copyFileSync(lab.ssh.knownHosts, join(scratch, 'known_hosts'))
  // The CLI's user: ~/.ssh with the lab key and known_hosts, as a user's would have.
  home = labUserHome(lab, 'sd-node-exec-home-', { key: true })
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', NAME, '--constraint', 'node.hostname==worker2', WEB1])
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', PENDING, '--constraint', 'node.labels.nx_never==true', WEB1])
})

afterAll(async () => {
  for (const h of harnesses) h.services.dispose()
  await docker(lab, 'manager1', ['service', 'rm', NAME, PENDING]).catch(() => undefined)
})

describe('node access', () => {
  it('routes worker2 through manager1 (it refuses SSH from anywhere else)', async () => {
    const h = harness()
    const clusterId = await openOverSsh(h)
    const routes = await h.call('nodes.routes', { clusterId })
    expect(routes.find((r) => r.hostname === 'worker2')).toMatchObject({ source: 'through-manager', route: { via: 'manager', host: '10.77.0.22', user: 'root' }, sshCommand: 'ssh -J root@10.77.0.11 root@10.77.0.22' })
    expect(routes.find((r) => r.hostname === 'manager1')).toMatchObject({ source: 'manager-connection', route: { via: 'manager-itself' } })
  })

  it('opens a terminal into a task on worker2: its own files, resize, exit code; the node connection closes when idle', async () => {
    const h = harness()
    const clusterId = await openOverSsh(h)
    const task = await runningTask(h, clusterId)
    const info = await h.call('terminals.open', { clusterId, taskId: task.id, command: null, cols: 80, rows: 24 })
    expect(info).toMatchObject({ node: 'worker2', taskId: task.id })
    expect(info.cli).toBe(`ssh -J root@10.77.0.11 root@10.77.0.22 -t docker exec -it ${task.containerId.slice(0, 12)} sh`)
    const output = terminalOutput(h, info.terminalId)
    await h.call('terminals.input', { terminalId: info.terminalId, data: 'hostname; cat /www/version.txt\r' })
    await waitFor('the container answers', () => output().includes('web 1'), 15_000)
    expect(output()).toContain(task.containerId.slice(0, 12))
    await h.call('terminals.resize', { terminalId: info.terminalId, cols: 120, rows: 40 })
    await h.call('terminals.input', { terminalId: info.terminalId, data: 'stty size\r' })
    await waitFor('the new size', () => output().includes('40 120'), 15_000)
    await h.call('terminals.input', { terminalId: info.terminalId, data: 'exit 3\r' })
    const exit = await waitFor('the exit', () => h.received.find((e) => e.name === 'terminals.exit' && (e.payload as EventPayload<'terminals.exit'>).terminalId === info.terminalId), 15_000)
    expect(exit.payload).toMatchObject({ exitCode: 3, reason: null })
    await waitFor('the node connection closed once idle', () => h.services.nodeAccess.openCount === 0, 10_000)
  })

  it('refuses a changed host key of a worker, whatever else is known', async () => {
    const knownHosts = join(scratch, 'known_hosts_changed')
    // manager1's real key, and another key for worker2 (manager3's)
    const lines = readFileSync(lab.ssh.knownHosts, 'utf8').split('\n').filter(Boolean)
    const manager3Key = lines.find((l) => l.startsWith('10.77.0.13 '))?.split(' ').slice(1).join(' ')
    writeFileSync(knownHosts, [...lines.filter((l) => !l.startsWith('10.77.0.22 ')), `10.77.0.22 ${manager3Key}`].join('\n') + '\n')
    const h = harness(knownHosts)
    const clusterId = await openOverSsh(h)
    const task = await runningTask(h, clusterId)
    await expect(h.call('terminals.open', { clusterId, taskId: task.id, command: null, cols: 80, rows: 24 })).rejects.toMatchObject({ code: 'HOST_KEY_CHANGED' })
    expect(h.services.nodeAccess.openCount).toBe(0)
  })

  it('refuses a task that is not running, with its state, and an unknown task', async () => {
    const h = harness()
    const clusterId = await openOverSsh(h)
    const pending = await waitFor('the pending task', async () => {
      const snapshot = await h.call('clusters.snapshot', { clusterId })
      const service = snapshot.services.find((s) => s.name === PENDING)
      return snapshot.tasks.find((t) => t.serviceId === service?.id)
    })
    await expect(h.call('terminals.open', { clusterId, taskId: pending.id, command: null, cols: 80, rows: 24 })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/is (pending|new|allocated), not running/) })
    await expect(h.call('terminals.open', { clusterId, taskId: 'no-such-task-at-all', command: null, cols: 80, rows: 24 })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(h.services.nodeAccess.openCount).toBe(0)
  })
})

describe('a container gone under the mirror', () => {
  it('refuses with what happened when the container was removed behind SwarmDesk\'s back', async () => {
    const h = harness()
    const clusterId = await openOverSsh(h)
    const task = await runningTask(h, clusterId)
    // someone removes the container on the node; the mirror may still show the task running
    await docker(lab, 'worker2', ['rm', '-f', task.containerId])
    const refused = await h.call('terminals.open', { clusterId, taskId: task.id, command: null, cols: 80, rows: 24 }).catch((e: unknown) => e as { code: string; message: string })
    expect(refused).toMatchObject({ code: 'CONFLICT' })
    expect((refused as { message: string }).message).toMatch(/no longer running on worker2|not running/)
    await waitFor('the node connection closed once idle', () => h.services.nodeAccess.openCount === 0, 10_000)
  })
})

describe('swarmdesk service exec', () => {
  const swarmdesk = cliRunner({ host: () => `ssh://root@${lab.ssh.host}` })
  const env = () => ({ HOME: home })
  beforeAll(async () => {
    await waitFor('the task running', async () => (await docker(lab, 'manager1', ['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.CurrentState}}', NAME])).startsWith('Running'))
  })

  it('passes the exit code through, keeps stdout and stderr apart, pipes stdin with -i', async () => {
    requireBuiltCli()
    const read = await swarmdesk(['service', 'exec', NAME, '--', 'cat', '/www/version.txt'], { env: env() })
    expect(read.code, read.stderr).toBe(0)
    expect(read.stdout.trim()).toBe('web 1')
    expect(read.stderr).toMatch(/^ssh -J root@10\.77\.0\.11 root@10\.77\.0\.22 docker exec [0-9a-f]{12} cat \/www\/version\.txt$/m)
    const failing = await swarmdesk(['service', 'exec', NAME, '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'], { env: env(), expectFailure: true })
    expect(failing.code).toBe(3)
    expect(failing.stdout).toBe('out\n')
    expect(failing.stderr).toContain('err\n')
    const piped = await swarmdesk(['service', 'exec', '-i', `${NAME}.1`, '--', 'sh', '-c', 'tr a-z A-Z'], { env: env(), stdin: 'hello from stdin\n' })
    expect(piped.code, piped.stderr).toBe(0)
    expect(piped.stdout).toBe('HELLO FROM STDIN\n')
  })

  it('-t needs a terminal; with one, it is a TTY', async () => {
    const noTty = await swarmdesk(['service', 'exec', '-t', NAME, '--', 'true'], { env: env(), expectFailure: true })
    expect(noTty.code).toBe(1)
    expect(noTty.stderr).toContain('not a TTY')
    // util-linux `script` gives the command a pseudo-terminal, like a user's shell would
    const command = [process.execPath, SWARMDESK_BIN, '-H', `ssh://root@${lab.ssh.host}`, 'service', 'exec', '-it', NAME, '--', 'sh', '-c', 'tty; exit 4'].map((w) => `'${w}'`).join(' ')
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile('script', ['-qec', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '', HOME: home, SWARMDESK_DATA_DIR: tempDir('sd-cli-data-') }, timeout: 60_000 }, (error, stdout) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout })
      )
    })
    expect(result.out).toMatch(/\/dev\/pts\/\d+/)
    expect(result.code).toBe(4)
  })

  it('DOCKER_HOST=ssh://root@manager1 needs no socket path: the node sees its engine at /var/run/docker.sock', async () => {
    const listed = await cliRunner({ host: () => `ssh://root@${lab.ssh.host}` })(['node', 'ls'], { env: env() })
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout).toContain('worker2')
  })
})
