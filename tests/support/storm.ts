/**
 * An event storm on the real lab: many services whose tasks stay pending (real tasks in Raft, real
 * events, no containers) plus a few running ones, a SwarmDesk core with the cluster open, then
 * service updates fired from the docker CLI at a steady pace. For every update it measures the lag
 * between the CLI command returning and the mirror — the model the renderer builds from the
 * contract's `mirror.reset` and `mirror.deltas` events — holding that service at the version the
 * update made. Once the cluster is quiet, the live model is compared field by field with a fresh
 * snapshot taken through a new connection. Used by tests/integration/storm.test.ts at a CI size and
 * by the scale benchmark at full size (`runStorm`).
 */
import { execFile } from 'node:child_process'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import type { EventPayload } from '../../src/shared/contract'
import { mirrorTiming } from '../../src/main/mirror/cluster-mirror'
import { modelFromSnapshot, type MirrorModel } from '../../src/shared/mirror-model'
import { labNode, type LabStatus } from './lab'
import { compareModels, type Difference } from './model-diff'
import { startServices } from './services'
import { engineApi, engineMust } from './engine-api'

const run = promisify(execFile)

/** The label every object of a storm carries (its value: the run's id), so cleanup removes exactly those. */
export const STORM_LABEL = 'swarmdesk.storm'
/** A constraint no lab node meets: the tasks stay pending. */
const NEVER = `node.labels.${STORM_LABEL}==never`

export type StormUpdateKind = 'env' | 'label' | 'replicas' | 'limit'
const KINDS: readonly StormUpdateKind[] = ['env', 'label', 'replicas', 'limit']

export interface StormOptions {
  /** Services whose tasks stay pending, made for the storm. */
  pendingServices: number
  /**
   * Also update the services already on the cluster that carry this label (e.g. `swarmdesk.scale=1`,
   * what `npm run lab:scale` makes), as pending ones: a benchmark's storm over a filled lab. They are
   * not removed afterwards, and keep what the storm changed (env, labels, replicas by one, CPU limit).
   */
  existingLabel?: string
  /** Replicas of each pending service at the start (a `replicas` update moves it by one). */
  replicas?: number
  /** Services with one running sleeper task each (their updates are real rolling updates). */
  runningServices?: number
  /**
   * Extra pending services each updated then at once removed with the CLI during the storm: the
   * removal lands while the reads of the update are on their way, and nothing of the service may
   * come back into the mirror with them.
   */
  removals?: number
  /** Service updates fired from the docker CLI. */
  updates: number
  /** The pace, in updates started per second. */
  perSecond?: number
  /** At most this many CLI commands at once (the pace waits for one to end when reached). */
  concurrency?: number
  /** How long, after the last update, the mirror may take to show every update before it counts as missed. */
  seenTimeoutMs?: number
  /** The cluster counts as quiet after this long without a batch that changes the model. */
  quietMs?: number
  /**
   * false: the delta path alone is checked. The mirror re-reads every task and service every 10 s
   * (mirrorTiming.taskReconcileMs), a safety net for task changes no event announces; during a
   * storm that re-read would mend whatever the deltas lost, and hide it. With false it is pushed
   * past the storm for the cores opened meanwhile. Default: true (the app as it ships).
   */
  reconcile?: boolean
  /** A core already started (`startServices`), its cluster not yet open; otherwise the storm starts one and disposes of it. */
  core?: StormCore
  /** Progress lines (setup, storm, settle, compare); silent by default. */
  log?: (line: string) => void
}

export type StormCore = ReturnType<typeof startServices>

export interface Figures {
  p50: number
  p95: number
  max: number
}

export interface StormReport {
  services: { pending: number; running: number; removed: number; tasksAtStart: number }
  updates: { fired: number; failed: number; seen: number; missed: { serviceId: string; kind: StormUpdateKind; version: number }[]; byKind: Record<StormUpdateKind, number> }
  /** From the CLI command's return to the mirror holding the service at that version (ms). */
  lag: Figures
  /** Lag p95 for each quarter of the storm, in firing order: a lag that grows shows here. */
  lagP95ByQuarter: number[]
  /** Wall time of the `docker service update` commands (ms). */
  cli: Figures
  /** How long firing the updates took (ms), and the pace reached. */
  stormMs: number
  perSecond: number
  /** The in-process core's event-loop delay during the storm (ms): how long an input could wait. */
  eventLoopDelay: { p99: number; max: number }
  /** Mirror batches pushed during the storm and the settle. */
  batches: number
  /**
   * The running services' tasks that the engine had running at least FOLLOW_MARGIN_MS before the
   * storm's last update: no event announces a task, so the mirror shows them only by re-reading the
   * services it follows, which must go on while events keep coming. `late`: those it showed running
   * only after the storm. `lag`: from the engine's timestamp of the running state to the mirror.
   */
  runningTasks: { checked: number; late: string[]; lag: Figures }
  equality: {
    /** Every differing path between the live mirror and the fresh snapshot in the final comparison. */
    differences: Difference[]
    /** Comparisons made: a difference that the next comparison no longer shows was a change in flight. */
    attempts: number
    /** Differences of the earlier comparisons, if any (changes in flight while comparing). */
    earlier: Difference[][]
    compared: { nodes: number; services: number; tasks: number; secrets: number; configs: number; networks: number }
    /** Tasks of services neither side holds any more, set apart from the comparison (model-diff.ts says why). */
    orphanTasks: number
  }
}

// ---------------------------------------------------------------------------------------------
// The Engine API of manager1, for the storm's own setup, version reads and cleanup (never product code).


async function inParallel(jobs: (() => Promise<unknown>)[], width = 8): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]()
  }
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker))
}

const labelFilter = (runId: string) => `filters=${encodeURIComponent(JSON.stringify({ label: [`${STORM_LABEL}=${runId}`] }))}`

async function createServices(socket: string, image: string, runId: string, options: Required<Pick<StormOptions, 'pendingServices' | 'runningServices' | 'replicas'>>): Promise<string[]> {
  const spec = (i: number, running: boolean) => ({
    Name: `storm-${runId}-${running ? 'run' : 'svc'}${i}`,
    Labels: { [STORM_LABEL]: runId },
    TaskTemplate: {
      ContainerSpec: { Image: image, Env: ['STORM_N=start'], StopGracePeriod: 1_000_000_000 },
      ...(running ? {} : { Placement: { Constraints: [NEVER] } }),
      RestartPolicy: { Condition: 'none' }
    },
    Mode: { Replicated: { Replicas: running ? 1 : options.replicas } },
    // A running service's new task starts first, and its rolling update then stays in its monitor
    // period past the storm: no service event (the update's completion) re-reads its tasks meanwhile,
    // so only the mirror's follow reads can show the new task running (StormReport.runningTasks).
    UpdateConfig: { Order: 'start-first', Monitor: 120_000_000_000 }
  })
  const ids: string[] = []
  // the running ones first: the storm's first updates of each round go to them
  const jobs = [
    ...Array.from({ length: options.runningServices }, (_, i) => ({ i, running: true })),
    ...Array.from({ length: options.pendingServices }, (_, i) => ({ i, running: false }))
  ].map((job, index) => async () => {
    ids[index] = (await engineMust<{ ID: string }>(socket, 'POST', '/services/create', spec(job.i, job.running))).ID
  })
  await inParallel(jobs)
  return ids
}

/** How many tasks of these services the engine holds (tasks carry no service labels: filtered here by service id). */
async function countTasks(socket: string, serviceIds: Set<string>): Promise<number> {
  const tasks = await engineMust<{ ServiceID: string }[]>(socket, 'GET', '/tasks')
  return tasks.filter((t) => serviceIds.has(t.ServiceID)).length
}

/** Between two task counts: a whole-cluster task list is large at full size (100,000 tasks: tens of MB). */
const pollMs = (tasks: number) => (tasks > 10_000 ? 3_000 : 500)

async function waitForTasks(socket: string, serviceIds: string[], count: number): Promise<void> {
  const ids = new Set(serviceIds)
  for (let wait = 0; wait < 240 && (await countTasks(socket, ids)) < count; wait++) await new Promise((resolve) => setTimeout(resolve, pollMs(count)))
}

/** Removes every service of the run and waits until their tasks are gone. */
async function removeServices(socket: string, runId: string): Promise<void> {
  const services = await engineMust<{ ID: string }[]>(socket, 'GET', `/services?${labelFilter(runId)}`)
  await inParallel(services.map((s) => () => engineApi(socket, 'DELETE', `/services/${s.ID}`)))
  const ids = new Set(services.map((s) => s.ID))
  for (let wait = 0, left = await countTasks(socket, ids); wait < 240 && left > 0; wait++, left = await countTasks(socket, ids)) {
    await new Promise((resolve) => setTimeout(resolve, pollMs(left)))
  }
}

// ---------------------------------------------------------------------------------------------
// Figures

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

const figures = (values: number[]): Figures => ({ p50: percentile(values, 0.5), p95: percentile(values, 0.95), max: values.length ? Math.max(...values) : Number.NaN })

// ---------------------------------------------------------------------------------------------
// What the mirror showed: for each service, the versions in the order the model received them.

class SeenVersions {
  private readonly seen = new Map<string, { version: number; at: number }[]>()
  /** When the mirror first showed each task running (wall clock, to compare with the engine's task timestamps). */
  readonly runningAt = new Map<string, number>()
  batches = 0
  lastChangeAt = performance.now()

  note(serviceId: string, version: number, at: number): void {
    const list = this.seen.get(serviceId) ?? []
    if (!list.length || list[list.length - 1].version !== version) list.push({ version, at })
    this.seen.set(serviceId, list)
  }

  /** When the mirror first held this service at `version` or later (a later write of the engine's, e.g. an update status, implies it). */
  firstAt(serviceId: string, version: number): number | undefined {
    return this.seen.get(serviceId)?.find((entry) => entry.version >= version)?.at
  }

  listen(core: StormCore): () => void {
    return core.services.bus.subscribe((name, payload) => {
      const at = performance.now()
      if (name === 'mirror.reset') {
        for (const service of (payload as EventPayload<'mirror.reset'>).snapshot.services) this.note(service.id, service.version, at)
        this.lastChangeAt = at
      } else if (name === 'mirror.deltas') {
        this.batches++
        for (const delta of (payload as EventPayload<'mirror.deltas'>).deltas) {
          if (delta.op !== 'event') this.lastChangeAt = at
          if (delta.op === 'upsert' && delta.kind === 'service') this.note(delta.value.id, delta.value.version, at)
          if (delta.op === 'upsert' && delta.kind === 'task' && delta.value.state === 'running' && !this.runningAt.has(delta.value.id)) this.runningAt.set(delta.value.id, Date.now())
        }
      }
    })
  }
}

// ---------------------------------------------------------------------------------------------
// The storm

interface Fired {
  serviceId: string
  kind: StormUpdateKind
  index: number
  version: number
  doneAt: number
  cliMs: number
}

/** What update `index` changes on its service: the kinds rotate over the services and over the rounds. */
export function updateArgs(kind: StormUpdateKind, index: number, replicas: { current: number; base: number }): string[] {
  switch (kind) {
    case 'env':
      return ['--env-add', `STORM_N=${index}`]
    case 'label':
      return ['--label-add', `${STORM_LABEL}.n=${index}`]
    case 'replicas':
      replicas.current = replicas.current === replicas.base ? replicas.base + 1 : replicas.base
      return ['--replicas', String(replicas.current)]
    case 'limit':
      return ['--limit-cpu', `0.${(index % 9) + 1}`]
  }
}

/** Update `index` goes to service `index % services`; its kind moves on by one for each service and each round, so every service sees every kind. */
export const kindOf = (index: number, services: number): StormUpdateKind => KINDS[((index % services) + Math.floor(index / services)) % KINDS.length]

/** Each service updated, then removed at once, spread over the storm's duration. */
async function churn(socket: string, serviceIds: string[], durationMs: number, failures: string[]): Promise<number> {
  let removed = 0
  const started = performance.now()
  for (const [i, id] of serviceIds.entries()) {
    const wait = started + ((i + 0.5) * durationMs) / serviceIds.length - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    try {
      await run('docker', ['-H', `unix://${socket}`, 'service', 'update', '--detach', '--quiet', '--env-add', 'STORM_N=gone', id], { timeout: 60_000 })
      await run('docker', ['-H', `unix://${socket}`, 'service', 'rm', id], { timeout: 60_000 })
      removed++
    } catch (error) {
      failures.push(`update and remove of ${id}: ${String(error)}`)
    }
  }
  return removed
}

async function fireUpdates(socket: string, serviceIds: string[], replicasAtStart: Map<string, number>, options: Required<Pick<StormOptions, 'updates' | 'perSecond' | 'concurrency'>>, log: (line: string) => void) {
  const fired: Fired[] = []
  const failures: string[] = []
  const replicas = new Map(serviceIds.map((id) => [id, { base: replicasAtStart.get(id) ?? 1, current: replicasAtStart.get(id) ?? 1 }]))
  const busy = new Set<string>()
  let inFlight = 0
  const started = performance.now()
  const running: Promise<void>[] = []
  for (let index = 0; index < options.updates; index++) {
    const due = started + (index * 1000) / options.perSecond
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    while (inFlight >= options.concurrency) await Promise.race(running)
    const serviceId = serviceIds[index % serviceIds.length]
    // one command per service at a time: two would race on the version index (the CLI does not retry)
    while (busy.has(serviceId)) await Promise.race(running)
    const kind = kindOf(index, serviceIds.length)
    const args = updateArgs(kind, index, replicas.get(serviceId)!)
    busy.add(serviceId)
    inFlight++
    const job = (async () => {
      const at = performance.now()
      try {
        await run('docker', ['-H', `unix://${socket}`, 'service', 'update', '--detach', '--quiet', ...args, serviceId], { timeout: 60_000 })
        const doneAt = performance.now()
        const service = await engineMust<{ Version: { Index: number } }>(socket, 'GET', `/services/${serviceId}`)
        fired.push({ serviceId, kind, index, version: service.Version.Index, doneAt, cliMs: doneAt - at })
      } catch (error) {
        failures.push(`${kind} on ${serviceId}: ${String(error)}`)
      } finally {
        busy.delete(serviceId)
        inFlight--
      }
    })()
    running.push(job)
    void job.then(() => running.splice(running.indexOf(job), 1))
    if ((index + 1) % 100 === 0) log(`storm: ${index + 1}/${options.updates} updates started`)
  }
  await Promise.all(running)
  const stormMs = performance.now() - started
  if (failures.length) log(`storm: ${failures.length} updates failed, first: ${failures[0]}`)
  return { fired: fired.sort((a, b) => a.index - b.index), failures, stormMs }
}

/** How long before the storm's end a task must have been running for the mirror to be expected to show it by then. */
const FOLLOW_MARGIN_MS = 2_000

function runningTasksSeen(fresh: MirrorModel | undefined, runningServices: Set<string>, seen: SeenVersions, stormEndedAt: number): StormReport['runningTasks'] {
  const tasks = Object.values(fresh?.tasks ?? {}).filter((t) => runningServices.has(t.serviceId) && t.state === 'running')
  const lags = tasks.flatMap((t) => {
    const at = seen.runningAt.get(t.id)
    return at === undefined ? [] : [Math.max(0, at - Date.parse(t.timestamp))]
  })
  const checked = tasks.filter((t) => Date.parse(t.timestamp) <= stormEndedAt - FOLLOW_MARGIN_MS)
  const late = checked.filter((t) => (seen.runningAt.get(t.id) ?? Number.POSITIVE_INFINITY) > stormEndedAt).map((t) => t.id)
  return { checked: checked.length, late, lag: figures(lags) }
}

async function waitUntil(what: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if (what()) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return what()
}

/** A model straight from the engine: a second core, a new connection, its first snapshot. */
async function freshModel(dockerHost: string): Promise<MirrorModel> {
  const fresh = startServices({ env: { DOCKER_HOST: dockerHost } })
  try {
    const { clusterId } = await fresh.call('clusters.open', { profileId: 'default' })
    return modelFromSnapshot(await fresh.call('clusters.snapshot', { clusterId }))
  } finally {
    fresh.services.dispose()
  }
}

async function compareWhenQuiet(core: StormCore, clusterId: string, dockerHost: string, seen: SeenVersions, quietMs: number, log: (line: string) => void) {
  const quiet = () => waitUntil(() => performance.now() - seen.lastChangeAt >= quietMs, 120_000)
  const earlier: Difference[][] = []
  let differences: Difference[] = []
  let orphans: string[] = []
  let attempts = 0
  let fresh: MirrorModel | undefined
  while (attempts < 3) {
    attempts++
    await quiet()
    fresh = await freshModel(dockerHost)
    // whatever changed while the fresh snapshot was read reaches the live mirror within a quiet spell
    await quiet()
    const compared = compareModels(core.model(clusterId)!, fresh)
    differences = [...compared]
    orphans = compared.orphans
    log(`equality: comparison ${attempts}: ${differences.length} differing paths`)
    if (differences.length === 0) break
    earlier.push(differences)
  }
  if (differences.length) earlier.pop()
  const count = (key: 'nodes' | 'services' | 'tasks' | 'secrets' | 'configs' | 'networks') => Object.keys(fresh?.[key] ?? {}).length
  return { fresh, differences, attempts, earlier, compared: { nodes: count('nodes'), services: count('services'), tasks: count('tasks'), secrets: count('secrets'), configs: count('configs'), networks: count('networks') }, orphanTasks: orphans.length }
}

/**
 * Runs one storm on the lab's manager1 and cleans up what it made (even when it fails).
 * Needs the lab shared lock held by the caller's process, like every lab run.
 */
export async function runStorm(lab: LabStatus, options: StormOptions): Promise<StormReport> {
  const log = options.log ?? (() => undefined)
  const settings = {
    pendingServices: options.pendingServices,
    runningServices: options.runningServices ?? 0,
    removals: options.removals ?? 0,
    replicas: options.replicas ?? 1,
    updates: options.updates,
    perSecond: options.perSecond ?? 20,
    concurrency: options.concurrency ?? 4,
    seenTimeoutMs: options.seenTimeoutMs ?? 30_000,
    quietMs: options.quietMs ?? 3_000
  }
  const socket = labNode(lab, 'manager1').socket
  const dockerHost = `unix://${socket}`
  const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`
  const core = options.core ?? startServices({ env: { DOCKER_HOST: dockerHost } })
  const seen = new SeenVersions()
  const stopListening = seen.listen(core)
  const reconcileMs = mirrorTiming.taskReconcileMs
  if (options.reconcile === false) mirrorTiming.taskReconcileMs = 3_600_000
  try {
    const setupStarted = performance.now()
    const created = await createServices(socket, lab.images.sleeper, runId, { ...settings, pendingServices: settings.pendingServices + settings.removals })
    const goneIds = created.slice(created.length - settings.removals)
    const existing = options.existingLabel
      ? await engineMust<{ ID: string; Spec: { Mode?: { Replicated?: { Replicas?: number } } } }[]>(socket, 'GET', `/services?filters=${encodeURIComponent(JSON.stringify({ label: [options.existingLabel] }))}`)
      : []
    const serviceIds = [...created.slice(0, created.length - settings.removals), ...existing.map((s) => s.ID)]
    const replicasAtStart = new Map<string, number>([
      ...created.map((id, i): [string, number] => [id, i < settings.runningServices ? 1 : settings.replicas]),
      ...existing.map((s): [string, number] => [s.ID, s.Spec.Mode?.Replicated?.Replicas ?? 1])
    ])
    // the orchestrator makes the tasks a moment after the services: the cluster is opened once they exist
    await waitForTasks(socket, created, (settings.pendingServices + settings.removals) * settings.replicas + settings.runningServices)
    log(`setup: ${serviceIds.length} services in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`)
    const { clusterId } = await core.call('clusters.open', { profileId: 'default' })
    const inMirror = await waitUntil(() => [...created, ...serviceIds].every((id) => core.model(clusterId)?.services[id]), 60_000)
    if (!inMirror) throw new Error('the storm services never all reached the mirror')
    // the storm hits a whole mirror: the task list (the snapshot's second phase) is in first
    if (!(await waitUntil(() => core.model(clusterId)?.tasksLoaded === true, 120_000))) throw new Error('the task list never reached the mirror')
    const tasksAtStart = Object.keys(core.model(clusterId)!.tasks).length

    const loop = monitorEventLoopDelay({ resolution: 10 })
    loop.enable()
    const batchesBefore = seen.batches
    const churnFailures: string[] = []
    const [{ fired, failures, stormMs }, removed] = await Promise.all([
      fireUpdates(socket, serviceIds, replicasAtStart, settings, log),
      churn(socket, goneIds, (settings.updates * 1000) / settings.perSecond, churnFailures)
    ])
    failures.push(...churnFailures)
    const stormEndedAt = Date.now()
    const allSeen = () => fired.every((f) => seen.firstAt(f.serviceId, f.version) !== undefined)
    await waitUntil(allSeen, settings.seenTimeoutMs)
    loop.disable()
    const byKind = { env: 0, label: 0, replicas: 0, limit: 0 }
    // the mirror may hold the new version before the CLI's process has exited: that lag counts as 0
    const lagOf = fired.map((f) => {
      byKind[f.kind]++
      const at = seen.firstAt(f.serviceId, f.version)
      return at === undefined ? undefined : Math.max(0, at - f.doneAt)
    })
    const lags = lagOf.filter((lag) => lag !== undefined)
    const missed = fired.filter((_, i) => lagOf[i] === undefined).map((f) => ({ serviceId: f.serviceId, kind: f.kind, version: f.version }))
    const quarter = Math.ceil(fired.length / 4)
    const lagP95ByQuarter = [0, 1, 2, 3].map((q) => percentile(lagOf.slice(q * quarter, (q + 1) * quarter).filter((lag) => lag !== undefined), 0.95))
    log(`storm: ${fired.length} updates in ${(stormMs / 1000).toFixed(1)} s, ${fired.length - missed.length} seen`)

    const { fresh, ...equality } = await compareWhenQuiet(core, clusterId, dockerHost, seen, settings.quietMs, log)
    const runningTasks = runningTasksSeen(fresh, new Set(serviceIds.slice(0, settings.runningServices)), seen, stormEndedAt)
    return {
      services: { pending: serviceIds.length - settings.runningServices, running: settings.runningServices, removed, tasksAtStart },
      updates: { fired: fired.length, failed: failures.length, seen: fired.length - missed.length, missed, byKind },
      lag: figures(lags),
      lagP95ByQuarter,
      cli: figures(fired.map((f) => f.cliMs)),
      stormMs,
      perSecond: fired.length / (stormMs / 1000),
      eventLoopDelay: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      batches: seen.batches - batchesBefore,
      runningTasks,
      equality
    }
  } finally {
    mirrorTiming.taskReconcileMs = reconcileMs
    stopListening()
    if (!options.core) core.services.dispose()
    const cleanStarted = performance.now()
    await removeServices(socket, runId)
    log(`cleanup: the storm's services removed in ${((performance.now() - cleanStarted) / 1000).toFixed(1)} s`)
  }
}

/** The report as a few printable lines (the test and the benchmark print the same). */
export function stormLines(report: StormReport): string[] {
  const ms = (value: number) => `${Math.round(value)} ms`
  const { equality } = report
  return [
    `storm: ${report.updates.fired} updates (env ${report.updates.byKind.env}, label ${report.updates.byKind.label}, replicas ${report.updates.byKind.replicas}, limit ${report.updates.byKind.limit}) over ${report.services.pending} pending + ${report.services.running} running services (+ ${report.services.removed} updated and removed) (${report.services.tasksAtStart} tasks) in ${(report.stormMs / 1000).toFixed(1)} s (${report.perSecond.toFixed(1)}/s), ${report.updates.failed} failed`,
    `seen by the mirror: ${report.updates.seen}/${report.updates.fired}; lag from the CLI's return: p50 ${ms(report.lag.p50)}, p95 ${ms(report.lag.p95)}, max ${ms(report.lag.max)}; p95 by quarter ${report.lagP95ByQuarter.map(ms).join(', ')}`,
    `docker service update: p50 ${ms(report.cli.p50)}, p95 ${ms(report.cli.p95)}; core event-loop delay p99 ${ms(report.eventLoopDelay.p99)}, max ${ms(report.eventLoopDelay.max)}; ${report.batches} batches`,
    `running tasks started by the storm's updates: ${report.runningTasks.checked} checked, ${report.runningTasks.late.length} shown only after the storm; engine to mirror p50 ${ms(report.runningTasks.lag.p50)}, max ${ms(report.runningTasks.lag.max)}`,
    `equality with a fresh snapshot (${Object.entries(equality.compared).map(([k, v]) => `${v} ${k}`).join(', ')}): ${equality.differences.length} differing paths after ${equality.attempts} comparison(s)${equality.orphanTasks ? `, ${equality.orphanTasks} tasks of removed services set apart` : ''}${equality.earlier.length ? ` (earlier: ${equality.earlier.map((d) => d.length).join(', ')})` : ''}`
  ]
}
