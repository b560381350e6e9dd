import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayload } from '../../src/shared/contract'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

// The live mirror against the real 5-node lab: snapshot, then engine events as deltas.
let lab: LabStatus
let harness: ReturnType<typeof startServices>
let clusterId: string
const created: string[] = []

beforeAll(async () => {
  lab = requireLab()
  harness = startServices({ env: { DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}` } })
  const state = await harness.call('clusters.open', { profileId: 'default' })
  clusterId = state.clusterId
})

afterAll(async () => {
  for (const name of created) await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
  await docker(lab, 'manager1', ['node', 'update', '--label-rm', 'it.mirror', 'worker1']).catch(() => undefined)
  harness?.services.dispose()
})

describe('live mirror', () => {
  it('opens the engine the docker CLI would use and takes a snapshot of the whole swarm', async () => {
    const state = harness.services.registry.get(clusterId).state
    expect(state).toMatchObject({ phase: 'ready', endpoint: `unix://${labNode(lab, 'manager1').socket}` })
    const snapshot = await harness.call('clusters.snapshot', { clusterId })
    expect(snapshot.nodes.map((n) => n.hostname).sort()).toEqual(['manager1', 'manager2', 'manager3', 'worker1', 'worker2'])
    expect(snapshot.nodes.filter((n) => n.role === 'manager')).toHaveLength(3)
    expect(snapshot.nodes.filter((n) => n.manager?.leader)).toHaveLength(1)
    expect(snapshot.swarm).toMatchObject({ managers: 3, nodes: 5 })
    // The CLI agrees on the swarm's identity.
    const swarmId = await docker(lab, 'manager1', ['info', '--format', '{{.Swarm.Cluster.ID}}'])
    expect(snapshot.swarm.swarmId).toBe(swarmId)
  })

  it('publishes the model first without its tasks, then every task in one delta after it (the snapshot in two phases)', async () => {
    const name = uniqueName('it-phases')
    created.push(name)
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', name, '--replicas', '3', '--constraint', 'node.labels.it.never==here', lab.images.sleeper])
    await waitFor('3 pending tasks', async () => (await docker(lab, 'manager1', ['service', 'ps', '-q', name])).split('\n').filter(Boolean).length === 3)
    const fresh = startServices({ env: { DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}` } })
    try {
      const opened = await fresh.call('clusters.open', { profileId: 'default' })
      const complete = await fresh.call('clusters.snapshot', { clusterId: opened.clusterId })
      expect(complete.tasksLoaded).toBe(true)
      const mine = complete.tasks.filter((t) => t.serviceId === complete.services.find((s) => s.name === name)?.id)
      expect(mine).toHaveLength(3)
      // what the app was told, in order: the first phase (no task), then one delta with them all
      const told = fresh.received.filter((e) => (e.name === 'mirror.reset' || e.name === 'mirror.deltas') && (e.payload as { clusterId: string }).clusterId === opened.clusterId)
      expect(told[0].name).toBe('mirror.reset')
      const first = (told[0].payload as EventPayload<'mirror.reset'>).snapshot
      expect(first).toMatchObject({ tasksLoaded: false, tasks: [] })
      expect(first.services.find((s) => s.name === name)?.desiredTasks).toBe(3) // the counts come with the services
      const tasksDelta = told.slice(1).flatMap((e) => (e.payload as EventPayload<'mirror.deltas'>).deltas).find((d) => d.op === 'tasks')
      expect(tasksDelta && 'values' in tasksDelta ? tasksDelta.values.map((t) => t.id).sort() : null).toEqual(complete.tasks.map((t) => t.id).sort())
      expect(fresh.gaps).toEqual([])
      const model = fresh.model(opened.clusterId)
      expect(model?.tasksLoaded).toBe(true)
      expect(Object.keys(model?.tasks ?? {}).sort()).toEqual(complete.tasks.map((t) => t.id).sort())
    } finally {
      fresh.services.dispose()
    }
  })

  it('reads the task list as it arrives (never whole): the same tasks, field by field, as the list read at once', async () => {
    const engine = harness.services.registry.get(clusterId).engine
    const streamed: unknown[] = []
    // the same moment as far as the lab allows: read twice, compare while nothing moves
    const [count, whole] = await Promise.all([engine.streamTasks((task) => streamed.push(task)), engine.listTasks()])
    expect(count).toBe(streamed.length)
    expect(streamed.length).toBeGreaterThan(0)
    const wholeById = new Map(whole.map((t) => [t.ID, t]))
    expect((streamed as { ID: string }[]).map((t) => t.ID).sort()).toEqual([...wholeById.keys()].sort())
    // a task read at the same version in both is the same, field by field (one may move between the reads)
    for (const task of streamed as typeof whole) {
      const other = wholeById.get(task.ID)
      if (other?.Version?.Index === task.Version?.Index) expect(task).toEqual(other)
    }
    const filtered: unknown[] = []
    // filtered as the mirror asks for a service's tasks: the 3 pending tasks of the test above
    const phases = (await engine.listServices({ filters: { name: [created[0]] } }))[0]
    await engine.streamTasks((task) => filtered.push(task), { service: [phases.ID ?? ''] })
    expect(filtered).toHaveLength(3)
  })

  it('shows a service created, scaled and removed with the docker CLI, without a reload', async () => {
    const name = uniqueName('it-mirror')
    created.push(name)
    const resetsBefore = harness.received.filter((e) => e.name === 'mirror.reset').length
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', name, '--replicas', '2', lab.images.sleeper])
    const service = await waitFor('the new service in the mirror', () =>
      Object.values(harness.model(clusterId)?.services ?? {}).find((s) => s.name === name)
    )
    expect(service.mode).toBe('replicated')
    await waitFor('2 running tasks', () => {
      const model = harness.model(clusterId)
      const tasks = Object.values(model?.tasks ?? {}).filter((t) => t.serviceId === service.id && t.state === 'running')
      return tasks.length === 2 && model?.services[service.id]?.runningTasks === 2
    })
    await docker(lab, 'manager1', ['service', 'scale', '--detach', `${name}=3`])
    await waitFor('3 running tasks after scale', () => harness.model(clusterId)?.services[service.id]?.runningTasks === 3)
    const cliTasks = (await docker(lab, 'manager1', ['service', 'ps', '-q', '--filter', 'desired-state=running', name])).split('\n').sort()
    await waitFor('the same running tasks as `docker service ps`', () => {
      const mine = Object.values(harness.model(clusterId)?.tasks ?? {})
        .filter((t) => t.serviceId === service.id && t.desiredState === 'running')
        .map((t) => t.id)
        .sort()
      return JSON.stringify(mine) === JSON.stringify(cliTasks)
    })
    await docker(lab, 'manager1', ['service', 'rm', name])
    await waitFor('service and its tasks gone', () => {
      const model = harness.model(clusterId)
      return !model?.services[service.id] && !Object.values(model?.tasks ?? {}).some((t) => t.serviceId === service.id)
    })
    // Events, not reloads: no reset happened, and the feed recorded the engine's events.
    expect(harness.received.filter((e) => e.name === 'mirror.reset').length).toBe(resetsBefore)
    const feed = harness.model(clusterId)?.events ?? []
    expect(feed.some((e) => e.type === 'service' && e.action === 'create' && e.actorName === name)).toBe(true)
    expect(feed.some((e) => e.type === 'service' && e.action === 'remove' && e.actorName === name)).toBe(true)
    expect(harness.gaps).toEqual([])
  })

  it('shows a node label added with the docker CLI', async () => {
    await docker(lab, 'manager1', ['node', 'update', '--label-add', 'it.mirror=yes', 'worker1'])
    await waitFor('the label in the mirror', () =>
      Object.values(harness.model(clusterId)?.nodes ?? {}).find((n) => n.hostname === 'worker1' && n.labels['it.mirror'] === 'yes')
    )
  })

  it('shows secrets and overlay networks created and removed with the CLI', async () => {
    const secret = uniqueName('it-secret')
    const network = uniqueName('it-net')
    const { execFileSync } = await import('node:child_process')
    execFileSync('docker', ['-H', `unix://${labNode(lab, 'manager1').socket}`, 'secret', 'create', secret, '-'], { input: 'not-logged' })
    await docker(lab, 'manager1', ['network', 'create', '--driver', 'overlay', network])
    await waitFor('secret and network in the mirror', () => {
      const model = harness.model(clusterId)
      return Object.values(model?.secrets ?? {}).some((s) => s.name === secret) && Object.values(model?.networks ?? {}).some((n) => n.name === network)
    })
    await docker(lab, 'manager1', ['secret', 'rm', secret])
    await docker(lab, 'manager1', ['network', 'rm', network])
    await waitFor('secret and network gone', () => {
      const model = harness.model(clusterId)
      return !Object.values(model?.secrets ?? {}).some((s) => s.name === secret) && !Object.values(model?.networks ?? {}).some((n) => n.name === network)
    })
  })
})
