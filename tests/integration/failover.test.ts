import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClusterState } from '../../src/shared/connections'
import { docker, labCommand, labNode, requireLab, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

// Stopping the dockerd of the manager SwarmDesk is connected to must move the session to another
// manager of the same swarm, without user action, and the mirror must keep following changes.
let lab: LabStatus
let harness: ReturnType<typeof startServices>

beforeAll(() => {
  lab = requireLab()
  harness = startServices()
})

afterAll(async () => {
  harness?.services.dispose()
  await labCommand(['start-node', 'manager2'])
  await waitFor('manager2 back and ready', async () => (await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.Status.State}}', 'manager2'])) === 'ready', 120_000)
  await docker(lab, 'manager1', ['node', 'update', '--label-rm', 'it.failover', 'worker2']).catch(() => undefined)
})

describe('manager failover', () => {
  it('switches to the next manager when the one in use stops, and keeps updating', async () => {
    const profile = await harness.call('connections.save', {
      name: 'lab managers',
      endpoints: [
        { kind: 'socket', socketPath: labNode(lab, 'manager2').socket },
        { kind: 'socket', socketPath: labNode(lab, 'manager3').socket }
      ]
    })
    const opened = await harness.call('clusters.open', { profileId: profile.id })
    expect(opened).toMatchObject({ phase: 'ready', endpointIndex: 0 })
    const clusterId = opened.clusterId
    const states = () => harness.received.filter((e) => e.name === 'cluster.state').map((e) => e.payload as ClusterState)

    await labCommand(['stop-node', 'manager2'])
    const switched = await waitFor('a ready state on manager3', () => states().find((s) => s.clusterId === clusterId && s.phase === 'ready' && s.endpointIndex === 1), 60_000)
    expect(switched.endpoint).toBe(`unix://${labNode(lab, 'manager3').socket}`)
    expect(switched.notice).toMatch(/stopped answering; switched to/)
    expect(states().some((s) => s.clusterId === clusterId && s.phase === 'reconnecting')).toBe(true)

    // Still live: a change made elsewhere arrives through the new manager's event stream.
    await docker(lab, 'manager1', ['node', 'update', '--label-add', 'it.failover=after', 'worker2'])
    await waitFor('the label through manager3', () =>
      Object.values(harness.model(clusterId)?.nodes ?? {}).find((n) => n.hostname === 'worker2' && n.labels['it.failover'] === 'after')
    )
    // And the mirror sees manager2 as down (the engine's own view, not a guess).
    await waitFor('manager2 unreachable in the mirror', () =>
      Object.values(harness.model(clusterId)?.nodes ?? {}).find((n) => n.hostname === 'manager2' && n.manager?.reachability === 'unreachable'),
      60_000
    )
    expect(harness.gaps).toEqual([])
  })
})
