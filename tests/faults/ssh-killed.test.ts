import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { printFaultTable, recordFault } from '../support/fault-table'
import { labProblems, leaderName, readyAfter, sshdChildren } from '../support/fault-lab'
import { deployUnderFault, followLogs, labelBatch, logOutcome, rolloutSettled, rotateUnderFault, rotationConsumers, settleAndRecordLabels, settleDeploy, settleRotation, stackCompose, startRollout, openForFault, terminalOutcome, TICKER_COMMAND, expectDeployKnown, removeFaultObjects } from '../support/fault-operations'
import { docker, manager1SshEndpoint, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { WEB1, WEB2 } from '../support/lab-images'
import { startServices } from '../support/services'

// Fault (c): the SSH connections SwarmDesk holds to its manager are killed on the server side
// (the sshd children serving them, the listening sshd stays): what a server restart, an idle
// timeout of a firewall or a `kill` by an admin does. The cluster session must reconnect over a
// new SSH connection; the deploy, the rotation, the rollout monitor, the terminal session, the
// log follow and the label batch must each end in a known state.
const FAULT = 'SSH connection killed (sshd child)'
const SERVICES = 20
const base = uniqueName('fsk')
const stack = `${base}s`
const ticker = `${base}-tick`
const rolling = `${base}-roll`
const secret = `${base}-tok`
let lab: LabStatus
let h: ReturnType<typeof startServices>
let clusterId: string
let nodeIds: string[]
let consumers: string[] = []
/** manager1's sshd children from before this file connected: another client's, never touched */
let theirs: Set<number>

beforeAll(async () => {
  lab = requireLab()
  const leader = await leaderName(lab)
  await docker(lab, leader, ['service', 'create', '--detach', '--name', ticker, '--constraint', 'node.role==worker', lab.images.sleeper, ...TICKER_COMMAND])
  await docker(lab, leader, ['service', 'create', '--detach', '--name', rolling, '--replicas', '3', '--constraint', 'node.role==worker', '--update-parallelism', '1', '--update-delay', '2s', '--stop-grace-period', '1s', WEB1])
  consumers = await rotationConsumers(lab, leader, secret, 'node.role==worker')
  theirs = new Set(await sshdChildren(lab, 'manager1'))
  const scratch = tempDir('sd-fault-ssh-')
  writeFileSync(join(scratch, 'ssh_config'), '')
  h = startServices({ userKnownHostsPath: lab.ssh.knownHosts, sshConfigPath: join(scratch, 'ssh_config') })
  ;({ clusterId, nodeIds } = await openForFault(h, 'manager1 over ssh', [manager1SshEndpoint(lab)]))
  await waitFor('the ticker, the rolling service and the consumers running', () => {
    const services = Object.values(h.model(clusterId)?.services ?? {})
    const running = (name: string) => services.find((s) => s.name === name)?.runningTasks
    return running(ticker) === 1 && running(rolling) === 3 && consumers.every((c) => running(c) === 1)
  }, 120_000)
}, 180_000)

afterAll(async () => {
  try {
    h?.services.dispose()
    const manager = await leaderName(lab)
    await removeFaultObjects(lab, manager, { base, stack, secret, nodeIds: nodeIds ?? [] })
  } finally {
    printFaultTable(`Fault suite: ${FAULT}`)
  }
  expect(await labProblems(lab)).toEqual([])
}, 240_000)

describe(`fault: ${FAULT}`, () => {
  it('deploy, rotation, rollout, terminal, log follow and label batch each end in a known state; the session reconnects over a new connection', async () => {
    const file = join(tempDir('sd-fault-stack-'), 'compose.yaml')
    writeFileSync(file, stackCompose(lab.images.sleeper, SERVICES))
    const tickerId = Object.values(h.model(clusterId)?.services ?? {}).find((s) => s.name === ticker)?.id ?? ''
    const tickerTask = async () => (await waitFor('a running ticker task', async () => (await h.call('clusters.snapshot', { clusterId })).tasks.find((t) => t.serviceId === tickerId && t.state === 'running' && t.containerId))).id
    const terminal = await h.call('terminals.open', { clusterId, taskId: await tickerTask(), command: null, cols: 80, rows: 24 })
    const logs = await followLogs(h, clusterId, tickerId)
    const labels = labelBatch(h, clusterId, nodeIds, base)
    await startRollout(h, clusterId, rolling, WEB2)
    const rotation = rotateUnderFault(h, clusterId, secret, consumers)

    // the kill lands right after the first service of the stack is created: the others are in
    // flight. Ours: the children of manager1's sshd that appeared since this file's services
    // connected (the cluster's, the terminal's)
    let killing: Promise<number> | null = null
    const run = await deployUnderFault(h, clusterId, stack, file, () => {
      killing = sshdChildren(lab, 'manager1').then((pids) => {
        const ours = pids.filter((pid) => !theirs.has(pid))
        for (const pid of ours) process.kill(pid, 'SIGKILL')
        return ours.length
      })
    })
    expect(run.faultAt).toBeGreaterThan(0)
    const killedCount = await (killing ?? Promise.resolve(0))
    const killedAt = run.faultAt
    // the listening sshd is up all along: the time to ready counts from the kill
    expect(killedCount).toBeGreaterThan(0)
    const states = () => h.received.filter((e) => e.name === 'cluster.state' && e.at >= killedAt).map((e) => `+${e.at - killedAt} ms ${JSON.stringify(e.payload)}`)
    const ready = await waitFor('the session ready again', () => readyAfter(h.received, clusterId, killedAt), 60_000).catch((error: Error) => {
      throw new Error(`${error.message}; states since the kill:\n${states().join('\n')}`)
    })
    const readyAt = killedAt + ready

    // -- the terminal: its shell's channel went with the connection: it ends and says why, and a new one opens
    const term = await terminalOutcome(h, clusterId, terminal.terminalId, tickerTask, killedAt)
    recordFault({ fault: FAULT, operation: 'terminal session', outcome: term.outcome, reconnectMs: ready, compared: `${killedCount} sshd children killed, ${h.services.nodeAccess.openCount} node connection(s) open after` })

    const deploy = await settleDeploy(h, lab, 'manager1', clusterId, stack, run)
    recordFault({ fault: FAULT, operation: `stack deploy (${SERVICES} services)`, outcome: `answered ${((run.deployedAt - killedAt) / 1000).toFixed(1)} s after the kill; ${deploy.outcome}`, reconnectMs: ready, compared: deploy.compared })

    const rotated = await settleRotation(h, lab, 'manager1', clusterId, rotation)
    recordFault({ fault: FAULT, operation: 'secret rotation (3 services)', outcome: rotated.outcome, reconnectMs: ready, compared: rotated.compared })

    const rollout = await rolloutSettled(h, lab, 'manager1', clusterId, rolling, WEB2, 3)
    recordFault({ fault: FAULT, operation: 'service update + rollout monitor', outcome: `rollout ${rollout.monitor}, seen through the new connection`, reconnectMs: ready, compared: `${rollout.running}/3 tasks on web:2` })

    const log = await logOutcome(logs, readyAt)
    await logs.stop()
    recordFault({ fault: FAULT, operation: 'log follow', outcome: log.outcome, reconnectMs: ready, compared: log.compared })

    await new Promise((r) => setTimeout(r, 1500))
    const report = await labels.stop()
    const settled = await settleAndRecordLabels(h, lab, 'manager1', clusterId, nodeIds, base, report, { fault: FAULT, reconnectMs: ready })

    expect(term.ok, term.outcome).toBe(true)
    expectDeployKnown(deploy, run.planned)
    expect(rotated.ok, rotated.outcome).toBe(true)
    expect(rollout).toEqual({ monitor: 'completed', running: 3 })
    expect(settled.lost).toEqual([])
    expect(settled.missing).toEqual([])
    expect(log.ok, log.outcome).toBe(true)
  })
})
