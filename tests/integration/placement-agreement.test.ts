import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MirrorModel } from '../../src/shared/mirror-model'
import { holdsResources, isActive } from '../../src/shared/capacity'
import { fromMirror, placementServiceOf } from '../../src/main/placement/from-mirror'
import { defineService, planPlacement, type PlacementPlan, type PlacementService } from '../../src/main/placement/placement-planner'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'
import {
  LAB_NODES,
  applyLabels,
  engineFingerprint,
  engineTasks,
  fingerprint,
  labelsWithPrefix,
  nodeUpdate,
  removeService,
  servicePs,
  settle,
  summedClauses,
  type Availability,
  type LabNodeName,
  type SettledTask
} from '../support/placement-lab'

// Agreement with the real scheduler: for each scenario, the planner predicts from the live mirror,
// the docker CLI deploys the same service, and where Swarm put the tasks is compared with the plan.

const PREFIX = 'pa.'

/** The nodes' labels for every scenario: zones a (1 node), b (2), c (2); racks; a tier; ssd; a row on the workers only. */
const BASE_LABELS: Record<LabNodeName, Record<string, string>> = {
  manager1: { 'pa.zone': 'a', 'pa.rack': 'r1', 'pa.tier': 'back' },
  manager2: { 'pa.zone': 'b', 'pa.rack': 'r1' },
  manager3: { 'pa.zone': 'c', 'pa.rack': 'r1', 'pa.tier': 'back', 'pa.ssd': 'true' },
  worker1: { 'pa.zone': 'b', 'pa.rack': 'r2', 'pa.tier': 'front', 'pa.row': 'x' },
  worker2: { 'pa.zone': 'c', 'pa.rack': 'r1', 'pa.tier': 'front', 'pa.ssd': 'true', 'pa.row': 'y' }
}
const NO_LABELS: Record<LabNodeName, Record<string, string>> = { manager1: {}, manager2: {}, manager3: {}, worker1: {}, worker2: {} }

interface Context {
  ids: Record<LabNodeName, string>
  /** The smallest node memory (bytes), for reservations that fit only some nodes. */
  memory: number
}

interface ServiceSpec {
  mode?: 'replicated' | 'global'
  replicas?: number
  constraints?: string[]
  spread?: string[]
  maxPerNode?: number
  reserveNanoCpus?: number
  reserveMemoryBytes?: number
}

interface Scenario {
  name: string
  availability?: Partial<Record<'worker1' | 'worker2', Availability>>
  /** Services deployed (and running) before the prediction: they hold reservations. */
  background?: (ctx: Context) => ServiceSpec
  service: ServiceSpec | ((ctx: Context) => ServiceSpec)
  /** Scenario design, checked against both: the nodes that must get tasks, the tasks left pending. */
  eligible: LabNodeName[]
  pending?: number
  /** A planner warning the scenario is about. */
  warning?: RegExp
}

const workers: LabNodeName[] = ['worker1', 'worker2']
const managers: LabNodeName[] = ['manager1', 'manager2', 'manager3']
const all: LabNodeName[] = [...LAB_NODES]
const hog = (ctx: Context): ServiceSpec => ({ mode: 'global', constraints: ['node.role==worker'], reserveMemoryBytes: Math.floor(ctx.memory * 0.6) })

const SCENARIOS: Scenario[] = [
  { name: 'label ==', service: { replicas: 4, constraints: ['node.labels.pa.tier==front'] }, eligible: workers },
  { name: 'label != (matches nodes without the label)', service: { replicas: 6, constraints: ['node.labels.pa.tier!=front'] }, eligible: managers },
  { name: 'two constraints ANDed', service: { replicas: 2, constraints: ['node.labels.pa.tier==front', 'node.labels.pa.ssd==true'] }, eligible: ['worker2'] },
  { name: 'node.role==worker', service: { replicas: 4, constraints: ['node.role==worker'] }, eligible: workers },
  { name: 'node.role!=manager', service: { replicas: 3, constraints: ['node.role!=manager'] }, eligible: workers },
  { name: 'node.hostname==worker1', service: { replicas: 2, constraints: ['node.hostname==worker1'] }, eligible: ['worker1'] },
  { name: 'node.hostname!=manager1', service: { replicas: 5, constraints: ['node.hostname!=manager1'] }, eligible: ['manager2', 'manager3', 'worker1', 'worker2'] },
  { name: 'engine.labels.lab.node==worker2', service: { replicas: 2, constraints: ['engine.labels.lab.node==worker2'] }, eligible: ['worker2'] },
  { name: 'node.platform.os==linux', service: { replicas: 5, constraints: ['node.platform.os==linux'] }, eligible: all },
  { name: 'node.id==<manager2>', service: (ctx) => ({ replicas: 2, constraints: [`node.id==${ctx.ids.manager2}`] }), eligible: ['manager2'] },
  { name: 'impossible constraint', service: { replicas: 3, constraints: ['node.labels.pa.none==x'] }, eligible: [], pending: 3, warning: /No node is eligible/ },
  { name: "typo'd key (labels.pa.zone)", service: { replicas: 2, constraints: ['labels.pa.zone==a'] }, eligible: [], pending: 2, warning: /unknown key|node\.labels\.pa\.zone/ },
  { name: 'global + constraint', service: { mode: 'global', constraints: ['node.labels.pa.zone==b'] }, eligible: ['manager2', 'worker1'] },
  { name: 'global on all', service: { mode: 'global' }, eligible: all },
  { name: 'spread zone, uneven zones, 6', service: { replicas: 6, spread: ['node.labels.pa.zone'] }, eligible: all },
  { name: 'spread zone, 10 (remainder)', service: { replicas: 10, spread: ['node.labels.pa.zone'] }, eligible: all },
  { name: 'nested spread zone > rack, 10', service: { replicas: 10, spread: ['node.labels.pa.zone', 'node.labels.pa.rack'] }, eligible: all },
  { name: 'spread, label on workers only, 9', service: { replicas: 9, spread: ['node.labels.pa.row'] }, eligible: all, warning: /without the label/ },
  { name: 'spread zone + role==worker', service: { replicas: 4, spread: ['node.labels.pa.zone'], constraints: ['node.role==worker'] }, eligible: workers },
  { name: 'max_replicas_per_node=1, 7 replicas', service: { replicas: 7, maxPerNode: 1 }, eligible: all, pending: 2 },
  { name: 'max_replicas_per_node=2 + spread zone, 8', service: { replicas: 8, maxPerNode: 2, spread: ['node.labels.pa.zone'] }, eligible: all },
  { name: 'max_replicas_per_node=1 + role==worker, 3', service: { replicas: 3, maxPerNode: 1, constraints: ['node.role==worker'] }, eligible: workers, pending: 1 },
  { name: 'drained worker1', availability: { worker1: 'drain' }, service: { replicas: 5 }, eligible: ['manager1', 'manager2', 'manager3', 'worker2'] },
  { name: 'paused worker2', availability: { worker2: 'pause' }, service: { replicas: 5 }, eligible: ['manager1', 'manager2', 'manager3', 'worker1'] },
  { name: 'global, paused worker2 (no task at all)', availability: { worker2: 'pause' }, service: { mode: 'global' }, eligible: ['manager1', 'manager2', 'manager3', 'worker1'] },
  { name: 'global + role==worker, drained worker1', availability: { worker1: 'drain' }, service: { mode: 'global', constraints: ['node.role==worker'] }, eligible: ['worker2'] },
  {
    name: 'paused worker2, pinned to it',
    availability: { worker2: 'pause' },
    service: { replicas: 2, constraints: ['node.hostname==worker2'] },
    eligible: [],
    pending: 2
  },
  {
    name: 'memory: fits only nodes without the hog, 4',
    background: hog,
    service: (ctx) => ({ replicas: 4, reserveMemoryBytes: Math.floor(ctx.memory * 0.6) }),
    eligible: managers,
    pending: 1
  },
  {
    name: 'memory, global: pending on the hog nodes',
    background: hog,
    service: (ctx) => ({ mode: 'global', reserveMemoryBytes: Math.floor(ctx.memory * 0.6) }),
    eligible: managers,
    pending: 2
  },
  { name: 'reserve-cpu 1.5, 6 replicas', service: { replicas: 6, reserveNanoCpus: 1.5e9 }, eligible: all, pending: 1 }
]

let lab: LabStatus
let harness: ReturnType<typeof startServices>
let clusterId: string
let ctx: Context
const created = new Set<string>()
const table: string[] = []
let scenariosRun = 0
const startedAt = Date.now()

beforeAll(async () => {
  lab = requireLab()
  harness = startServices({ env: { DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}` } })
  clusterId = (await harness.call('clusters.open', { profileId: 'default' })).clusterId
  const lines = (await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.Description.Hostname}} {{.ID}} {{.Description.Resources.MemoryBytes}}', ...LAB_NODES])).split('\n')
  const ids = {} as Record<LabNodeName, string>
  let memory = Infinity
  for (const line of lines) {
    const [host, id, bytes] = line.split(' ')
    ids[host as LabNodeName] = id
    memory = Math.min(memory, Number(bytes))
  }
  ctx = { ids, memory }
  await applyLabels(lab, PREFIX, BASE_LABELS)
})

afterAll(async () => {
  for (const name of created) await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
  for (const name of workers) await nodeUpdate(lab, ['--availability', 'active', name]).catch(() => undefined)
  await applyLabels(lab, PREFIX, NO_LABELS).catch(() => undefined)
  harness?.services.dispose()
  console.log(`[placement agreement] ${scenariosRun} scenarios in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n${table.join('\n')}`)
})

function model(): MirrorModel {
  const current = harness.model(clusterId)
  if (current === undefined) throw new Error('no mirror model')
  return current
}

function resolve(spec: ServiceSpec | ((ctx: Context) => ServiceSpec)): ServiceSpec {
  return typeof spec === 'function' ? spec(ctx) : spec
}

function cliArgs(spec: ServiceSpec): string[] {
  const args = spec.mode === 'global' ? ['--mode', 'global'] : ['--replicas', String(spec.replicas ?? 1)]
  for (const constraint of spec.constraints ?? []) args.push('--constraint', constraint)
  for (const label of spec.spread ?? []) args.push('--placement-pref', `spread=${label}`)
  if (spec.maxPerNode !== undefined) args.push('--replicas-max-per-node', String(spec.maxPerNode))
  if (spec.reserveNanoCpus !== undefined) args.push('--reserve-cpu', String(spec.reserveNanoCpus / 1e9))
  if (spec.reserveMemoryBytes !== undefined) args.push('--reserve-memory', String(spec.reserveMemoryBytes))
  return args
}

function draftOf(name: string, spec: ServiceSpec): PlacementService {
  return defineService({
    name,
    mode: spec.mode ?? 'replicated',
    replicas: spec.mode === 'global' ? 1 : (spec.replicas ?? 1),
    constraints: spec.constraints ?? [],
    preferences: (spec.spread ?? []).map((spread) => ({ spread })),
    maxReplicasPerNode: spec.maxPerNode ?? 0,
    reservations: { nanoCpus: spec.reserveNanoCpus ?? 0, memoryBytes: spec.reserveMemoryBytes ?? 0 },
    // What the CLI resolves from the registry for the sleeper image.
    platforms: [{ os: 'linux', arch: 'amd64' }]
  })
}

async function create(name: string, spec: ServiceSpec): Promise<string> {
  created.add(name)
  return docker(lab, 'manager1', ['service', 'create', '--detach', '--quiet', '--name', name, ...cliArgs(spec), lab.images.sleeper])
}

/** The mirror shows the scenario's nodes, and its task accounting is the engine's. */
async function mirrorShows(availability: Record<LabNodeName, Availability>, background: string | null): Promise<string> {
  let waiting = ''
  const started = Date.now()
  try {
    return await waitFor(
      'the mirror to show the scenario setup',
      async () => {
        const m = model()
        for (const node of Object.values(m.nodes)) {
          const name = node.hostname as LabNodeName
          if (!(name in BASE_LABELS)) continue
          const labels = Object.fromEntries(Object.entries(node.labels).filter(([key]) => key.startsWith(PREFIX)))
          if (JSON.stringify(Object.entries(labels).sort()) !== JSON.stringify(Object.entries(BASE_LABELS[name]).sort())) {
            waiting = `labels of ${name}: ${JSON.stringify(labels)}`
            return false
          }
          if (node.availability !== availability[name] || node.state !== 'ready') {
            waiting = `${name} is ${node.state}/${node.availability}`
            return false
          }
        }
        if (background !== null && !Object.values(m.tasks).some((t) => t.serviceId === background && t.state === 'running')) {
          waiting = 'the background service running in the mirror'
          return false
        }
        const engine = await engineTasks(lab)
        // Nothing on its way to a node: the scheduler has finished with everybody's tasks (a drain
        // moves some). Others' tasks stuck on the way (a slow pull) are not waited for long.
        const moving = engine.filter((t) => t.DesiredState === 'running' && (TRANSIT.has(t.Status.State) || (t.Status.State === 'pending' && !t.Status.Err)))
        if (moving.length > 0 && Date.now() - started < 8_000) {
          waiting = `tasks in transit: ${moving.map((t) => `${t.ServiceID.slice(0, 6)}:${t.Status.State}`).join(', ')}`
          return false
        }
        const fromEngine = engineFingerprint(engine, new Set())
        const fromModel = fingerprint(
          Object.values(m.tasks).map((t) => ({ nodeId: t.nodeId, holds: holdsResources(t), active: isActive(t), serviceId: t.serviceId })),
          new Set()
        )
        if (fromEngine !== fromModel) {
          waiting = `task accounting: engine ${fromEngine}, mirror ${fromModel}`
          return false
        }
        return `tasks ${fromEngine}`
      },
      30_000
    )
  } catch (error) {
    const engineLabels = JSON.stringify(await labelsWithPrefix(lab, PREFIX))
    throw new Error(`${String(error)}; still waiting for ${waiting} (engine labels: ${engineLabels})`)
  }
}

const TRANSIT = new Set(['new', 'allocated'])

interface Outcome {
  plan: PlacementPlan
  ps: SettledTask[]
  running: Record<string, number>
  pending: number
  disagreements: string[]
  notes: string[]
  clusterMoved: boolean
  line: string
  /** Seconds per phase: setup, mirror, settle, clean. */
  timing: string
}

function short(host: string): string {
  return host.replace('manager', 'm').replace('worker', 'w')
}

/**
 * `plan` is the planner as recommended (16 tie-break variants); `wide` the same plan with 64. The
 * per-node [min, max] is a sample of swarmkit's random orders: an outcome of probability p is
 * missed by 16 variants with probability (1 - p)^16, and with the default seed 16 variants do miss
 * one (p = 1/4) in "spread zone + role==worker". A count outside the 16-variant range but inside
 * the 64-variant one is reported as a note; outside both, it is a disagreement.
 */
function compare(
  scenario: Scenario,
  plan: PlacementPlan,
  wide: PlacementPlan,
  ps: SettledTask[]
): { disagreements: string[]; notes: string[]; running: Record<string, number>; pending: number; line: string } {
  const running: Record<string, number> = {}
  for (const host of LAB_NODES) running[host] = 0
  for (const task of ps) if (task.state === 'running') running[task.node] = (running[task.node] ?? 0) + 1
  const pendingTasks = ps.filter((t) => t.state === 'pending')
  const pending = pendingTasks.length
  const disagreements: string[] = []
  const notes: string[] = []
  for (const [i, entry] of plan.perNode.entries()) {
    const actual = running[entry.hostname] ?? 0
    if (entry.eligible !== actual > 0) disagreements.push(`${entry.hostname}: planner says ${entry.eligible ? 'eligible' : `not eligible (${entry.reasons.map((r) => r.message).join('; ')})`}, Swarm placed ${actual}`)
    const range = wide.perNode[i]
    if (actual < range.minTasks || actual > range.maxTasks) {
      disagreements.push(`${entry.hostname}: planner predicts ${range.minTasks}..${range.maxTasks} tasks (64 variants), Swarm placed ${actual}`)
    } else if (actual < entry.minTasks || actual > entry.maxTasks) {
      notes.push(`${entry.hostname}: Swarm placed ${actual}, outside the 16-variant range ${entry.minTasks}..${entry.maxTasks} but inside the 64-variant one ${range.minTasks}..${range.maxTasks}`)
    }
    if (range.eligible !== entry.eligible) disagreements.push(`${entry.hostname}: eligibility differs between 16 and 64 variants`)
  }
  if (wide.pendingTasks !== plan.pendingTasks) disagreements.push(`pending differs between 16 and 64 variants`)
  if (plan.pendingTasks !== pending) disagreements.push(`pending: planner ${plan.pendingTasks}, Swarm ${pending}`)
  if (plan.mode === 'global' && plan.desiredTasks !== ps.length) disagreements.push(`global tasks: planner ${plan.desiredTasks}, Swarm created ${ps.length}`)

  // The explanation: the same filters, with the same node counts.
  const swarmErrors = [...new Set(pendingTasks.map((t) => t.error))]
  const swarmSummary = plan.mode === 'global' ? summedClauses(pendingTasks.map((t) => t.error)) : summedClauses(swarmErrors.slice(0, 1))
  const planSummary = summedClauses(plan.explanation === null ? [] : [plan.explanation])
  if (pending > 0) {
    if (swarmErrors.length > 1 && plan.mode !== 'global') disagreements.push(`Swarm's pending tasks differ in their reasons: ${swarmErrors.join(' | ')}`)
    const a = JSON.stringify([...planSummary.entries()].sort())
    const b = JSON.stringify([...swarmSummary.entries()].sort())
    if (a !== b) disagreements.push(`explanation: planner "${plan.explanation}", Swarm "${swarmErrors.join(' | ')}"`)
  }

  const nodes = [...plan.perNode]
    .sort((a, b) => LAB_NODES.indexOf(a.hostname as LabNodeName) - LAB_NODES.indexOf(b.hostname as LabNodeName))
    .map((n) => `${short(n.hostname)}:${running[n.hostname] ?? 0}${n.eligible ? (n.minTasks === n.maxTasks ? `[${n.minTasks}]` : `[${n.minTasks}-${n.maxTasks}]`) : '[x]'}`)
    .join(' ')
  const why = pending > 0 ? `  plan: ${plan.explanation} | swarm: ${swarmErrors.join(' | ')}` : ''
  const note = notes.length > 0 ? `  NOTE ${notes.join('; ')}` : ''
  const line = `${disagreements.length === 0 ? 'ok  ' : 'DIFF'} ${scenario.name.padEnd(44)} ${nodes}  pending ${plan.pendingTasks}/${pending}${why}${note}`
  return { disagreements, notes, running, pending, line }
}

async function runOnce(scenario: Scenario): Promise<Outcome> {
  const spec = resolve(scenario.service)
  const name = uniqueName('pa')
  const availability: Record<LabNodeName, Availability> = { manager1: 'active', manager2: 'active', manager3: 'active', worker1: 'active', worker2: 'active', ...scenario.availability }
  let background: { name: string; id: string } | null = null
  let probeId: string | null = null
  const marks: [string, number][] = [['start', Date.now()]]
  const mark = (phase: string): void => {
    marks.push([phase, Date.now()])
  }
  let outcome: Omit<Outcome, 'timing'> | null = null
  try {
    // Idempotent: one `docker node inspect` when nothing changed.
    await applyLabels(lab, PREFIX, BASE_LABELS)
    for (const worker of workers) if (availability[worker] !== 'active') await nodeUpdate(lab, ['--availability', availability[worker], worker])
    if (scenario.background !== undefined) {
      const bgSpec = scenario.background(ctx)
      const bgName = uniqueName('pa-bg')
      background = { name: bgName, id: await create(bgName, bgSpec) }
      await settle(lab, background.id, null)
    }
    mark('setup')
    // 1-2. The setup as the mirror shows it, and the prediction from it.
    const before = await mirrorShows(availability, background?.id ?? null)
    mark('mirror')
    const m = model()
    const { nodes } = fromMirror(Object.values(m.nodes), Object.values(m.services), Object.values(m.tasks))
    const draft = draftOf(name, spec)
    const plan = planPlacement(nodes, draft, { existing: 'ignore', variants: 16 })
    const wide = planPlacement(nodes, draft, { existing: 'ignore', variants: 64 })

    // 3. The same service, deployed by the CLI.
    probeId = await create(name, spec)
    await settle(lab, probeId, spec.mode === 'global' ? null : (spec.replicas ?? 1))
    const ps = await servicePs(lab, name)
    const after = engineFingerprint(await engineTasks(lab), new Set([probeId]))
    mark('settle')

    // The CLI made the service the planner was given.
    const id = probeId
    const live = await waitFor('the service in the mirror', () => model().services[id])
    const { id: _liveId, name: _liveName, ...liveFields } = placementServiceOf(live)
    const { id: _draftId, name: _draftName, ...draftFields } = draft
    if (draft.mode === 'global') {
      liveFields.replicas = draftFields.replicas
    }
    expect(liveFields, 'the CLI created the service the planner predicted').toEqual(draftFields)

    // 4. Compare.
    const result = compare(scenario, plan, wide, ps)
    outcome = { plan, ps, ...result, clusterMoved: before !== after }
  } finally {
    // 5. Clean up, even on failure.
    if (probeId !== null || created.has(name)) await removeService(lab, name, probeId)
    created.delete(name)
    if (background !== null) {
      await removeService(lab, background.name, background.id)
      created.delete(background.name)
    }
    for (const worker of workers) if (availability[worker] !== 'active') await nodeUpdate(lab, ['--availability', 'active', worker])
    mark('clean')
  }
  const timing = marks
    .slice(1)
    .map(([phase, at], i) => `${phase} ${((at - marks[i][1]) / 1000).toFixed(1)}`)
    .join(', ')
  if (outcome === null) throw new Error(`scenario ${scenario.name} produced no outcome`)
  return { ...outcome, timing }
}

describe('placement agreement with the real scheduler', () => {
  it('has at least 20 scenarios', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(20)
  })

  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      scenariosRun++
      let outcome = await runOnce(scenario)
      // Another test moving tasks meanwhile changes the tie-breaks: run the scenario again.
      for (let attempt = 2; outcome.disagreements.length > 0 && outcome.clusterMoved && attempt <= 3; attempt++) {
        table.push(`     (other services' tasks moved during "${scenario.name}": ${outcome.disagreements.join('; ')}; attempt ${attempt})`)
        outcome = await runOnce(scenario)
      }
      table.push(outcome.line)
      console.log(`${outcome.line}  (${outcome.timing} s)`)
      for (const warning of outcome.plan.warnings) console.log(`       planner: ${warning.message}`)

      // The verdict: planner and Swarm agree.
      expect(outcome.disagreements).toEqual([])
      // And the scenario tests what it says it tests.
      const placed = LAB_NODES.filter((host) => outcome.running[host] > 0)
      expect(placed).toEqual(scenario.eligible)
      expect(outcome.pending).toBe(scenario.pending ?? 0)
      if (scenario.warning !== undefined) expect(outcome.plan.warnings.some((w) => scenario.warning?.test(w.message))).toBe(true)
    })
  }
})
