/**
 * npm run bench:placement — the pure placement planner on synthetic data.
 *
 * 1,000 nodes (zones and racks of uneven sizes, roles, tiers, SSD/GPU labels, mixed CPU and
 * memory, some down/drained/paused, some aarch64, existing usage) x 1,000 services (constraints
 * of every kind, spread over one or two labels, replicas from 1 to 200, max replicas per node,
 * reservations, image platforms, host-mode ports, a tenth global). Times planning every service
 * (cluster index included, built fresh each run): warm-up, then the median of several runs.
 * Prints figures only; nothing asserts on time.
 */
import { performance } from 'node:perf_hooks'
import {
  indexCluster,
  planPlacement,
  type PlacementNode,
  type PlacementService,
  type PlanOptions,
  type ServiceUsage
} from '../src/main/placement/placement-planner'
// The planner's English (explanations, notes) is worded the way the app's edges word it.
import '../src/main/i18n/english'

const NODES = Number(process.env.BENCH_NODES ?? 1000)
const SERVICES = Number(process.env.BENCH_SERVICES ?? 1000)
const WARMUP = 3
const RUNS = 11
const TARGET_MS = 100

/** Deterministic data: the same cluster every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = rng(20_25)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
const chance = (p: number): boolean => random() < p

const ZONES = ['eu-1a', 'eu-1a', 'eu-1a', 'eu-1b', 'eu-1b', 'eu-1c', 'us-2a', 'us-2b']
const TIERS = ['web', 'web', 'api', 'db', 'cache', 'batch']
const GiB = 1024 ** 3

function makeNodes(): PlacementNode[] {
  return Array.from({ length: NODES }, (_, i): PlacementNode => {
    const zone = pick(ZONES)
    const labels: Record<string, string> = { zone, rack: `${zone}-r${Math.floor(random() * 12)}` }
    if (!chance(0.2)) labels.tier = pick(TIERS)
    if (chance(0.5)) labels.ssd = chance(0.7) ? 'true' : 'false'
    if (chance(0.05)) labels.gpu = 'true'
    if (chance(0.1)) labels['com.example.team'] = pick(['payments', 'search', 'ads'])
    const cpus = pick([2, 4, 4, 8, 8, 16, 32])
    const memory = pick([4, 8, 16, 16, 32, 64]) * GiB
    const state = chance(0.02) ? 'down' : chance(0.01) ? 'unknown' : 'ready'
    const availability = chance(0.03) ? 'drain' : chance(0.02) ? 'pause' : 'active'
    return {
      id: `n${i.toString(36).padStart(6, '0')}xyz${(i * 7919).toString(36)}`,
      hostname: `node-${String(i).padStart(4, '0')}`,
      role: i % 20 === 0 ? 'manager' : 'worker',
      state,
      availability,
      address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      os: 'linux',
      arch: chance(0.1) ? 'aarch64' : 'x86_64',
      labels,
      engineLabels: chance(0.3) ? { storage: pick(['ssd', 'hdd']) } : {},
      nanoCpus: cpus * 1e9,
      memoryBytes: memory,
      reserved: { nanoCpus: Math.floor(random() * cpus * 0.6) * 1e9, memoryBytes: Math.floor(random() * 0.6 * memory) },
      activeTasks: Math.floor(random() * 30),
      hostPortsInUse: chance(0.02) ? ['tcp/8080'] : [],
      services: {}
    }
  })
}

const CONSTRAINT_SETS: readonly (readonly string[])[] = [
  [],
  [],
  ['node.role == worker'],
  ['node.role==manager'],
  ['node.labels.zone == eu-1a'],
  ['node.labels.zone != us-2b', 'node.role == worker'],
  ['node.labels.tier == web', 'node.labels.ssd == true'],
  ['node.labels.tier == db'],
  ['node.labels.gpu == true'],
  ['node.labels.ssd != false'],
  ['engine.labels.storage == ssd'],
  ['node.platform.arch == x86_64'],
  ['node.platform.os == linux', 'node.labels.tier != batch'],
  ['node.hostname != node-0001'],
  ['node.ip == 10.0.0.0/24'],
  ['node.labels.com.example.team == payments'],
  ['labels.zone == eu-1a'],
  ['node.labels.zone == mars']
]

function makeServices(nodes: PlacementNode[]): PlacementService[] {
  const services = Array.from({ length: SERVICES }, (_, s): PlacementService => {
    const global = chance(0.1)
    const spread = chance(0.35) ? (chance(0.4) ? ['node.labels.zone', 'node.labels.rack'] : [pick(['node.labels.zone', 'node.labels.tier', 'engine.labels.storage'])]) : []
    const replicas = pick([1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12, 20, 30, 50, 200])
    return {
      id: `svc${s.toString(36).padStart(6, '0')}`,
      name: `stack${s % 40}_service${s}`,
      mode: global ? 'global' : 'replicated',
      replicas,
      constraints: pick(CONSTRAINT_SETS),
      preferences: spread.map((descriptor) => ({ spread: descriptor })),
      maxReplicasPerNode: !global && chance(0.15) ? pick([1, 2, 3]) : 0,
      reservations: chance(0.4) ? { nanoCpus: pick([0, 0.25, 0.5, 1, 2]) * 1e9, memoryBytes: pick([0, 128, 256, 512, 1024, 4096]) * 1024 * 1024 } : { nanoCpus: 0, memoryBytes: 0 },
      platforms: chance(0.5) ? (chance(0.5) ? [{ os: 'linux', arch: 'amd64' }, { os: 'linux', arch: 'arm64' }] : [{ os: 'linux', arch: 'amd64' }]) : [],
      hostPorts: chance(0.03) ? [{ protocol: 'tcp', port: 8000 + (s % 100) }] : []
    }
  })
  // A fifth of the services already run somewhere: their usage is on the nodes (existing: 'keep').
  for (let s = 0; s < SERVICES / 5; s++) {
    const service = services[s]
    const tasks = service.mode === 'global' ? 0 : Math.min(service.replicas, 20)
    for (let t = 0; t < tasks; t++) {
      const node = nodes[Math.floor(random() * nodes.length)]
      const own: ServiceUsage = node.services[service.id as string] ?? { tasks: 0, nanoCpus: 0, memoryBytes: 0, hostPorts: [] }
      const updated: ServiceUsage = {
        tasks: own.tasks + 1,
        nanoCpus: own.nanoCpus + service.reservations.nanoCpus,
        memoryBytes: own.memoryBytes + service.reservations.memoryBytes,
        hostPorts: []
      }
      node.services = { ...node.services, [service.id as string]: updated }
      node.activeTasks++
      node.reserved = { nanoCpus: node.reserved.nanoCpus + service.reservations.nanoCpus, memoryBytes: node.reserved.memoryBytes + service.reservations.memoryBytes }
    }
  }
  return services
}

function planAll(nodes: PlacementNode[], services: PlacementService[], options: PlanOptions): { pending: number; predicted: number; eligible: number } {
  // A fresh array: the index (and its caches) is rebuilt, as after a new snapshot.
  const cluster = indexCluster(nodes.slice())
  let pending = 0
  let predicted = 0
  let eligible = 0
  for (const service of services) {
    const plan = planPlacement(cluster, service, options)
    pending += plan.pendingTasks
    predicted += plan.totalPredicted
    eligible += plan.eligibleCount
  }
  return { pending, predicted, eligible }
}

function measure(label: string, nodes: PlacementNode[], services: PlacementService[], options: PlanOptions): number {
  let figures = planAll(nodes, services, options)
  for (let i = 1; i < WARMUP; i++) planAll(nodes, services, options)
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    figures = planAll(nodes, services, options)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]
  console.log(`${label}`)
  console.log(`  total      median ${median.toFixed(1)} ms  (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}, ${RUNS} runs after ${WARMUP} warm-up)`)
  console.log(`  per service ${((median * 1000) / services.length).toFixed(1)} µs`)
  console.log(`  results    ${figures.eligible} eligible node/service pairs, ${figures.predicted} tasks placed, ${figures.pending} pending`)
  return median
}

function main(): void {
  const nodes = makeNodes()
  const services = makeServices(nodes)
  const replicas = services.reduce((sum, s) => sum + (s.mode === 'global' ? 0 : s.replicas), 0)
  console.log(`placement planner: ${nodes.length} nodes x ${services.length} services (${replicas} replicas + ${services.filter((s) => s.mode === 'global').length} global services)`)
  const median = measure('default (canonical tie-breaks)', nodes, services, {})
  console.log(`  target     <= ${TARGET_MS} ms to plan all: ${median <= TARGET_MS ? 'met' : 'NOT met'}`)
  measure('with variants: 4 (min/max per node)', nodes, services, { variants: 4 })
}

main()
