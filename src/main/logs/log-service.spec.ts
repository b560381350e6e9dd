import { describe, expect, it } from 'vitest'
import { PassThrough } from 'node:stream'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { createClientLink } from '../rpc/dispatcher'
import { EventBus } from '../rpc/event-bus'
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
