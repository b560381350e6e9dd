import { describe, expect, it } from 'vitest'
import { formatBytes, formatCpus } from '../../shared/placement-phrases'
import { defineService, indexCluster, planPlacement, platformSupported, type PlacementNode } from './placement-planner'
import { french } from '../../../tests/support/french'
import type { Phrase } from '../../shared/phrase'
import { CPU, GiB, counts, node, ranges, reasonCodes, reasonsOf, running } from '../../../tests/support/placement-fixtures'

/** The English the CLI prints for worded notes. */
const messages = (items: readonly { message: string }[]): string[] => items.map((item) => item.message)

const zones = (spec: Record<string, string | null>): PlacementNode[] =>
  Object.entries(spec).map(([id, zone]) => node(id, { labels: zone === null ? {} : { zone } }))

describe('filters: which nodes are eligible, and why not', () => {
  it('every ready, active node is eligible by default', () => {
    const plan = planPlacement([node('a'), node('b')], defineService({ name: 'web', replicas: 2 }))
    expect(plan.eligibleCount).toBe(2)
    expect(plan.perNode.every((n) => n.eligible && n.reasons.length === 0)).toBe(true)
    expect(messages(plan.warnings)).toEqual([])
  })

  it('ReadyFilter: ready AND active, every other state or availability excluded', () => {
    const nodes = [
      node('ok'),
      node('down', { state: 'down' }),
      node('unknown', { state: 'unknown' }),
      node('gone', { state: 'disconnected' }),
      node('drained', { availability: 'drain' }),
      node('paused', { availability: 'pause' }),
      node('both', { state: 'down', availability: 'drain' })
    ]
    const plan = planPlacement(nodes, defineService({ name: 'web', replicas: 1 }))
    expect(reasonCodes(plan)).toEqual({
      down: ['NODE_NOT_READY'],
      unknown: ['NODE_NOT_READY'],
      gone: ['NODE_NOT_READY'],
      drained: ['NODE_DRAINED'],
      paused: ['NODE_PAUSED'],
      both: ['NODE_NOT_READY', 'NODE_DRAINED']
    })
    expect(reasonsOf(plan, 'down')).toEqual(['NODE_NOT_READY: node is down'])
    expect(reasonsOf(plan, 'unknown')).toEqual(['NODE_NOT_READY: node state is unknown'])
    expect(reasonsOf(plan, 'gone')).toEqual(['NODE_NOT_READY: node is disconnected'])
    expect(reasonsOf(plan, 'drained')).toEqual(['NODE_DRAINED: node is drained: it runs no tasks'])
    expect(reasonsOf(plan, 'paused')).toEqual(['NODE_PAUSED: node is paused: it keeps its tasks but gets no new ones'])
    expect(counts(plan)).toEqual({ ok: 1, down: 0, unknown: 0, gone: 0, drained: 0, paused: 0, both: 0 })
  })

  it('ConstraintFilter: names the constraint and what the node has', () => {
    const nodes = [
      node('east', { labels: { zone: 'east', ssd: 'true' } }),
      node('west', { labels: { zone: 'west', ssd: 'true' } }),
      node('bare'),
      node('boss', { role: 'manager', labels: { zone: 'east', ssd: 'true' } })
    ]
    const plan = planPlacement(nodes, defineService({ name: 'db', constraints: ['node.labels.zone == east', 'node.labels.ssd==true', 'node.role!=manager'] }))
    expect(plan.eligibleCount).toBe(1)
    expect(reasonsOf(plan, 'east')).toEqual([])
    expect(reasonsOf(plan, 'west')).toEqual(['CONSTRAINT: node.labels.zone == east: node has zone=west'])
    expect(reasonsOf(plan, 'bare')).toEqual(['CONSTRAINT: node.labels.zone == east: label not set', 'CONSTRAINT: node.labels.ssd == true: label not set'])
    expect(reasonsOf(plan, 'boss')).toEqual(['CONSTRAINT: node.role != manager: node is a manager'])
  })

  it('ConstraintFilter: constraint cases', () => {
    const nodes = [
      node('m1', { role: 'manager', labels: { Zone: 'A' } }),
      node('w1', { labels: { zone: 'a' }, engineLabels: { disk: 'ssd' } }),
      node('w2', { labels: { zone: 'B' }, arch: 'aarch64', address: '192.168.1.20' })
    ]
    const eligible = (constraints: string[]) =>
      planPlacement(nodes, defineService({ name: 's', constraints }))
        .perNode.filter((n) => n.eligible)
        .map((n) => n.hostname)
    expect(eligible(['node.role == manager'])).toEqual(['m1'])
    expect(eligible(['node.role != manager'])).toEqual(['w1', 'w2'])
    expect(eligible(['node.labels.zone == A'])).toEqual(['w1'])
    expect(eligible(['node.labels.zone != a'])).toEqual(['m1', 'w2'])
    expect(eligible(['node.labels.Zone == a'])).toEqual(['m1'])
    expect(eligible(['engine.labels.disk == SSD'])).toEqual(['w1'])
    expect(eligible(['node.platform.arch == aarch64'])).toEqual(['w2'])
    expect(eligible(['node.platform.arch == arm64'])).toEqual([])
    expect(eligible(['node.hostname != w1', 'node.hostname != w2'])).toEqual(['m1'])
    expect(eligible(['node.id == W2'])).toEqual(['w2'])
    expect(eligible(['node.ip == 192.168.0.0/16'])).toEqual(['w2'])
    expect(eligible(['node.ip != 192.168.1.20'])).toEqual(['m1', 'w1'])
    expect(eligible(['labels.zone != x'])).toEqual([])
  })

  it('PlatformFilter: image platforms against x86_64/aarch64 nodes, OS compared exactly', () => {
    expect(platformSupported([], { os: 'linux', arch: 'x86_64' })).toBe(true)
    expect(platformSupported([{ os: 'linux', arch: 'amd64' }], { os: 'linux', arch: 'x86_64' })).toBe(true)
    expect(platformSupported([{ os: 'linux', arch: 'x86_64' }], { os: 'linux', arch: 'amd64' })).toBe(true)
    expect(platformSupported([{ os: 'linux', arch: 'arm64' }], { os: 'linux', arch: 'aarch64' })).toBe(true)
    expect(platformSupported([{ os: 'linux', arch: 'amd64' }], { os: 'linux', arch: 'aarch64' })).toBe(false)
    // Only x86_64 and aarch64 are normalised: a 32-bit ARM engine reports armv7l, images say arm.
    expect(platformSupported([{ os: 'linux', arch: 'arm' }], { os: 'linux', arch: 'armv7l' })).toBe(false)
    expect(platformSupported([{ os: 'Linux', arch: 'amd64' }], { os: 'linux', arch: 'x86_64' })).toBe(false)
    expect(platformSupported([{ os: '', arch: 'amd64' }], { os: 'windows', arch: 'x86_64' })).toBe(true)
    expect(platformSupported([{ os: 'linux', arch: '' }], { os: 'linux', arch: 's390x' })).toBe(true)
    const plan = planPlacement(
      [node('intel'), node('pi', { arch: 'aarch64' }), node('win', { os: 'windows' })],
      defineService({ name: 's', platforms: [{ os: 'linux', arch: 'amd64' }, { os: 'linux', arch: 's390x' }] })
    )
    expect(reasonCodes(plan)).toEqual({ pi: ['PLATFORM'], win: ['PLATFORM'] })
    expect(reasonsOf(plan, 'pi')).toEqual(['PLATFORM: image supports linux/amd64, linux/s390x; node is linux/aarch64'])
  })
})

describe('filters: capacity (resources, host ports, max replicas per node), and every failing check', () => {
  it('ResourceFilter: reservations against what is left, equal fits, only when the service reserves', () => {
    const nodes = [
      node('big', { nanoCpus: 8 * CPU, memoryBytes: 16 * GiB }),
      node('small', { nanoCpus: 1 * CPU, memoryBytes: 2 * GiB }),
      node('exact', { nanoCpus: 2 * CPU, memoryBytes: 1 * GiB }),
      node('busy', { nanoCpus: 8 * CPU, memoryBytes: 16 * GiB, reserved: { nanoCpus: 7.5 * CPU, memoryBytes: 1 * GiB } }),
      node('nomem', { nanoCpus: 8 * CPU, memoryBytes: 512 * 1024 * 1024 })
    ]
    const plan = planPlacement(nodes, defineService({ name: 's', reservations: { nanoCpus: 2 * CPU, memoryBytes: 1 * GiB } }))
    expect(reasonCodes(plan)).toEqual({ small: ['RESOURCES_CPU'], busy: ['RESOURCES_CPU'], nomem: ['RESOURCES_MEMORY'] })
    expect(reasonsOf(plan, 'small')).toEqual(['RESOURCES_CPU: reserves 2 CPUs, 1 CPU free'])
    expect(reasonsOf(plan, 'busy')).toEqual(['RESOURCES_CPU: reserves 2 CPUs, 0.5 CPUs free'])
    expect(reasonsOf(plan, 'nomem')).toEqual(['RESOURCES_MEMORY: reserves 1 GiB of memory, 512 MiB free'])
    // Without reservations the filter is off, even on an over-committed node.
    const over = node('over', { reserved: { nanoCpus: 9 * CPU, memoryBytes: 9 * GiB } })
    expect(planPlacement([over], defineService({ name: 's' })).eligibleCount).toBe(1)
    // With a memory-only reservation the CPU check still runs (0 > negative free): swarmkit's quirk.
    expect(reasonCodes(planPlacement([over], defineService({ name: 's', reservations: { nanoCpus: 0, memoryBytes: 1 } })))).toEqual({
      over: ['RESOURCES_CPU', 'RESOURCES_MEMORY']
    })
  })

  it('ResourceFilter: a node fills up, the rest of the replicas go elsewhere or stay pending', () => {
    const nodes = [node('a', { nanoCpus: 2 * CPU }), node('b', { nanoCpus: 1 * CPU }), node('c', { nanoCpus: 0.5 * CPU })]
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 5, reservations: { nanoCpus: 1 * CPU, memoryBytes: 0 } }))
    expect(counts(plan)).toEqual({ a: 2, b: 1, c: 0 })
    expect(plan.pendingTasks).toBe(2)
    expect(plan.explanation).toBe('no suitable node (insufficient resources on 3 nodes)')
    expect(messages(plan.warnings)[0]).toBe('2 tasks will stay pending: no suitable node (insufficient resources on 3 nodes)')
    expect(plan.perNode.map((n) => n.limitedBy?.message ?? null)).toEqual(['full: reserves 1 CPU, 0 CPUs left', 'full: reserves 1 CPU, 0 CPUs left', null])
  })

  it('HostPortFilter: a port held by another service excludes the node; one task per node', () => {
    const nodes = [node('a', { hostPortsInUse: ['tcp/80'] }), node('b'), node('c'), node('d', { hostPortsInUse: ['udp/80'] })]
    const plan = planPlacement(nodes, defineService({ name: 'lb', replicas: 4, hostPorts: [{ protocol: 'tcp', port: 80 }] }))
    expect(reasonCodes(plan)).toEqual({ a: ['HOST_PORT'] })
    expect(reasonsOf(plan, 'a')).toEqual(['HOST_PORT: host-mode port tcp/80 is already used on the node by another service'])
    expect(counts(plan)).toEqual({ a: 0, b: 1, c: 1, d: 1 })
    expect(plan.pendingTasks).toBe(1)
    expect(plan.explanation).toBe('no suitable node (host-mode port already in use on 4 nodes)')
    expect(plan.perNode.find((n) => n.hostname === 'b')?.limitedBy?.code).toBe('HOST_PORT')
  })

  it("HostPortFilter: the service's own port is not a conflict", () => {
    const nodes = [running(node('a'), 'svc', 1, undefined, ['tcp/80']), node('b')]
    const plan = planPlacement(nodes, defineService({ id: 'svc', name: 'lb', replicas: 2, hostPorts: [{ protocol: 'tcp', port: 80 }] }))
    expect(plan.eligibleCount).toBe(2)
    expect(counts(plan)).toEqual({ a: 1, b: 1 })
  })

  it('MaxReplicasFilter: max_replicas_per_node x eligible nodes < replicas leaves tasks pending', () => {
    const plan = planPlacement([node('a'), node('b'), node('c')], defineService({ name: 's', replicas: 7, maxReplicasPerNode: 2 }))
    expect(counts(plan)).toEqual({ a: 2, b: 2, c: 2 })
    expect(plan.pendingTasks).toBe(1)
    expect(plan.explanation).toBe('no suitable node (max replicas per node limit exceed)')
    expect(plan.unsuitable).toEqual([{ filter: 'max-replicas', nodes: 3 }])
    expect(plan.noEligible).toBeNull()
    expect(messages(plan.warnings)[0]).toBe('1 task will stay pending: no suitable node (max replicas per node limit exceed)')
    expect(plan.perNode.map((n) => n.limitedBy)).toEqual(Array(3).fill({ code: 'MAX_REPLICAS', max: 2, message: 'max_replicas_per_node is 2' }))
  })

  it('lists every failing check of a node, fixed ones first', () => {
    const plan = planPlacement(
      [node('x', { availability: 'drain', arch: 'aarch64', nanoCpus: 1 * CPU, labels: { zone: 'b' } })],
      defineService({ name: 's', constraints: ['node.labels.zone==a'], platforms: [{ os: 'linux', arch: 'amd64' }], reservations: { nanoCpus: 2 * CPU, memoryBytes: 0 } })
    )
    expect(reasonCodes(plan)).toEqual({ x: ['NODE_DRAINED', 'CONSTRAINT', 'PLATFORM', 'RESOURCES_CPU'] })
  })
})

describe('no eligible node', () => {
  it('an impossible constraint: every task pending, with the scheduler explanation', () => {
    const plan = planPlacement([node('a', { labels: { zone: 'east' } }), node('b'), node('c', { availability: 'drain' })], defineService({ name: 's', replicas: 3, constraints: ['node.labels.zone==mars'] }))
    expect(plan.eligibleCount).toBe(0)
    expect(plan.totalPredicted).toBe(0)
    expect(plan.pendingTasks).toBe(3)
    // Each node counts against the first filter it fails, in pipeline order, most failures first.
    expect(plan.explanation).toBe('no suitable node (scheduling constraints not satisfied on 2 nodes; 1 node not available for new tasks)')
    expect(messages(plan.warnings)[0]).toBe('No node is eligible: 3 tasks will stay pending — no suitable node (scheduling constraints not satisfied on 2 nodes; 1 node not available for new tasks)')
    expect(plan.noEligible).toBe('pending')
    expect(plan.unsuitable).toEqual([{ filter: 'constraints', nodes: 2 }, { filter: 'not-ready', nodes: 1 }])
  })

  it('an unknown key matches nothing, even with !=, and says what was meant', () => {
    const plan = planPlacement([node('a', { labels: { type: 'db' } })], defineService({ name: 's', replicas: 1, constraints: ['labels.type != web'] }))
    expect(plan.eligibleCount).toBe(0)
    expect(reasonsOf(plan, 'a')).toEqual(['CONSTRAINT: labels.type != web: unknown key, no node can match'])
    expect(plan.constraintWarnings[0].suggestion).toBe('did you mean node.labels.type != web?')
    expect(messages(plan.warnings)).toContain(
      "constraint 1 (labels.type != web): unknown key 'labels.type': the engine accepts it but no node will ever match (not even with !=); known keys: node.id, node.hostname, node.ip, node.role, node.platform.os, node.platform.arch, node.labels.<key>, engine.labels.<key> — did you mean node.labels.type != web?"
    )
  })

  it('node.platform.arch == amd64 against x86_64 engines: says to write x86_64', () => {
    const plan = planPlacement([node('a'), node('b')], defineService({ name: 's', constraints: ['node.platform.arch == amd64'] }))
    expect(plan.eligibleCount).toBe(0)
    expect(messages(plan.warnings)).toContain(
      'node.platform.arch == amd64 matches no node: engines report the architecture as x86_64 (constraints compare it literally) — write node.platform.arch == x86_64'
    )
  })

  it('a global service with no eligible node gets no task and says so', () => {
    const plan = planPlacement([node('a')], defineService({ name: 's', mode: 'global', constraints: ['node.role==manager'] }))
    expect(plan.desiredTasks).toBe(0)
    expect(plan.pendingTasks).toBe(0)
    expect(messages(plan.warnings)[0]).toBe('No node is eligible: the global service gets no new task — no suitable node (scheduling constraints not satisfied on 1 node)')
    expect(plan.noEligible).toBe('global')
    expect(plan.unsuitable).toEqual([{ filter: 'constraints', nodes: 1 }])
  })

  it('a refused constraint: the engine would refuse the service, nothing changes', () => {
    const nodes = [running(node('a'), 'svc', 2), node('b')]
    const plan = planPlacement(nodes, defineService({ id: 'svc', name: 's', replicas: 2, constraints: ['node.role==worker', 'node.labels.zone = east'] }))
    expect(plan.errors).toEqual([
      expect.objectContaining({ index: 1, expression: 'node.labels.zone = east', message: 'constraint expected one operator from ==, !=', suggestion: 'use ==: node.labels.zone == east', fix: 'node.labels.zone == east' })
    ])
    expect(plan.eligibleCount).toBe(0)
    expect(counts(plan)).toEqual({ a: 2, b: 0 })
    expect(reasonsOf(plan, 'b')).toEqual(['INVALID_SPEC: the engine refuses this service: constraint expected one operator from ==, !='])
    expect(messages(plan.warnings)[0]).toBe('The engine will refuse this service: constraint expected one operator from ==, !=')
  })
})

describe('replicated distribution (scheduler.go)', () => {
  it('fills nodes evenly; the first nodes in order take the remainder', () => {
    const plan = planPlacement([node('a'), node('b'), node('c')], defineService({ name: 's', replicas: 5 }), { variants: 8 })
    expect(counts(plan)).toEqual({ a: 2, b: 2, c: 1 })
    // Which two nodes get the extra task is Go map order: any of them.
    expect(ranges(plan)).toEqual({ a: [1, 2], b: [1, 2], c: [1, 2] })
    expect(plan.deterministic).toBe(false)
  })

  it('breaks ties by the total tasks on the node (nodeLess)', () => {
    const nodes = [node('a', { activeTasks: 5 }), node('b'), node('c')]
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 4 }), { variants: 8 })
    expect(counts(plan)).toEqual({ a: 1, b: 2, c: 1 })
    expect(ranges(plan)).toEqual({ a: [1, 1], b: [1, 2], c: [1, 2] })
  })

  it('few replicas go to the least busy nodes', () => {
    const nodes = [node('a', { activeTasks: 3 }), node('b', { activeTasks: 1 }), node('c', { activeTasks: 2 }), node('d', { activeTasks: 0 })]
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 2 }), { variants: 8 })
    expect(counts(plan)).toEqual({ a: 0, b: 1, c: 0, d: 1 })
    expect(plan.deterministic).toBe(true)
  })

  it('is deterministic without variants and independent of input order', () => {
    const nodes = [node('c'), node('a'), node('b')]
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 4 }))
    expect(counts(plan)).toEqual({ c: 1, a: 2, b: 1 })
    expect(plan.deterministic).toBe(true)
    expect(plan.perNode.map((n) => n.hostname)).toEqual(['c', 'a', 'b'])
  })

  it('replicas 0 places nothing and warns about nothing', () => {
    const plan = planPlacement([node('a')], defineService({ name: 's', replicas: 0 }))
    expect(plan.totalPredicted).toBe(0)
    expect(messages(plan.warnings)).toEqual([])
  })
})

describe('spread preferences (nodeset.go tree, decision_tree.go)', () => {
  it('one label, uneven node counts: swarmkit TestPreferences', () => {
    const nodes = ['az1', 'az2', 'az2', 'az2', 'az2'].map((az, i) => node(`id${i + 1}`, { labels: { az } }))
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 8, preferences: [{ spread: 'node.labels.az' }] }), { variants: 16 })
    expect(counts(plan)).toEqual({ id1: 4, id2: 1, id3: 1, id4: 1, id5: 1 })
    expect(plan.deterministic).toBe(true)
  })

  it('two nested labels with a resource limit: swarmkit TestMultiplePreferences', () => {
    const m = (id: string, az: string, rack: string, memoryBytes: number) => node(id, { labels: { az, rack }, nanoCpus: 1 * CPU, memoryBytes })
    const nodes = [
      m('id0', 'az1', 'rack1', 1e8),
      m('id1', 'az1', 'rack1', 1e9),
      m('id2', 'az2', 'rack1', 1e9),
      m('id3', 'az2', 'rack1', 1e9),
      m('id4', 'az2', 'rack1', 1e9),
      m('id5', 'az2', 'rack2', 1e9),
      m('id6', 'az2', 'rack2', 1e9)
    ]
    const service = defineService({ name: 's', replicas: 12, preferences: [{ spread: 'node.labels.az' }, { spread: 'node.labels.rack' }], reservations: { nanoCpus: 0, memoryBytes: 2e8 } })
    const plan = planPlacement(nodes, service, { variants: 24 })
    // id0 is too small; az1 would get 6 but id1 holds 5; az2 takes 7: rack1 4 + rack2 3, or 3 + 4.
    expect(reasonCodes(plan)).toEqual({ id0: ['RESOURCES_MEMORY'] })
    expect(counts(plan)).toEqual({ id0: 0, id1: 5, id2: 2, id3: 1, id4: 1, id5: 2, id6: 1 })
    expect(ranges(plan)).toEqual({ id0: [0, 0], id1: [5, 5], id2: [1, 2], id3: [1, 2], id4: [1, 2], id5: [1, 2], id6: [1, 2] })
    expect(plan.pendingTasks).toBe(0)
  })

  it('nodes without the label form their own "" branch', () => {
    const nodes = zones({ a1: 'a', b1: 'b', x1: null, x2: null })
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 6, preferences: [{ spread: 'node.labels.zone' }] }), { variants: 8 })
    expect(counts(plan)).toEqual({ a1: 2, b1: 2, x1: 1, x2: 1 })
    expect(plan.deterministic).toBe(true)
    expect(messages(plan.warnings)).toEqual(["2 eligible nodes without the label 'zone' form their own group in the spread over node.labels.zone"])
  })

  it('nested spread: zone then rack, uneven racks', () => {
    const nodes = [
      node('a-r1-1', { labels: { zone: 'a', rack: 'r1' } }),
      node('a-r1-2', { labels: { zone: 'a', rack: 'r1' } }),
      node('a-r2-1', { labels: { zone: 'a', rack: 'r2' } }),
      node('b-r3-1', { labels: { zone: 'b', rack: 'r3' } })
    ]
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 8, preferences: [{ spread: 'node.labels.zone' }, { spread: 'node.labels.rack' }] }), { variants: 8 })
    // zones 4/4; in zone a racks 2/2, rack r1 splits its 2 over two nodes.
    expect(counts(plan)).toEqual({ 'a-r1-1': 1, 'a-r1-2': 1, 'a-r2-1': 2, 'b-r3-1': 4 })
    expect(plan.deterministic).toBe(true)
  })

  it('a branch whose nodes are all drained still counts in the first split (stale branch counts)', () => {
    // Zones A, B (only a drained node), C; 4 replicas. The first round gives A 2 (1 + remainder),
    // B 1 (fails, no room), C 1; the second round computes 0 per branch with a remainder of 1 from
    // the counts taken when the tree was built, so one of A or C gets a third task.
    const nodes = [node('a', { labels: { z: 'A' } }), node('b', { labels: { z: 'B' }, availability: 'drain' }), node('c', { labels: { z: 'C' } })]
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 4, preferences: [{ spread: 'node.labels.z' }] }), { variants: 24 })
    expect(counts(plan)).toEqual({ a: 3, b: 0, c: 1 })
    expect(ranges(plan)).toEqual({ a: [1, 3], b: [0, 0], c: [1, 3] })
    expect(plan.pendingTasks).toBe(0)
  })

  it('max_replicas_per_node with spread: the full zone hands nothing over, the rest stays pending', () => {
    const nodes = zones({ a1: 'a', a2: 'a', b1: 'b' })
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 4, maxReplicasPerNode: 1, preferences: [{ spread: 'node.labels.zone' }] }))
    expect(counts(plan)).toEqual({ a1: 1, a2: 1, b1: 1 })
    expect(plan.pendingTasks).toBe(1)
    expect(plan.explanation).toBe('no suitable node (max replicas per node limit exceed)')
  })

  it('max_replicas_per_node with spread over uneven zones', () => {
    const nodes = zones({ a1: 'a', a2: 'a', a3: 'a', b1: 'b' })
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 5, maxReplicasPerNode: 2, preferences: [{ spread: 'node.labels.zone' }] }), { variants: 16 })
    // 2 per zone plus a remainder: zone b holds 2 at most, zone a takes 3, one per node.
    expect(counts(plan)).toEqual({ a1: 1, a2: 1, a3: 1, b1: 2 })
    expect(plan.pendingTasks).toBe(0)
    expect(plan.deterministic).toBe(true)
  })

  it('reservations limit one zone: the others take the rest', () => {
    const nodes = [node('a1', { labels: { zone: 'a' }, nanoCpus: 2 * CPU }), node('b1', { labels: { zone: 'b' } }), node('b2', { labels: { zone: 'b' } })]
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 6, reservations: { nanoCpus: 1 * CPU, memoryBytes: 0 }, preferences: [{ spread: 'node.labels.zone' }] }))
    expect(counts(plan)).toEqual({ a1: 2, b1: 2, b2: 2 })
    expect(plan.pendingTasks).toBe(0)
  })

  it('spread over engine labels', () => {
    const nodes = [node('s1', { engineLabels: { disk: 'ssd' } }), node('h1', { engineLabels: { disk: 'hdd' } }), node('h2', { engineLabels: { disk: 'hdd' } })]
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 4, preferences: [{ spread: 'engine.labels.disk' }] }))
    expect(counts(plan)).toEqual({ s1: 2, h1: 1, h2: 1 })
  })

  it('a spread that is not over a label is ignored, with a warning', () => {
    const nodes = zones({ a1: 'a', b1: 'b', b2: 'b' })
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 3, preferences: [{ spread: 'node.hostname' }] }))
    expect(counts(plan)).toEqual({ a1: 1, b1: 1, b2: 1 })
    expect(messages(plan.warnings)).toEqual(["spread preference 'node.hostname' is ignored by the scheduler: only node.labels.<key> and engine.labels.<key> can be spread over"])
  })

  it('a spread label no eligible node has: one branch, a warning', () => {
    const plan = planPlacement([node('a'), node('b')], defineService({ name: 's', replicas: 2, preferences: [{ spread: 'node.labels.rack' }] }))
    expect(counts(plan)).toEqual({ a: 1, b: 1 })
    expect(messages(plan.warnings)).toEqual(["no eligible node has the label 'rack': spreading over node.labels.rack has no effect"])
  })

  it('spread branches are case-sensitive values; the prefix is not', () => {
    const nodes = [node('a', { labels: { zone: 'East' } }), node('b', { labels: { zone: 'east' } }), node('c', { labels: { zone: 'east' } })]
    const plan = planPlacement(nodes, defineService({ name: 's', replicas: 4, preferences: [{ spread: 'NODE.LABELS.zone' }] }))
    expect(counts(plan)).toEqual({ a: 2, b: 1, c: 1 })
  })
})

describe('global services (orchestrator/global)', () => {
  it('one task per eligible node', () => {
    const nodes = [node('a'), node('b'), node('c', { availability: 'drain' }), node('d', { state: 'down' }), node('e', { availability: 'pause' })]
    const plan = planPlacement(nodes, defineService({ name: 'agent', mode: 'global' }))
    expect(counts(plan)).toEqual({ a: 1, b: 1, c: 0, d: 0, e: 0 })
    expect(plan.desiredTasks).toBe(2)
    expect(plan.pendingTasks).toBe(0)
    expect(messages(plan.warnings)).toEqual([])
  })

  it('global + constraint: only the matching nodes, no pending task for the others', () => {
    const nodes = [node('m', { role: 'manager' }), node('w1'), node('w2')]
    const plan = planPlacement(nodes, defineService({ name: 'agent', mode: 'global', constraints: ['node.role==worker'] }))
    expect(counts(plan)).toEqual({ m: 0, w1: 1, w2: 1 })
    expect(plan.desiredTasks).toBe(2)
    expect(plan.pendingTasks).toBe(0)
  })

  it('a node the orchestrator picks but the scheduler refuses keeps a pending task', () => {
    const nodes = [node('a'), node('small', { memoryBytes: 1 * GiB }), node('pi', { arch: 'aarch64' }), node('lost', { state: 'unknown' })]
    const plan = planPlacement(nodes, defineService({ name: 'agent', mode: 'global', reservations: { nanoCpus: 0, memoryBytes: 2 * GiB }, platforms: [{ os: 'linux', arch: 'amd64' }] }))
    expect(counts(plan)).toEqual({ a: 1, small: 0, pi: 0, lost: 0 })
    expect(plan.desiredTasks).toBe(4)
    expect(plan.pendingTasks).toBe(3)
    expect(plan.explanation).toBe('no suitable node (1 node not available for new tasks; insufficient resources on 1 node; unsupported platform on 1 node)')
  })

  it('max_replicas_per_node has no effect on a global service', () => {
    const plan = planPlacement([node('a')], defineService({ name: 'agent', mode: 'global', maxReplicasPerNode: 1 }))
    expect(messages(plan.warnings)).toEqual(['max_replicas_per_node has no effect on a global service (one task per node)'])
  })
})

describe("existing tasks ('keep', the default for a live service)", () => {
  it('tasks on a drained node are replaced on the others', () => {
    const nodes = [running(node('n1', { availability: 'drain' }), 'svc', 2), running(node('n2'), 'svc', 1), node('n3')]
    const plan = planPlacement(nodes, defineService({ id: 'svc', name: 's', replicas: 3 }))
    expect(plan.perNode.map((n) => n.existingTasks)).toEqual([2, 1, 0])
    expect(counts(plan)).toEqual({ n1: 0, n2: 1, n3: 2 })
  })

  it('a paused node keeps its tasks (but is not eligible for new ones)', () => {
    const nodes = [running(node('p', { availability: 'pause' }), 'svc', 2), node('b')]
    const plan = planPlacement(nodes, defineService({ id: 'svc', name: 's', replicas: 3 }))
    expect(counts(plan)).toEqual({ p: 2, b: 1 })
    expect(plan.perNode[0].eligible).toBe(false)
  })

  it('a down node loses its tasks', () => {
    const nodes = [running(node('d', { state: 'down' }), 'svc', 1), node('b')]
    expect(counts(planPlacement(nodes, defineService({ id: 'svc', name: 's', replicas: 1 })))).toEqual({ d: 0, b: 1 })
  })

  it('tasks on an active node that no longer matches the constraints are replaced', () => {
    const nodes = [running(node('a', { labels: { zone: 'west' } }), 'svc', 2), node('b', { labels: { zone: 'east' } }), node('c', { labels: { zone: 'east' } })]
    const plan = planPlacement(nodes, defineService({ id: 'svc', name: 's', replicas: 2, constraints: ['node.labels.zone==east'] }))
    expect(counts(plan)).toEqual({ a: 0, b: 1, c: 1 })
  })

  it('scaling down removes the highest copies first', () => {
    const nodes = [running(node('a'), 'svc', 3), running(node('b'), 'svc', 1), running(node('c'), 'svc', 1)]
    expect(counts(planPlacement(nodes, defineService({ id: 'svc', name: 's', replicas: 3 })))).toEqual({ a: 1, b: 1, c: 1 })
  })

  it('scaling up fills the emptier nodes, in swarmkit\'s first-pass order', () => {
    // Ordered b, c (0 tasks), a (2): b gets one, c (0) < b (1) so c gets one; a (2) is not less
    // than c (1), so c stays the current node and takes the third. One of b/c ends with 2.
    const nodes = [running(node('a'), 'svc', 2), node('b'), node('c')]
    const plan = planPlacement(nodes, defineService({ id: 'svc', name: 's', replicas: 5 }), { variants: 8 })
    expect(counts(plan)).toEqual({ a: 2, b: 1, c: 2 })
    expect(ranges(plan)).toEqual({ a: [2, 2], b: [1, 2], c: [1, 2] })
  })

  it('spread counts existing tasks per branch', () => {
    const nodes = [running(node('a1', { labels: { zone: 'a' } }), 'svc', 2), node('b1', { labels: { zone: 'b' } })]
    const plan = planPlacement(nodes, defineService({ id: 'svc', name: 's', replicas: 4, preferences: [{ spread: 'node.labels.zone' }] }))
    expect(counts(plan)).toEqual({ a1: 2, b1: 2 })
  })

  it("'ignore' plans a fresh deployment: own tasks and their reservations do not exist", () => {
    const per = { nanoCpus: 2 * CPU, memoryBytes: 0 }
    const nodes = [running(node('a'), 'svc', 2, per), node('b')]
    const service = defineService({ id: 'svc', name: 's', replicas: 2, reservations: per })
    expect(counts(planPlacement(nodes, service, { existing: 'ignore' }))).toEqual({ a: 1, b: 1 })
    expect(planPlacement(nodes, service, { existing: 'ignore' }).perNode[0].existingTasks).toBe(0)
    // Kept, they fill node a: no room for a third one there.
    const kept = planPlacement(nodes, defineService({ ...service, replicas: 3 }))
    expect(counts(kept)).toEqual({ a: 2, b: 1 })
    expect(kept.perNode[0].eligible).toBe(true)
  })

  it('a global service keeps one task per node it still belongs on', () => {
    const nodes = [running(node('a'), 'g', 1), running(node('p', { availability: 'pause' }), 'g', 1), running(node('d', { availability: 'drain' }), 'g', 1), node('n')]
    const plan = planPlacement(nodes, defineService({ id: 'g', name: 'agent', mode: 'global' }))
    expect(counts(plan)).toEqual({ a: 1, p: 1, d: 0, n: 1 })
    expect(plan.desiredTasks).toBe(3)
  })
})

describe('plumbing', () => {
  it('an indexed cluster gives the same plan as the node list', () => {
    const nodes = zones({ a: 'x', b: 'y', c: 'y' })
    const service = defineService({ name: 's', replicas: 5, preferences: [{ spread: 'node.labels.zone' }], constraints: ['node.role==worker'] })
    expect(planPlacement(indexCluster(nodes), service)).toEqual(planPlacement(nodes, service))
    expect(indexCluster(nodes)).toBe(indexCluster(nodes))
  })

  it('plans are plain data (no shared scratch leaks between plans)', () => {
    const nodes = [node('a'), node('b')]
    const first = planPlacement(nodes, defineService({ name: 's', replicas: 2 }))
    planPlacement(nodes, defineService({ name: 't', replicas: 9 }))
    expect(counts(first)).toEqual({ a: 1, b: 1 })
    expect(JSON.parse(JSON.stringify(first))).toEqual(first)
  })

  it('formats resources', () => {
    expect(formatCpus(1e9)).toBe('1 CPU')
    expect(formatCpus(2.5e9)).toBe('2.5 CPUs')
    expect(formatCpus(0.125e9)).toBe('0.125 CPUs')
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MiB')
    expect(formatBytes(1.5 * GiB)).toBe('1.5 GiB')
    expect(formatBytes(100)).toBe('100 B')
  })
})

describe('planner notes in French (the app) and their kinds', () => {
  const inFrench = (items: readonly { said: Phrase }[]): string[] => items.map((item) => french(item.said))

  it('spread, max_replicas_per_node and pending notes', () => {
    const unlabelled = planPlacement(zones({ a1: 'a', b1: 'b', x1: null, x2: null }), defineService({ name: 's', replicas: 6, preferences: [{ spread: 'node.labels.zone' }] }), { variants: 8 })
    expect(unlabelled.warnings.map((w) => w.kind)).toEqual(['spread'])
    expect(inFrench(unlabelled.warnings)).toEqual(["2 nœuds éligibles sans le label 'zone' forment leur propre groupe dans la répartition selon node.labels.zone"])

    const ignored = planPlacement(zones({ a1: 'a' }), defineService({ name: 's', replicas: 1, preferences: [{ spread: 'node.hostname' }] }))
    expect(inFrench(ignored.warnings)).toEqual(["la préférence de répartition 'node.hostname' est ignorée par l'ordonnanceur : seules node.labels.<key> et engine.labels.<key> permettent de répartir"])

    const global = planPlacement([node('a')], defineService({ name: 'agent', mode: 'global', maxReplicasPerNode: 1 }))
    expect(global.warnings.map((w) => w.kind)).toEqual(['max-replicas'])
    expect(inFrench(global.warnings)).toEqual(["max_replicas_per_node n'a aucun effet sur un service global (une tâche par nœud)"])

    const impossible = planPlacement([node('a'), node('b')], defineService({ name: 's', replicas: 3, constraints: ['node.labels.gpu == yes'] }))
    expect(impossible.warnings[0].kind).toBe('no-eligible')
    expect(french(impossible.warnings[0].said)).toBe(
      "Aucun nœud n'est éligible : 3 tâches resteront en attente — aucun nœud adapté (contraintes de placement non satisfaites sur 2 nœuds)"
    )
  })

  it('a refused constraint: the refusal and the constraint note', () => {
    const plan = planPlacement([node('a')], defineService({ name: 's', replicas: 1, constraints: ['node.role = worker'] }))
    expect(plan.warnings.map((w) => w.kind)).toEqual(['refused', 'constraint'])
    expect(french(plan.warnings[0].said)).toMatch(/^L'engine refusera ce service : /)
    expect(french(plan.warnings[1].said)).toMatch(/^contrainte 1 \(node\.role = worker\) : .+ — /)
  })
})
