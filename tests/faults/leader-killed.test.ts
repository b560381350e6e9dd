import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeployResult, StackProgress } from '../../src/shared/stacks'
import { printFaultTable, recordFault } from '../support/fault-table'
import { killDockerd, labProblems, leaderName, managerAnswers, readyAfter, restoreNode } from '../support/fault-lab'
import { followLogs, labelBatch, logOutcome, removeLabels, rolloutSettled, settleAndRecordLabels, startRollout, openForFault, TICKER_COMMAND } from '../support/fault-operations'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { WEB1, WEB2 } from '../support/lab-images'
import { startServices } from '../support/services'

// Fault (a): the raft leader's dockerd is killed (SIGKILL: no shutdown, no goodbye) while
// SwarmDesk, connected to it, deploys a 20-service stack, edits labels in a batch, follows a log
// and monitors a rolling update. The profile lists the three managers' sockets, the leader first.
// Every operation must end in a known state and the cluster must match the plan afterwards.
const FAULT = 'leader dockerd killed'
const SERVICES = 20
const base = uniqueName('flk')
const stack = `${base}s`
const ticker = `${base}-tick`
const rolling = `${base}-roll`
let lab: LabStatus
let h: ReturnType<typeof startServices>
let leader: string
let survivors: string[]
let clusterId: string
let nodeIds: string[]
let killed = false

function composeText(): string {
  const services = Array.from({ length: SERVICES }, (_, i) => `  s${String(i + 1).padStart(2, '0')}:\n    image: ${lab.images.sleeper}\n    deploy:\n      replicas: 1\n`)
  return `services:\n${services.join('')}`
}

beforeAll(async () => {
  lab = requireLab()
  leader = await leaderName(lab)
  survivors = ['manager1', 'manager2', 'manager3'].filter((m) => m !== leader)
  // the ticker runs off the leader's node: its lines must go on through the fault (a task on the killed node would start again from tick 1)
  await docker(lab, leader, ['service', 'create', '--detach', '--name', ticker, '--constraint', `node.hostname!=${leader}`, lab.images.sleeper, ...TICKER_COMMAND])
  // the rolling service runs on the workers: a task on the killed node stays `running` for the
  // engine until the new leader declares that node down (its dispatcher's grace period starts
  // with the election), which held the rollout's last slot or left 2 of 3 tasks running when the
  // mirror showed it completed; that is the engine's handling of a dead node, not the monitor's
  await docker(lab, leader, ['service', 'create', '--detach', '--name', rolling, '--replicas', '3', '--constraint', 'node.role==worker', '--update-parallelism', '1', '--update-delay', '2s', '--stop-grace-period', '1s', WEB1])
  h = startServices()
  ;({ clusterId, nodeIds } = await openForFault(h, 'three managers, leader first', [leader, ...survivors].map((m) => ({ kind: 'socket' as const, socketPath: labNode(lab, m).socket }))))
  await waitFor('the ticker and the rolling service running', () => {
    const services = Object.values(h.model(clusterId)?.services ?? {})
    return services.find((s) => s.name === ticker)?.runningTasks === 1 && services.find((s) => s.name === rolling)?.runningTasks === 3
  }, 120_000)
}, 180_000)

afterAll(async () => {
  try {
    h?.services.dispose()
    if (killed) await restoreNode(leader)
    const manager = await leaderName(lab)
    const left = (await docker(lab, manager, ['service', 'ls', '-q', '--filter', `name=${base}`])).split('\n').filter(Boolean)
    if (left.length) await docker(lab, manager, ['service', 'rm', ...left])
    await waitFor('the stack network free', async () => {
      await docker(lab, manager, ['network', 'rm', `${stack}_default`]).catch(() => undefined)
      return (await docker(lab, manager, ['network', 'ls', '-q', '--filter', `name=${stack}_default`])) === ''
    }, 60_000).catch(() => undefined)
    await removeLabels(lab, manager, nodeIds ?? [], base)
  } finally {
    printFaultTable(`Fault suite: ${FAULT}`)
  }
  expect(await labProblems(lab)).toEqual([])
}, 240_000)

describe(`fault: ${FAULT}`, () => {
  it('deploy, label batch, log follow and rollout each end in a known state; the cluster matches the plan', async () => {
    const dir = tempDir('sd-fault-stack-')
    const file = join(dir, 'compose.yaml')
    writeFileSync(file, composeText())
    const plan = await h.call('stacks.plan', { clusterId, stack, source: { paths: [file] } })
    expect(plan.ok).toBe(true)
    const planned = plan.operations.filter((o) => o.kind === 'service.create').map((o) => o.name).sort()
    expect(planned).toHaveLength(SERVICES)

    const tickerId = Object.values(h.model(clusterId)?.services ?? {}).find((s) => s.name === ticker)?.id ?? ''
    const logs = await followLogs(h, clusterId, tickerId)
    const labels = labelBatch(h, clusterId, nodeIds, base)
    await startRollout(h, clusterId, rolling, WEB2)

    // the kill lands right after the first service of the stack is created: the others are in flight
    const requestId = `${base}-deploy`
    let killedAt = 0
    let answering: Promise<number> | null = null
    const unsubscribe = h.services.bus.subscribe((name, payload) => {
      const p = payload as StackProgress
      if (name !== 'stacks.progress' || p.requestId !== requestId || killedAt || p.status !== 'done' || !p.opId.startsWith('service.create')) return
      killedAt = Date.now()
      killed = true
      killDockerd(lab, leader).catch(() => undefined)
      // from now on, when does a surviving manager answer again (a new leader elected)?
      answering = managerAnswers(lab, survivors)
    })
    const deployed: DeployResult = await h.call('stacks.deploy', { clusterId, stack, source: { paths: [file] }, requestId, wait: false, waitTimeoutSeconds: 60 })
    unsubscribe()
    expect(killedAt).toBeGreaterThan(0)
    const reachableAt = await (answering ?? managerAnswers(lab, survivors))
    const ready = await waitFor('the session ready on another manager', () => readyAfter(h.received, clusterId, killedAt), 90_000)
    const readyAt = killedAt + ready
    const reconnectMs = Math.max(0, readyAt - reachableAt)
    expect(h.services.registry.get(clusterId).state.endpointIndex).not.toBe(0)

    // -- the deploy: what it reported is true of the cluster, and deploying again completes it
    const serviceOf = (id: string) => plan.operations.find((o) => o.id === id && o.kind === 'service.create')?.name
    const reportedDone = deployed.outcomes.filter((o) => o.status === 'done').flatMap((o) => serviceOf(o.id) ?? [])
    const listed = async () => (await docker(lab, survivors[0], ['service', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Name}}'])).split('\n').filter(Boolean).sort()
    const afterFault = await listed()
    for (const name of reportedDone) expect(afterFault).toContain(name)
    const resumed = deployed.ok ? deployed : await h.call('stacks.deploy', { clusterId, stack, source: { paths: [file] }, wait: false, waitTimeoutSeconds: 60 })
    expect(resumed).toMatchObject({ applied: true, ok: true })
    const final = await listed()
    expect(final).toEqual(planned)
    const networks = (await docker(lab, survivors[0], ['network', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Name}}'])).split('\n').filter(Boolean)
    const plannedNetworks = plan.operations.filter((o) => o.kind === 'network.create').map((o) => o.name)
    expect(networks.sort()).toEqual(plannedNetworks.sort())
    recordFault({
      fault: FAULT,
      operation: `stack deploy (${SERVICES} services)`,
      outcome: deployed.ok
        ? 'completed'
        : `killed ${((reachableAt - killedAt) / 1000).toFixed(1)} s before a new leader; partial: ${deployed.summary.done} done, ${deployed.summary.failed} failed, ${deployed.summary.skipped} skipped (${afterFault.length - reportedDone.length} applied but unconfirmed); redeploy completed`,
      reconnectMs,
      compared: `${final.length}/${planned.length} services, ${networks.length}/${plannedNetworks.length} network, ${final.filter((n) => !planned.includes(n)).length} orphans`
    })

    // -- the rollout: the swarm finishes it; the mirror (the app's monitor) shows it finished
    const rollout = await rolloutSettled(h, lab, survivors[0], clusterId, rolling, WEB2, 3)
    expect(rollout).toEqual({ monitor: 'completed', running: 3 })
    recordFault({ fault: FAULT, operation: 'service update + rollout monitor', outcome: `rollout ${rollout.monitor}, seen through the new manager`, reconnectMs, compared: `${rollout.running}/3 tasks on web:2` })

    // -- the log follow
    const log = await logOutcome(logs, readyAt)
    await logs.stop()
    recordFault({ fault: FAULT, operation: 'log follow', outcome: log.outcome, reconnectMs, compared: log.compared })

    // -- the label batch: a few more edits after the reconnection, then the comparison
    await new Promise((r) => setTimeout(r, 1500))
    const report = await labels.stop()
    const settled = await settleAndRecordLabels(h, lab, survivors[0], clusterId, nodeIds, base, report, { fault: FAULT, reconnectMs })
    expect(settled.lost).toEqual([])
    expect(settled.missing).toEqual([])
    expect(log.ok, log.outcome).toBe(true)
    expect(h.gaps).toEqual([])
  })
})
