import { describe, expect, it } from 'vitest'
import { PassThrough } from 'node:stream'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { createClientLink } from '../rpc/dispatcher'
import { EventBus } from '../rpc/event-bus'
import type { LogBatch } from '../../shared/logs'
import { createLogService, describeTasksFrom } from './log-service'

const snapshot = {
  services: [{ id: 'svc1', name: 'web' }, { id: 'svc2', name: 'agent' }],
  nodes: [{ id: 'node1', hostname: 'worker1' }],
  tasks: [
    { id: 't1', serviceId: 'svc1', slot: 2, nodeId: 'node1' },
    { id: 't2', serviceId: 'svc2', slot: null, nodeId: 'node1' },
    { id: 't3', serviceId: 'gone', slot: 1, nodeId: 'node9' },
    { id: 't4', serviceId: 'svc1', slot: 3, nodeId: null }
  ]
} as unknown as Parameters<typeof describeTasksFrom>[0]

describe('describeTasksFrom', () => {
  it('names each asked task by service, slot (null for global) and node hostname', () => {
    expect(describeTasksFrom(snapshot, ['t1', 't2', 't3', 't4', 'unknown'])).toEqual({
      t1: { serviceId: 'svc1', service: 'web', slot: 2, nodeId: 'node1', node: 'worker1' },
      t2: { serviceId: 'svc2', service: 'agent', slot: null, nodeId: 'node1', node: 'worker1' },
      // Unknown to the mirror: ids stand in for names.
      t3: { serviceId: 'gone', service: 'gone', slot: 1, nodeId: 'node9', node: 'node9' },
      t4: { serviceId: 'svc1', service: 'web', slot: 3, nodeId: '', node: '' }
    })
  })
  it('returns only what was asked', () => {
    expect(Object.keys(describeTasksFrom(snapshot, ['t2']))).toEqual(['t2'])
  })
})

describe('a log session whose client leaves early', () => {
  // A fake cluster at the service's seam (registry.get -> { engine, snapshot }): the service
  // lookup is held back so the client can leave while it runs.
  function setup() {
    let releaseLookup!: () => void
    const lookup = new Promise<void>((resolve) => (releaseLookup = resolve))
    const streamsOpened: string[] = []
    const engine = {
      inspectService: async (ref: string) => {
        await lookup
        return { ID: ref, Spec: { Name: ref } }
      },
      serviceLogs: async (id: string) => {
        streamsOpened.push(id)
        return new PassThrough()
      }
    }
    const registry = { get: () => ({ engine, snapshot: () => ({ nodes: [], services: [], tasks: [] }) }) } as unknown as ClusterRegistry
    const service = createLogService({ registry, bus: new EventBus() })
    return { service, releaseLookup, streamsOpened }
  }

  it('leaves nothing running when the client leaves while its services are looked up', async () => {
    const { service, releaseLookup, streamsOpened } = setup()
    const client = createClientLink()
    const started = service.start({ clusterId: 'c', target: { serviceIds: ['web'] }, follow: true, tail: 10, since: null }, client)
    client.close()
    releaseLookup()
    await expect(started).rejects.toMatchObject({ code: 'CONNECTION_LOST' })
    expect(service.sessionCount).toBe(0)
    expect(streamsOpened).toEqual([])
  })

  it('a client that stays gets its session, which ends when it leaves', async () => {
    const { service, releaseLookup, streamsOpened } = setup()
    const client = createClientLink()
    releaseLookup()
    const info = await service.start({ clusterId: 'c', target: { serviceIds: ['web'] }, follow: true, tail: 10, since: null }, client)
    expect([info.services.map((s) => s.name), service.sessionCount, streamsOpened]).toEqual([['web'], 1, ['web']])
    client.close()
    expect(service.sessionCount).toBe(0)
  })
})

describe('a followed log whose manager goes', () => {
  // A fake cluster at the service's seam: its engine is swapped and its phase published on the
  // bus, as the cluster session does on a failover. The service is a TTY one (raw lines).
  const stamp = (i: number) => `2026-12-06T12:00:${String(i).padStart(2, '0')}.000000000Z`
  const record = (i: number) => `${stamp(i)} com.docker.swarm.task.id=t1,com.docker.swarm.service.id=web tick ${i}\n`
  function engineWith(queries: Record<string, unknown>[], streams: PassThrough[]) {
    return {
      inspectService: async (ref: string) => ({ ID: ref, Spec: { Name: ref, TaskTemplate: { ContainerSpec: { TTY: true } } } }),
      inspectTask: async () => ({}),
      serviceLogs: async (_id: string, query: Record<string, unknown>) => {
        queries.push(query)
        const stream = new PassThrough()
        streams.push(stream)
        return stream
      }
    }
  }
  function setup(resumeWindowMs?: number) {
    const bus = new EventBus()
    const queriesA: Record<string, unknown>[] = []
    const streamsA: PassThrough[] = []
    const queriesB: Record<string, unknown>[] = []
    const streamsB: PassThrough[] = []
    const engineA = engineWith(queriesA, streamsA)
    const engineB = engineWith(queriesB, streamsB)
    const cluster = { phase: 'ready', engine: engineA as unknown, state: { clusterId: 'c', endpoint: 'ssh root@manager1:22' }, snapshot: () => ({ nodes: [], services: [], tasks: [] }) }
    const registry = { get: () => cluster } as unknown as ClusterRegistry
    const service = createLogService({ registry, bus, resumeWindowMs })
    const batches: LogBatch[] = []
    const publish = (phase: string, endpoint: string) => {
      cluster.phase = phase
      cluster.state = { clusterId: 'c', endpoint }
      bus.publish('cluster.state', { clusterId: 'c', phase } as never)
    }
    const start = async () => {
      const info = await service.open({ clusterId: 'c', target: { serviceIds: ['web'] }, follow: true, tail: 5, since: null }, (batch) => {
        batches.push(batch)
        service.ack(batch.sessionId, batch.seq)
      })
      return info
    }
    const lines = () => batches.flatMap((b) => b.lines)
    return { service, cluster, engineB, queriesA, streamsA, queriesB, streamsB, publish, start, lines, batches }
  }
  const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms))

  it('follows on through the new manager from just before its last line, with no line lost or repeated, and says so once', async () => {
    const s = setup()
    await s.start()
    s.streamsA[0].write(record(1) + record(2) + record(3))
    await settle()
    s.publish('reconnecting', 'ssh root@manager1:22')
    s.streamsA[0].destroy(new Error('aborted'))
    await settle()
    s.cluster.engine = s.engineB
    s.publish('ready', 'ssh root@manager2:22')
    await settle()
    // the engine sends again what came after `since`: tick 2 and 3 are dropped
    s.streamsB[0].write(record(2) + record(3) + record(4) + record(5))
    await settle()
    expect(s.queriesA[0]).toMatchObject({ tail: 5, follow: true })
    expect(s.queriesB[0]).toMatchObject({ since: `${Date.parse('2026-12-06T12:00:01Z') / 1000}.000000000`, follow: true })
    expect(s.queriesB[0]).not.toHaveProperty('tail')
    expect(s.lines().filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(['tick 1', 'tick 2', 'tick 3', 'tick 4', 'tick 5'])
    expect(s.lines().filter((l) => l.stream === 'notice').map((l) => l.said?.key)).toEqual(['logs.said.resumed'])
    expect(s.lines().find((l) => l.stream === 'notice')?.text).toContain('manager2')
    expect(s.batches.some((b) => b.ended)).toBe(false)
    s.service.dispose()
  })

  it('ends with its reason when no manager answers within the window', async () => {
    const s = setup(200)
    await s.start()
    s.streamsA[0].write(record(1))
    await settle()
    s.publish('reconnecting', 'ssh root@manager1:22')
    s.streamsA[0].destroy(new Error('aborted'))
    await settle(400)
    expect(s.lines().filter((l) => l.stream === 'notice').map((l) => l.said?.key).sort()).toEqual(['logs.said.no-manager', 'logs.said.stream-failed'])
    expect(s.batches.at(-1)?.ended).toBe(true)
    expect(s.queriesB).toEqual([])
    expect(s.service.sessionCount).toBe(0)
  })

  it('a stream that fails while its cluster stays ready on the same engine is opened again there, without a notice', async () => {
    const s = setup()
    await s.start()
    s.streamsA[0].write(record(1))
    await settle()
    s.streamsA[0].destroy(new Error('aborted'))
    await settle(1800)
    expect(s.queriesA.length).toBe(2)
    s.streamsA[1].write(record(1) + record(2))
    await settle()
    expect(s.lines().map((l) => `${l.stream} ${l.text}`)).toEqual(['stdout tick 1', 'stdout tick 2'])
    s.service.dispose()
  })
})
