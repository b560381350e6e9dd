import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { printFaultTable, recordFault } from '../support/fault-table'
import { cutOff, labProblems, leaderName, readyAfter, reconnectNetwork, restoreNode, stopNode } from '../support/fault-lab'
import { followLogs, labelBatch, logOutcome, removeLabels, rolloutSettled, settleAndRecordLabels, startRollout, openForFault, TICKER_COMMAND } from '../support/fault-operations'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { WEB1, WEB2 } from '../support/lab-images'
import { startServices } from '../support/services'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

// Fault (b): the manager SwarmDesk is connected to (over SSH, a manager that is not the leader)
// is cut off the network by an iptables DROP in its namespace: no reset, no close, packets just
// vanish, as when a cable or a VPN goes. The session must notice on its own and move to another
// manager; the label batch, the log follow and the rollout monitor must end in a known state.
// The DROP rules are always removed (afterAll), and the lab must be whole again.
const FAULT = 'manager cut off (iptables DROP)'
const base = uniqueName('fco')
const ticker = `${base}-tick`
const rolling = `${base}-roll`
let lab: LabStatus
let h: ReturnType<typeof startServices>
let target: string
let others: string[]
let clusterId: string
let nodeIds: string[]
let cut = false

beforeAll(async () => {
  lab = requireLab()
  const leader = await leaderName(lab)
  target = ['manager1', 'manager2', 'manager3'].find((m) => m !== leader) ?? 'manager2'
  others = ['manager1', 'manager2', 'manager3'].filter((m) => m !== target)
  await docker(lab, leader, ['service', 'create', '--detach', '--name', ticker, '--constraint', `node.hostname!=${target}`, lab.images.sleeper, ...TICKER_COMMAND])
  await docker(lab, leader, ['service', 'create', '--detach', '--name', rolling, '--replicas', '3', '--constraint', 'node.role==worker', '--update-parallelism', '1', '--update-delay', '2s', '--stop-grace-period', '1s', WEB1])
  const scratch = tempDir('sd-fault-cut-')
  writeFileSync(join(scratch, 'ssh_config'), '')
  h = startServices({ userKnownHostsPath: lab.ssh.knownHosts, sshConfigPath: join(scratch, 'ssh_config') })
  const endpoint = (m: string) => ({ kind: 'ssh' as const, host: labNode(lab, m).address, port: lab.ssh.port, user: lab.ssh.user, identityFile: lab.ssh.privateKey, useAgent: false, remoteSocket: '/var/run/docker.sock', hasPassphrase: false })
  ;({ clusterId, nodeIds } = await openForFault(h, 'three managers over ssh', [target, ...others].map(endpoint)))
  await waitFor('the ticker and the rolling service running', () => {
    const services = Object.values(h.model(clusterId)?.services ?? {})
    return services.find((s) => s.name === ticker)?.runningTasks === 1 && services.find((s) => s.name === rolling)?.runningTasks === 3
  }, 120_000)
}, 180_000)

afterAll(async () => {
  try {
    if (cut) await reconnectNetwork(target)
    h?.services.dispose()
    const manager = await leaderName(lab)
    const left = (await docker(lab, manager, ['service', 'ls', '-q', '--filter', `name=${base}`])).split('\n').filter(Boolean)
    if (left.length) await docker(lab, manager, ['service', 'rm', ...left])
    await removeLabels(lab, manager, nodeIds ?? [], base)
  } finally {
    printFaultTable(`Fault suite: ${FAULT}`)
  }
  // the cut manager rejoins once its packets flow again; when its raft does not recover in half a
  // minute, its engine is restarted (the lab's own start-node), as an admin would
  const whole = await waitFor('the lab whole again', async () => (await labProblems(lab)).length === 0, 30_000).catch(() => false)
  if (!whole && cut) {
    process.stdout.write(`${target} did not rejoin within 30 s of the cut's end: restarting its engine\n`)
    await stopNode(target)
    await restoreNode(target)
  }
  expect(await labProblems(lab)).toEqual([])
}, 240_000)

describe(`fault: ${FAULT}`, () => {
  it('label batch, log follow and rollout each end in a known state; the session moves to a reachable manager', async () => {
    const tickerId = Object.values(h.model(clusterId)?.services ?? {}).find((s) => s.name === ticker)?.id ?? ''
    const logs = await followLogs(h, clusterId, tickerId)
    const labels = labelBatch(h, clusterId, nodeIds, base)
    await startRollout(h, clusterId, rolling, WEB2)
    await new Promise((r) => setTimeout(r, 1000))

    cut = true
    const cutAt = Date.now()
    await cutOff(target)
    // the other managers are reachable all along: the time to ready counts from the cut
    const states = () => h.received.filter((e) => e.name === 'cluster.state' && e.at >= cutAt).map((e) => `+${e.at - cutAt} ms ${JSON.stringify(e.payload)}`)
    const ready = await waitFor('the session ready on another manager', () => readyAfter(h.received, clusterId, cutAt), 60_000).catch((error: Error) => {
      throw new Error(`${error.message}; states since the cut:\n${states().join('\n')}`)
    })
    const detected = h.received.find((e) => e.name === 'cluster.state' && e.at >= cutAt && (e.payload as { phase: string }).phase === 'reconnecting')
    const readyAt = cutAt + ready
    expect(h.services.registry.get(clusterId).state.endpointIndex).not.toBe(0)
    const note = detected ? ` (link loss noticed after ${((detected.at - cutAt) / 1000).toFixed(1)} s)` : ''

    const rollout = await rolloutSettled(h, lab, others[0], clusterId, rolling, WEB2, 3)
    expect(rollout).toEqual({ monitor: 'completed', running: 3 })
    recordFault({ fault: FAULT, operation: 'service update + rollout monitor', outcome: `rollout ${rollout.monitor}, seen through another manager${note}`, reconnectMs: ready, compared: `${rollout.running}/3 tasks on web:2` })

    const log = await logOutcome(logs, readyAt)
    await logs.stop()
    recordFault({ fault: FAULT, operation: 'log follow', outcome: log.outcome, reconnectMs: ready, compared: log.compared })

    await new Promise((r) => setTimeout(r, 1500))
    const report = await labels.stop()
    const settled = await settleAndRecordLabels(h, lab, others[0], clusterId, nodeIds, base, report, { fault: FAULT, reconnectMs: ready })
    expect(settled.lost).toEqual([])
    expect(settled.missing).toEqual([])
    expect(log.ok, log.outcome).toBe(true)
  })
})
