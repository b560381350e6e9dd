// The operations the fault suite runs while a fault hits (tests/faults): each one through the
// real services, recording what the app reported, so that the end state can be compared with
// what the cluster holds (the docker CLI as the independent witness).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Endpoint } from '../../src/shared/connections'
import type { EventPayload } from '../../src/shared/contract'
import type { LogBatch, LogLine } from '../../src/shared/logs'
import type { RotationResult } from '../../src/shared/secrets'
import { actionableStackOperationKinds, type DeployResult, type StackProgress } from '../../src/shared/stacks'
import { expect } from 'vitest'
import { recordFault } from './fault-table'
import { docker, tempDir, waitFor, type LabStatus } from './lab'
import type { startServices } from './services'

type Harness = ReturnType<typeof startServices>

/** A service's command that logs `tick N` five times a second: a log follow shows any gap in the numbering. */
export const TICKER_COMMAND = ['sh', '-c', 'i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.2; done']

/** A profile of these endpoints saved and opened (on its first endpoint, ready); its cluster and the nodes' IDs. */
export async function openForFault(h: Harness, name: string, endpoints: Endpoint[]): Promise<{ clusterId: string; nodeIds: string[] }> {
  const profile = await h.call('connections.save', { name, endpoints })
  const opened = await h.call('clusters.open', { profileId: profile.id })
  if (opened.phase !== 'ready' || opened.endpointIndex !== 0) throw new Error(`${name}: opened ${opened.phase} on endpoint ${opened.endpointIndex}, not ready on the first`)
  const nodeIds = (await h.call('clusters.snapshot', { clusterId: opened.clusterId })).nodes.map((n) => n.id)
  return { clusterId: opened.clusterId, nodeIds }
}

/** A stream of label edits (one new key per edit, on every node given) until stop(). */
export function labelBatch(h: Harness, clusterId: string, nodeIds: string[], prefix: string) {
  const ok: string[] = []
  const failed: string[] = []
  let running = true
  let sent = 0
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const key = `${prefix}.${i}`
      sent++
      try {
        const { results } = await h.call('nodes.updateLabels', { clusterId, nodeIds, add: { [key]: String(i) }, remove: [] })
        for (const r of results) (r.ok ? ok : failed).push(`${r.nodeId}/${key}`)
      } catch {
        // refused as a whole (the cluster is reconnecting): every node's edit is reported failed
        for (const nodeId of nodeIds) failed.push(`${nodeId}/${key}`)
      }
      await new Promise((r) => setTimeout(r, 150))
    }
  })()
  return {
    async stop(): Promise<{ sent: number; ok: string[]; failed: string[] }> {
      running = false
      await loop
      return { sent, ok, failed }
    }
  }
}

/** Every `nodeId/key` label the nodes carry now with the prefix, read with the docker CLI. */
export async function labelsOnCluster(lab: LabStatus, manager: string, nodeIds: string[], prefix: string): Promise<Set<string>> {
  const present = new Set<string>()
  for (const nodeId of nodeIds) {
    const labels = JSON.parse(await docker(lab, manager, ['node', 'inspect', '--format', '{{json .Spec.Labels}}', nodeId])) as Record<string, string> | null
    for (const key of Object.keys(labels ?? {})) if (key.startsWith(`${prefix}.`)) present.add(`${nodeId}/${key}`)
  }
  return present
}

/**
 * The end state of a label batch: no edit reported applied may be missing (a lost edit); the
 * edits reported failed are made again, as the user would, and must then all be there.
 */
export async function settleLabels(h: Harness, lab: LabStatus, manager: string, clusterId: string, nodeIds: string[], prefix: string, report: { ok: string[]; failed: string[] }) {
  const present = await labelsOnCluster(lab, manager, nodeIds, prefix)
  const lost = report.ok.filter((edit) => !present.has(edit))
  const appliedAnyway = report.failed.filter((edit) => present.has(edit)).length
  for (const edit of report.failed) {
    const [nodeId, key] = edit.split('/')
    const { results } = await h.call('nodes.updateLabels', { clusterId, nodeIds: [nodeId], add: { [key]: key.split('.').pop() ?? '' }, remove: [] })
    if (!results[0].ok) throw new Error(`re-applying ${edit} failed: ${results[0].error?.message}`)
  }
  const after = await labelsOnCluster(lab, manager, nodeIds, prefix)
  const missing = [...report.ok, ...report.failed].filter((edit) => !after.has(edit))
  return { lost, missing, appliedAnyway, total: report.ok.length + report.failed.length }
}

/** settleLabels, then the batch's row of the fault table; returns the edits lost and missing (both must be none). */
export async function settleAndRecordLabels(h: Harness, lab: LabStatus, manager: string, clusterId: string, nodeIds: string[], prefix: string, report: { ok: string[]; failed: string[] }, row: { fault: string; reconnectMs: number | null }) {
  const settled = await settleLabels(h, lab, manager, clusterId, nodeIds, prefix, report)
  recordFault({
    fault: row.fault,
    operation: 'label edit batch',
    outcome: `${report.ok.length} applied, ${report.failed.length} reported failed (${settled.appliedAnyway} applied anyway) and re-applied`,
    reconnectMs: row.reconnectMs,
    compared: `${settled.total} edits, ${settled.lost.length} lost, ${settled.missing.length} missing`
  })
  return settled
}

/** Removes every label of the prefix from the nodes (cleanup). */
export async function removeLabels(lab: LabStatus, manager: string, nodeIds: string[], prefix: string): Promise<void> {
  for (const nodeId of nodeIds) {
    const labels = JSON.parse(await docker(lab, manager, ['node', 'inspect', '--format', '{{json .Spec.Labels}}', nodeId])) as Record<string, string> | null
    const keys = Object.keys(labels ?? {}).filter((k) => k.startsWith(`${prefix}.`))
    if (keys.length) await docker(lab, manager, ['node', 'update', ...keys.flatMap((k) => ['--label-rm', k]), nodeId])
  }
}

/** A followed log session (acknowledging every batch, as the renderer does), with when each line arrived. */
export async function followLogs(h: Harness, clusterId: string, serviceId: string) {
  const info = await h.call('logs.start', { clusterId, target: { serviceIds: [serviceId] }, follow: true, tail: 1, since: null })
  const mine = () => h.received.filter((e) => e.name === 'logs.batch' && (e.payload as LogBatch).sessionId === info.sessionId)
  const acked = new Set<number>()
  const ack = setInterval(() => {
    for (const e of mine()) {
      const { seq } = e.payload as LogBatch
      if (!acked.has(seq)) {
        acked.add(seq)
        h.call('logs.ack', { sessionId: info.sessionId, seq }).catch(() => undefined)
      }
    }
  }, 100)
  return {
    sessionId: info.sessionId,
    lines: (): { at: number; line: LogLine }[] => mine().flatMap((e) => (e.payload as LogBatch).lines.map((line) => ({ at: e.at, line }))),
    ended: (): boolean => mine().some((e) => (e.payload as LogBatch).ended),
    async stop(): Promise<void> {
      clearInterval(ack)
      await h.call('logs.stop', { sessionId: info.sessionId }).catch(() => undefined)
    }
  }
}

/**
 * Where a followed ticker's numbering breaks: gaps (a line lost) and repeats (a line delivered
 * twice). The ticker prints `tick 1, tick 2, ...`: any break is a fault of the follow. Pure.
 */
function tickBreaks(texts: readonly string[]): { ticks: number; gaps: number; repeats: number } {
  const ticks = texts.map((t) => Number(/tick (\d+)/.exec(t)?.[1])).filter((n) => Number.isFinite(n))
  let gaps = 0
  let repeats = 0
  for (let i = 1; i < ticks.length; i++) {
    if (ticks[i] <= ticks[i - 1]) repeats++
    else if (ticks[i] !== ticks[i - 1] + 1) gaps++
  }
  return { ticks: ticks.length, gaps, repeats }
}

/**
 * The known state of a followed log after a fault: it must follow on through the new link (ticks
 * after `from`), every tick once and in order, and say once that it moved; or, when it ended, it
 * must say why (then it is not `ok`: the follow is expected to survive a manager going).
 */
export async function logOutcome(follow: Awaited<ReturnType<typeof followLogs>>, from: number): Promise<{ outcome: string; compared: string; ok: boolean }> {
  const settled = await waitFor(
    'the log session to follow again or to end',
    () => {
      const after = follow.lines().filter((l) => l.at > from && l.line.stream === 'stdout')
      if (after.length >= 10) return { outcome: 'still following', after }
      if (follow.ended()) return { outcome: 'ended', after }
      return null
    },
    45_000
  ).catch(() => null)
  const notices = follow.lines().filter((l) => l.line.stream === 'notice')
  const resumed = notices.filter((l) => l.line.said?.key === 'logs.said.resumed').length
  const { ticks, gaps, repeats } = tickBreaks(follow.lines().filter((l) => l.line.stream === 'stdout').map((l) => l.line.text))
  const compared = `${ticks} ticks, ${gaps} gap(s), ${repeats} repeat(s), ${resumed} switch notice(s)`
  if (!settled) return { outcome: 'HUNG: no line, no end, no notice', compared, ok: false }
  const told = notices.length ? `; said: ${notices[notices.length - 1].line.text.slice(0, 60)}` : ''
  if (settled.outcome === 'ended') return { outcome: `ended with a notice${told}`, compared, ok: false }
  return { outcome: `followed on through the new link${told}`, compared, ok: gaps === 0 && repeats === 0 && resumed === 1 }
}

/** Starts a rolling update of a service to another image through services.update (the rollout is then the swarm's). */
export async function startRollout(h: Harness, clusterId: string, serviceName: string, image: string): Promise<void> {
  const edit = await h.call('services.edit', { clusterId, serviceId: serviceName })
  const result = await h.call('services.update', { clusterId, serviceId: edit.serviceId, base: edit.draft, draft: { ...edit.draft, image } })
  if (!result.changed) throw new Error(`${serviceName}: the update changed nothing`)
}

/** The rollout as the mirror shows it (the app's monitor) and as the docker CLI sees it. */
export async function rolloutSettled(h: Harness, lab: LabStatus, manager: string, clusterId: string, serviceName: string, image: string, replicas: number) {
  const monitor = await waitFor(
    'the mirror to show the rollout completed',
    () => {
      const service = Object.values(h.model(clusterId)?.services ?? {}).find((s) => s.name === serviceName)
      return service && service.updateStatus?.state === 'completed' && service.image.startsWith(image) && service.runningTasks === replicas ? service : null
    },
    120_000
  )
  const running = (await docker(lab, manager, ['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.Image}} {{.CurrentState}}', serviceName])).split('\n').filter((l) => l.startsWith(image) && l.includes('Running'))
  return { monitor: monitor.updateStatus?.state ?? 'none', running: running.length }
}

// ---------------------------------------------------------------- stack deploy under a fault

/** A stack of `count` services (s01, s02, ...), one replica each of the sleeper image (stopped at once when removed). */
export function stackCompose(image: string, count: number): string {
  const services = Array.from({ length: count }, (_, i) => `  s${String(i + 1).padStart(2, '0')}:\n    image: ${image}\n    stop_grace_period: 1s\n    deploy:\n      replicas: 1\n`)
  return `services:\n${services.join('')}`
}

/** The stack's services and networks as the docker CLI lists them (sorted names). */
export async function stackOnCluster(lab: LabStatus, manager: string, stack: string): Promise<{ services: string[]; networks: string[] }> {
  const list = async (kind: 'service' | 'network') => (await docker(lab, manager, [kind, 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Name}}'])).split('\n').filter(Boolean).sort()
  return { services: await list('service'), networks: await list('network') }
}

export interface DeployRun {
  file: string
  /** the plan's service operations: id -> service name */
  serviceOps: Map<string, string>
  planned: string[]
  plannedNetworks: string[]
  deployed: DeployResult
  /** when the fault was injected (0: the deploy ended before its first service was created) */
  faultAt: number
  /** when the deploy answered */
  deployedAt: number
}

/**
 * Plans the stack, then deploys it; `inject` runs once, right after the first service is created
 * (the other creations are in flight then: the applier writes services in parallel).
 */
export async function deployUnderFault(h: Harness, clusterId: string, stack: string, file: string, inject: () => void): Promise<DeployRun> {
  const plan = await h.call('stacks.plan', { clusterId, stack, source: { paths: [file] } })
  if (!plan.ok) throw new Error(`${stack}: the plan is not ok`)
  const planned = plan.operations.filter((o) => o.kind === 'service.create').map((o) => o.name).sort()
  const plannedNetworks = plan.operations.filter((o) => o.kind === 'network.create').map((o) => o.name).sort()
  const requestId = `${stack}-deploy`
  let faultAt = 0
  const unsubscribe = h.services.bus.subscribe((name, payload) => {
    const p = payload as StackProgress
    if (name !== 'stacks.progress' || p.requestId !== requestId || faultAt || p.status !== 'done' || !p.opId.startsWith('service.create')) return
    faultAt = Date.now()
    inject()
  })
  try {
    const deployed = await h.call('stacks.deploy', { clusterId, stack, source: { paths: [file] }, requestId, wait: false, waitTimeoutSeconds: 60 })
    const serviceOps = new Map(plan.operations.filter((o) => o.kind === 'service.create').map((o) => [o.id, o.name]))
    return { file, serviceOps, planned, plannedNetworks, deployed, faultAt, deployedAt: Date.now() }
  } finally {
    unsubscribe()
  }
}

/**
 * A new plan of the stack (a fresh look at the cluster): the operations it would apply
 * (`kind:name`), and the creations of the planned services the cluster lacks; equal when the plan
 * shows exactly what was not yet applied.
 */
export async function replanned(h: Harness, clusterId: string, stack: string, file: string, planned: string[], onCluster: string[]): Promise<{ toApply: string[]; notThere: string[] }> {
  const plan = await h.call('stacks.plan', { clusterId, stack, source: { paths: [file] } })
  const toApply = plan.operations.filter((o) => actionableStackOperationKinds.has(o.kind)).map((o) => `${o.kind}:${o.name}`).sort()
  const notThere = planned.filter((n) => !onCluster.includes(n)).map((n) => `service.create:${n}`).sort()
  return { toApply, notThere }
}

/**
 * The known state of a deploy cut by a fault, compared with the cluster: every service it
 * reported done is there (no lie), none it reported skipped is; a new plan (a fresh look at the
 * cluster) lists exactly the services not there yet; deploying again completes the stack, and
 * the cluster then holds exactly the plan's services and networks (no orphan).
 */
export async function settleDeploy(h: Harness, lab: LabStatus, manager: string, clusterId: string, stack: string, run: DeployRun) {
  const { deployed, planned, plannedNetworks, file, serviceOps } = run
  const services = deployed.outcomes.filter((o) => serviceOps.has(o.id))
  const reportedDone = services.filter((o) => o.status === 'done').map((o) => serviceOps.get(o.id) as string)
  const reportedSkipped = services.filter((o) => o.status === 'skipped').map((o) => serviceOps.get(o.id) as string)
  // a creation sent before the fault may land after the answer was lost: let the cluster settle
  await new Promise((r) => setTimeout(r, 1000))
  const afterFault = (await stackOnCluster(lab, manager, stack)).services
  const lies = [...reportedDone.filter((n) => !afterFault.includes(n)).map((n) => `${n} reported done, absent`), ...reportedSkipped.filter((n) => afterFault.includes(n)).map((n) => `${n} reported skipped, present`)]
  const { toApply, notThere } = await replanned(h, clusterId, stack, file, planned, afterFault)
  const resumed = deployed.ok ? deployed : await h.call('stacks.deploy', { clusterId, stack, source: { paths: [file] }, wait: false, waitTimeoutSeconds: 60 })
  const final = await stackOnCluster(lab, manager, stack)
  const orphans = [...final.services.filter((n) => !planned.includes(n)), ...final.networks.filter((n) => !plannedNetworks.includes(n))]
  const failed = services.filter((o) => o.status === 'failed').length
  const unconfirmed = afterFault.length - reportedDone.length
  return {
    lies,
    replanned: { toApply, notThere },
    resumed: { applied: resumed.applied, ok: resumed.ok },
    final,
    orphans,
    outcome: deployed.ok ? 'completed' : `partial: services ${reportedDone.length} done, ${failed} failed (${unconfirmed} of them applied, unconfirmed), ${reportedSkipped.length} skipped; new plan: ${toApply.length} to apply; redeploy ${resumed.ok ? 'completed' : 'NOT ok'}`,
    compared: `${final.services.filter((n) => planned.includes(n)).length}/${planned.length} services, ${final.networks.length}/${plannedNetworks.length} network, ${orphans.length} orphans, ${lies.length} untrue reports`
  }
}

// ---------------------------------------------------------------- secret rotation under a fault

/** A secret and three services mounting it (start-first, a short monitor), placed by `constraint`; their names (the caller waits until they run). */
export async function rotationConsumers(lab: LabStatus, manager: string, secret: string, constraint: string): Promise<string[]> {
  const file = join(tempDir('sd-fault-rot-'), 'value')
  writeFileSync(file, 'first')
  await docker(lab, manager, ['secret', 'create', secret, file])
  const consumers = ['a', 'b', 'c'].map((s) => `${secret}-${s}`)
  for (const name of consumers) {
    await docker(lab, manager, ['service', 'create', '--detach', '--name', name, '--constraint', constraint, '--secret', `source=${secret},target=tok`, '--update-order', 'start-first', '--update-monitor', '1s', '--stop-grace-period', '1s', lab.images.sleeper])
  }
  return consumers
}

export interface RotationRun {
  secret: string
  /** the new value (a resume needs it when the rotation stopped before the new version existed) */
  value: string
  consumers: string[]
  ended: Promise<{ result: RotationResult | null; error: string | null; at: number }>
}

/** secrets.rotate of the secret (with --remove-old), started and left in flight. */
export function rotateUnderFault(h: Harness, clusterId: string, secret: string, consumers: string[]): RotationRun {
  const value = `value-${Date.now()}`
  const ended = h.call('secrets.rotate', { clusterId, kind: 'secret', objectId: secret, value: { text: value }, removeOld: true }).then(
    (result) => ({ result, error: null, at: Date.now() }),
    (error: Error) => ({ result: null, error: error.message, at: Date.now() })
  )
  return { secret, value, consumers, ended }
}

/**
 * The known state of a rotation hit by a fault: it completed or rolled back by itself, or its
 * journal says it is unfinished and it is resumed (rolled back when the resume fails) through the
 * services; then every consumer mounts one version, that version is the only one left, and no
 * rotation is unfinished. A rotation that does not end within `timeoutMs` is a hang.
 */
export async function settleRotation(h: Harness, lab: LabStatus, manager: string, clusterId: string, run: RotationRun, timeoutMs = 150_000) {
  const timeout = new Promise<null>((r) => setTimeout(() => r(null), timeoutMs).unref())
  const ended = await Promise.race([run.ended, timeout])
  if (!ended) return { ok: false, outcome: `HUNG: no answer within ${timeoutMs / 1000} s`, compared: '-' }
  const steps: string[] = [ended.result ? `rotate: ${ended.result.outcome}` : `rotate: error (${ended.error?.slice(0, 60)})`]
  let version = ended.result?.outcome === 'completed' ? ended.result.new.name : ended.result?.outcome === 'rolled-back' ? ended.result.old.name : null
  if (!version) {
    const unfinished = await h.call('secrets.rotations', { clusterId, onlyUnfinished: true })
    const record = unfinished.find((r) => r.old.name === run.secret)
    if (!record) return { ok: false, outcome: `${steps[0]}; NO unfinished journal to resume`, compared: '-' }
    steps.push(`journal: ${record.state}`)
    // the value again, as the user would give it: needed when it stopped before the new version existed
    const resumed = await h.call('secrets.resumeRotation', { clusterId, rotationId: record.id, value: { text: run.value } }).catch((e: Error) => ({ outcome: `error ${e.message.slice(0, 60)}`, new: record.new, old: record.old }))
    steps.push(`resumed: ${resumed.outcome}`)
    if (resumed.outcome === 'completed') version = resumed.new.name
    else if (resumed.outcome === 'rolled-back') version = resumed.old.name
    else {
      const back = await h.call('secrets.rollbackRotation', { clusterId, rotationId: record.id, keepNew: false })
      steps.push(`rolled back: ${back.outcome}`)
      if (back.outcome === 'rolled-back') version = back.old.name
    }
  }
  const onIt: string[] = []
  for (const service of run.consumers) {
    const spec = JSON.parse(await docker(lab, manager, ['service', 'inspect', '--format', '{{json .Spec.TaskTemplate.ContainerSpec.Secrets}}', service])) as { SecretName: string }[] | null
    if ((spec ?? []).map((s) => s.SecretName).join() === version) onIt.push(service)
  }
  const versions = (await docker(lab, manager, ['secret', 'ls', '--format', '{{.Name}}'])).split('\n').filter((n) => n.startsWith(run.secret)).sort()
  const unfinished = (await h.call('secrets.rotations', { clusterId, onlyUnfinished: true })).filter((r) => r.old.name.startsWith(run.secret))
  const ok = version !== null && onIt.length === run.consumers.length && versions.join() === version && unfinished.length === 0
  return {
    ok,
    outcome: steps.join('; '),
    compared: `${onIt.length}/${run.consumers.length} services on ${version ?? 'no version'}, ${versions.filter((v) => v !== version).length} orphan version(s), ${unfinished.length} unfinished`
  }
}

// ---------------------------------------------------------------- terminal session under a fault

/** An open terminal's output so far (decoded) and its exit event, if any. */
export function terminalWatch(h: Harness, terminalId: string) {
  return {
    output: () =>
      h.received
        .filter((e) => e.name === 'terminals.output' && (e.payload as EventPayload<'terminals.output'>).terminalId === terminalId)
        .map((e) => Buffer.from((e.payload as EventPayload<'terminals.output'>).data, 'base64').toString('utf8'))
        .join(''),
    exit: () => h.received.find((e) => e.name === 'terminals.exit' && (e.payload as EventPayload<'terminals.exit'>).terminalId === terminalId)?.payload as EventPayload<'terminals.exit'> | undefined
  }
}

let probes = 0

/** Types a command whose answer cannot be its echo (`probe-N-$((6*7))` prints probe-N-42); resolves true when the answer came, false when the terminal ended first or nothing came. */
async function probe(h: Harness, terminalId: string, timeoutMs: number): Promise<boolean> {
  const mark = `probe-${++probes}-`
  const watch = terminalWatch(h, terminalId)
  await h.call('terminals.input', { terminalId, data: `echo ${mark}$((6*7))\r` }).catch(() => undefined)
  const seen = await waitFor('the probe answered or the terminal ended', () => (watch.output().includes(`${mark}42`) ? 'answered' : watch.exit() ? 'ended' : null), timeoutMs).catch(() => null)
  return seen === 'answered'
}

/**
 * The known state of a terminal after a fault: a command typed after the fault is answered (it
 * kept working), or the terminal ended with its reason and a new one opens at once and answers;
 * a terminal that neither answers nor ends within `timeoutMs` is a hang.
 */
export async function terminalOutcome(h: Harness, clusterId: string, terminalId: string, taskForNew: () => Promise<string>, faultAt: number, timeoutMs = 30_000): Promise<{ ok: boolean; outcome: string }> {
  const watch = terminalWatch(h, terminalId)
  if (!watch.exit() && (await probe(h, terminalId, timeoutMs))) {
    await h.call('terminals.close', { terminalId }).catch(() => undefined)
    return { ok: true, outcome: 'kept working: a command typed after the fault was answered' }
  }
  const exit = await waitFor('the terminal to end', () => watch.exit(), 5_000).catch(() => undefined)
  if (!exit) return { ok: false, outcome: `HUNG: no answer, no end within ${timeoutMs / 1000} s` }
  const endedAt = h.received.find((e) => e.name === 'terminals.exit' && (e.payload as EventPayload<'terminals.exit'>).terminalId === terminalId)?.at ?? Date.now()
  const why = `${((endedAt - faultAt) / 1000).toFixed(1)} s after the fault, ${exit.reason ? `${exit.reason.code}: ${exit.reason.message.slice(0, 70)}` : `exit ${exit.exitCode}`}`
  const again = await h.call('terminals.open', { clusterId, taskId: await taskForNew(), command: null, cols: 80, rows: 24 })
  const answered = await probe(h, again.terminalId, 15_000)
  await h.call('terminals.close', { terminalId: again.terminalId }).catch(() => undefined)
  return { ok: answered && (exit.exitCode !== null || exit.reason !== null), outcome: `ended (${why}); a new one opened${answered ? ' and answered' : ' but DID NOT answer'}` }
}

/**
 * A deploy's known state after a fault (settleDeploy's answer): nothing it reported was untrue, a
 * new plan lists exactly what the cluster lacks, deploying again completes the stack, no orphan.
 */
export function expectDeployKnown(deploy: Awaited<ReturnType<typeof settleDeploy>>, planned: string[]): void {
  expect(deploy.lies).toEqual([])
  expect(deploy.replanned.toApply).toEqual(deploy.replanned.notThere)
  expect(deploy.resumed).toEqual({ applied: true, ok: true })
  expect(deploy.final.services).toEqual(planned)
  expect(deploy.orphans).toEqual([])
}

/** Clean-up of a fault file: its services, its stack's network, its node labels and secret versions. */
export async function removeFaultObjects(lab: LabStatus, manager: string, names: { base: string; stack: string; secret: string; nodeIds: string[] }): Promise<void> {
  const left = (await docker(lab, manager, ['service', 'ls', '-q', '--filter', `name=${names.base}`])).split('\n').filter(Boolean)
  if (left.length) await docker(lab, manager, ['service', 'rm', ...left])
  await waitFor('the stack network free', async () => {
    await docker(lab, manager, ['network', 'rm', `${names.stack}_default`]).catch(() => undefined)
    return (await docker(lab, manager, ['network', 'ls', '-q', '--filter', `name=${names.stack}_default`])) === ''
  }, 60_000).catch(() => undefined)
  await removeLabels(lab, manager, names.nodeIds, names.base)
  const versions = (await docker(lab, manager, ['secret', 'ls', '--format', '{{.Name}}'])).split('\n').filter((n) => n.startsWith(names.secret))
  if (versions.length) await docker(lab, manager, ['secret', 'rm', ...versions]).catch(() => undefined)
}
