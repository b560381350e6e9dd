import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayload } from '../../src/shared/contract'
import { printFaultTable, recordFault } from '../support/fault-table'
import { labProblems, leaderName, readyAfter, sshdChildren } from '../support/fault-lab'
import { followLogs, labelBatch, logOutcome, removeLabels, settleAndRecordLabels, openForFault, TICKER_COMMAND } from '../support/fault-operations'
import { docker, manager1SshEndpoint, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

// Fault (c): the SSH connections SwarmDesk holds to its manager are killed on the server side
// (the sshd children serving them, the listening sshd stays): what a server restart, an idle
// timeout of a firewall or a `kill` by an admin does. The cluster session must reconnect over a
// new SSH connection; the terminal session, the log follow and the label batch must each end in a
// known state.
const FAULT = 'SSH connection killed (sshd child)'
const base = uniqueName('fsk')
const ticker = `${base}-tick`
let lab: LabStatus
let h: ReturnType<typeof startServices>
let clusterId: string
let nodeIds: string[]
/** manager1's sshd children from before this file connected: another client's, never touched */
let theirs: Set<number>

beforeAll(async () => {
  lab = requireLab()
  await docker(lab, await leaderName(lab), ['service', 'create', '--detach', '--name', ticker, '--constraint', 'node.role==worker', lab.images.sleeper, ...TICKER_COMMAND])
  theirs = new Set(await sshdChildren(lab, 'manager1'))
  const scratch = tempDir('sd-fault-ssh-')
  writeFileSync(join(scratch, 'ssh_config'), '')
  h = startServices({ userKnownHostsPath: lab.ssh.knownHosts, sshConfigPath: join(scratch, 'ssh_config') })
  ;({ clusterId, nodeIds } = await openForFault(h, 'manager1 over ssh', [manager1SshEndpoint(lab)]))
  await waitFor('the ticker running', () => Object.values(h.model(clusterId)?.services ?? {}).find((s) => s.name === ticker)?.runningTasks === 1, 120_000)
}, 180_000)

afterAll(async () => {
  try {
    h?.services.dispose()
    const manager = await leaderName(lab)
    await docker(lab, manager, ['service', 'rm', ticker]).catch(() => undefined)
    await removeLabels(lab, manager, nodeIds ?? [], base)
  } finally {
    printFaultTable(`Fault suite: ${FAULT}`)
  }
  expect(await labProblems(lab)).toEqual([])
}, 240_000)

describe(`fault: ${FAULT}`, () => {
  it('terminal, log follow and label batch each end in a known state; the session reconnects over a new connection', async () => {
    const tickerId = Object.values(h.model(clusterId)?.services ?? {}).find((s) => s.name === ticker)?.id ?? ''
    const task = await waitFor('the ticker task', async () => (await h.call('clusters.snapshot', { clusterId })).tasks.find((t) => t.serviceId === tickerId && t.state === 'running' && t.containerId))
    const terminal = await h.call('terminals.open', { clusterId, taskId: task.id, command: null, cols: 80, rows: 24 })
    const logs = await followLogs(h, clusterId, tickerId)
    const labels = labelBatch(h, clusterId, nodeIds, base)
    await new Promise((r) => setTimeout(r, 1000))

    // ours: the children of manager1's sshd that appeared since this file's services connected (the cluster's, the terminal's)
    const ours = (await sshdChildren(lab, 'manager1')).filter((pid) => !theirs.has(pid))
    const killedAt = Date.now()
    for (const pid of ours) process.kill(pid, 'SIGKILL')
    // the listening sshd is up all along: the time to ready counts from the kill
    expect(ours.length).toBeGreaterThan(0)
    const states = () => h.received.filter((e) => e.name === 'cluster.state' && e.at >= killedAt).map((e) => `+${e.at - killedAt} ms ${JSON.stringify(e.payload)}`)
    const ready = await waitFor('the session ready again', () => readyAfter(h.received, clusterId, killedAt), 60_000).catch((error: Error) => {
      throw new Error(`${error.message}; states since the kill:\n${states().join('\n')}`)
    })
    const readyAt = killedAt + ready

    // -- the terminal: it ends and says why (the shell's channel went with the connection)
    const exit = await waitFor('the terminal to end', () => h.received.find((e) => e.name === 'terminals.exit' && (e.payload as EventPayload<'terminals.exit'>).terminalId === terminal.terminalId), 30_000).catch(() => null)
    const payload = exit?.payload as EventPayload<'terminals.exit'> | undefined
    // and a new one opens at once over the new connection
    const again = await h.call('terminals.open', { clusterId, taskId: task.id, command: null, cols: 80, rows: 24 })
    await h.call('terminals.close', { terminalId: again.terminalId })
    recordFault({
      fault: FAULT,
      operation: 'terminal session',
      outcome: payload ? `ended (${payload.reason ? payload.reason.message.slice(0, 50) : `exit ${payload.exitCode}`}); a new one opened` : 'HUNG: no exit',
      reconnectMs: ready,
      compared: `${ours.length} sshd children killed, ${h.services.nodeAccess.openCount} node connection(s) open after`
    })

    const log = await logOutcome(logs, readyAt)
    await logs.stop()
    recordFault({ fault: FAULT, operation: 'log follow', outcome: log.outcome, reconnectMs: ready, compared: log.compared })

    await new Promise((r) => setTimeout(r, 1500))
    const report = await labels.stop()
    const settled = await settleAndRecordLabels(h, lab, 'manager1', clusterId, nodeIds, base, report, { fault: FAULT, reconnectMs: ready })
    expect(payload, 'the terminal ended').toBeDefined()
    expect(payload?.exitCode !== null || payload?.reason !== null).toBe(true)
    expect(settled.lost).toEqual([])
    expect(settled.missing).toEqual([])
    expect(log.ok, log.outcome).toBe(true)
  })
})
