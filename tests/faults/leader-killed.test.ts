import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { printFaultTable, recordFault } from '../support/fault-table'
import { killDockerd, labProblems, leaderName, managerAnswers, readyAfter, restoreNode } from '../support/fault-lab'
import { deployUnderFault, followLogs, labelBatch, logOutcome, rolloutSettled, rotateUnderFault, rotationConsumers, settleAndRecordLabels, settleDeploy, settleRotation, stackCompose, startRollout, openForFault, terminalOutcome, TICKER_COMMAND, expectDeployKnown, removeFaultObjects } from '../support/fault-operations'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { WEB1, WEB2 } from '../support/lab-images'
import { startServices } from '../support/services'

// Fault (a): the raft leader's dockerd is killed (SIGKILL: no shutdown, no goodbye) while
// SwarmDesk, connected to it, deploys a 20-service stack, rotates a secret used by 3 services,
// edits labels in a batch, follows a log, monitors a rolling update and keeps a terminal open.
// The profile lists the three managers' sockets, the leader first. Every operation must end in a
// known state and the cluster must match the plan afterwards.
const FAULT = 'leader dockerd killed'
const SERVICES = 20
const base = uniqueName('flk')
const stack = `${base}s`
const ticker = `${base}-tick`
const rolling = `${base}-roll`
const secret = `${base}-tok`
let lab: LabStatus
let h: ReturnType<typeof startServices>
let leader: string
let survivors: string[]
let clusterId: string
let nodeIds: string[]
let consumers: string[] = []
let killed = false

beforeAll(async () => {
  lab = requireLab()
  leader = await leaderName(lab)
  survivors = ['manager1', 'manager2', 'manager3'].filter((m) => m !== leader)
  // the ticker runs on a manager that lives, not the one the session moves to: its lines must go
  // on through the fault (a task on the killed node would start again from tick 1), and the
  // terminal into it goes over that manager's own SSH connection (the workers are reachable
  // only through a manager, and a socket profile has no manager connection to jump through)
  await docker(lab, leader, ['service', 'create', '--detach', '--name', ticker, '--constraint', `node.hostname==${survivors[1]}`, lab.images.sleeper, ...TICKER_COMMAND])
  // the rolling service and the rotation's consumers run on the workers: a task on the killed
  // node stays `running` for the engine until the new leader declares that node down (its
  // dispatcher's grace period starts with the election), which held the rollout's last slot or
  // left 2 of 3 tasks running when the mirror showed it completed; that is the engine's handling
  // of a dead node, not the monitor's
  await docker(lab, leader, ['service', 'create', '--detach', '--name', rolling, '--replicas', '3', '--constraint', 'node.role==worker', '--update-parallelism', '1', '--update-delay', '2s', '--stop-grace-period', '1s', WEB1])
  consumers = await rotationConsumers(lab, leader, secret, 'node.role==worker')
  const scratch = tempDir('sd-fault-leader-')
  writeFileSync(join(scratch, 'ssh_config'), `Host *\n  IdentityFile ${lab.ssh.privateKey}\n`)
  h = startServices({ userKnownHostsPath: lab.ssh.knownHosts, sshConfigPath: join(scratch, 'ssh_config') })
  ;({ clusterId, nodeIds } = await openForFault(h, 'three managers, leader first', [leader, ...survivors].map((m) => ({ kind: 'socket' as const, socketPath: labNode(lab, m).socket }))))
  await waitFor('the ticker, the rolling service and the consumers running', () => {
    const services = Object.values(h.model(clusterId)?.services ?? {})
    const running = (name: string) => services.find((s) => s.name === name)?.runningTasks
    return running(ticker) === 1 && running(rolling) === 3 && consumers.every((c) => running(c) === 1)
  }, 120_000)
}, 180_000)

afterAll(async () => {
  try {
    h?.services.dispose()
    if (killed) await restoreNode(leader)
    const manager = await leaderName(lab)
    await removeFaultObjects(lab, manager, { base, stack, secret, nodeIds: nodeIds ?? [] })
  } finally {
    printFaultTable(`Fault suite: ${FAULT}`)
  }
  expect(await labProblems(lab)).toEqual([])
}, 240_000)

describe(`fault: ${FAULT}`, () => {
  it('deploy, rotation, label batch, log follow, rollout and terminal each end in a known state; the cluster matches the plan', async () => {
    const file = join(tempDir('sd-fault-stack-'), 'compose.yaml')
    writeFileSync(file, stackCompose(lab.images.sleeper, SERVICES))
    const tickerId = Object.values(h.model(clusterId)?.services ?? {}).find((s) => s.name === ticker)?.id ?? ''
    const tickerTask = async () => (await waitFor('a running ticker task', async () => (await h.call('clusters.snapshot', { clusterId })).tasks.find((t) => t.serviceId === tickerId && t.state === 'running' && t.containerId))).id
    const terminal = await h.call('terminals.open', { clusterId, taskId: await tickerTask(), command: null, cols: 80, rows: 24 })
    const logs = await followLogs(h, clusterId, tickerId)
    const labels = labelBatch(h, clusterId, nodeIds, base)
    await startRollout(h, clusterId, rolling, WEB2)
    const rotation = rotateUnderFault(h, clusterId, secret, consumers)

    // the kill lands right after the first service of the stack is created: the others are in flight
    let answering: Promise<number> | null = null
    const run = await deployUnderFault(h, clusterId, stack, file, () => {
      killed = true
      killDockerd(lab, leader).catch(() => undefined)
      // from now on, when does a surviving manager answer again (a new leader elected)?
      answering = managerAnswers(lab, survivors)
    })
    expect(run.faultAt).toBeGreaterThan(0)
    const killedAt = run.faultAt
    const reachableAt = await (answering ?? managerAnswers(lab, survivors))
    const ready = await waitFor('the session ready on another manager', () => readyAfter(h.received, clusterId, killedAt), 90_000)
    const readyAt = killedAt + ready
    const reconnectMs = Math.max(0, readyAt - reachableAt)
    expect(h.services.registry.get(clusterId).state.endpointIndex).not.toBe(0)

    // -- the deploy: what it reported is true of the cluster, and deploying again completes it
    const deploy = await settleDeploy(h, lab, survivors[0], clusterId, stack, run)
    const newLeader = `killed ${((reachableAt - killedAt) / 1000).toFixed(1)} s before a new leader answered`
    recordFault({ fault: FAULT, operation: `stack deploy (${SERVICES} services)`, outcome: `${newLeader}; ${deploy.outcome}`, reconnectMs, compared: deploy.compared })

    // -- the rotation: completed, rolled back, or resumed from its journal; one version for all
    const rotated = await settleRotation(h, lab, survivors[0], clusterId, rotation)
    recordFault({ fault: FAULT, operation: 'secret rotation (3 services)', outcome: rotated.outcome, reconnectMs, compared: rotated.compared })

    // -- the rollout: the swarm finishes it; the mirror (the app's monitor) shows it finished
    const rollout = await rolloutSettled(h, lab, survivors[0], clusterId, rolling, WEB2, 3)
    recordFault({ fault: FAULT, operation: 'service update + rollout monitor', outcome: `rollout ${rollout.monitor}, seen through the new manager`, reconnectMs, compared: `${rollout.running}/3 tasks on web:2` })

    // -- the terminal (on a manager that lives, over its own SSH connection)
    const term = await terminalOutcome(h, clusterId, terminal.terminalId, tickerTask, killedAt)
    recordFault({ fault: FAULT, operation: 'terminal session', outcome: term.outcome, reconnectMs, compared: `${h.services.nodeAccess.openCount} node connection(s) open after` })

    // -- the log follow
    const log = await logOutcome(logs, readyAt)
    await logs.stop()
    recordFault({ fault: FAULT, operation: 'log follow', outcome: log.outcome, reconnectMs, compared: log.compared })

    // -- the label batch: a few more edits after the reconnection, then the comparison
    await new Promise((r) => setTimeout(r, 1500))
    const report = await labels.stop()
    const settled = await settleAndRecordLabels(h, lab, survivors[0], clusterId, nodeIds, base, report, { fault: FAULT, reconnectMs })

    expectDeployKnown(deploy, run.planned)
    expect(rotated.ok, rotated.outcome).toBe(true)
    expect(rollout).toEqual({ monitor: 'completed', running: 3 })
    expect(term.ok, term.outcome).toBe(true)
    expect(settled.lost).toEqual([])
    expect(settled.missing).toEqual([])
    expect(log.ok, log.outcome).toBe(true)
    expect(h.gaps).toEqual([])
  })
})
