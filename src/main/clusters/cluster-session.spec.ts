import { describe, expect, it } from 'vitest'
import type { ClusterPhase, ConnectionProfile } from '../../shared/connections'
import type { EngineClient } from '../docker/engine-client'
import type { EngineHandle } from '../connections/engine-handle'
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { EventBus } from '../rpc/event-bus'
import { ClusterSession } from './cluster-session'

// The session's lifecycle with a fake connector at its seam (deps.connect): each carrier is a
// handle we can drop or hold back, on an engine that answers only what attaching asks (info and
// version) and sits outside any swarm, so no mirror is involved.
const profile: ConnectionProfile = {
  id: 'p',
  name: 'lab',
  endpoints: [{ kind: 'docker-host', dockerHost: 'unix:///fake/a.sock' }, { kind: 'docker-host', dockerHost: 'unix:///fake/b.sock' }],
  createdAt: new Date(0).toISOString()
}

interface FakeHandle extends EngineHandle {
  closed: boolean
  drop(reason?: Error): void
}

function fakeHandle(name: string): FakeHandle {
  const listeners: ((reason: Error | null) => void)[] = []
  const docker = { info: async () => ({ Name: name, Swarm: { LocalNodeState: 'inactive' } }), version: async () => ({ ApiVersion: '1.47' }) } as unknown as EngineClient
  const handle: FakeHandle = {
    docker,
    description: `fake ${name}`,
    carrier: 'socket',
    closed: false,
    close() {
      handle.closed = true
    },
    onClosed(listener) {
      listeners.push(listener)
    },
    drop(reason: Error = new Error('connection reset')) {
      for (const listener of listeners) listener(reason)
    }
  }
  return handle
}

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('ClusterSession lifecycle', () => {
  it('stays closed when closed while reconnecting, and closes the carrier that arrives late', async () => {
    const bus = new EventBus()
    const phases: ClusterPhase[] = []
    bus.subscribe((name, payload) => {
      if (name === 'cluster.state') phases.push((payload as { phase: ClusterPhase }).phase)
    })
    const first = fakeHandle('one')
    const late = deferred<EngineHandle>()
    const connects: number[] = []
    const session = new ClusterSession('c1', profile, {
      bus,
      connect: (_profile, index) => {
        connects.push(index)
        return connects.length === 1 ? Promise.resolve(first) : late.promise
      }
    })
    await session.open()
    expect(session.phase).toBe('no-swarm')

    first.drop() // the link drops: reconnecting, and a reconnect starts at once
    await tick()
    expect(session.phase).toBe('reconnecting')
    expect(connects).toEqual([0, 0])

    session.close() // the user closes the cluster while the reconnect is connecting
    const second = fakeHandle('two')
    late.resolve(second)
    await tick()
    await tick()

    expect(session.phase).toBe('closed')
    expect(phases).toEqual(['no-swarm', 'reconnecting', 'closed'])
    expect(second.closed).toBe(true)
    expect(session.access).toBeNull()
    expect(connects).toEqual([0, 0]) // no further attempt after the close
  })

  it('a carrier that drops after close does not start a reconnect', async () => {
    const bus = new EventBus()
    const handle = fakeHandle('one')
    let connects = 0
    const session = new ClusterSession('c2', profile, { bus, connect: async () => (connects++, handle) })
    await session.open()
    session.close()
    handle.drop()
    await tick()
    expect([session.phase, connects, handle.closed]).toEqual(['closed', 1, true])
  })

  it('after the endpoint in use stopped answering (a time-out), tries the other endpoints before it', async () => {
    // a manager cut off the network: connecting to it again would only wait for the connect time-out
    const bus = new EventBus()
    const first = fakeHandle('one')
    const second = fakeHandle('two')
    const never = new Promise<EngineHandle>(() => undefined)
    const connects: number[] = []
    const session = new ClusterSession('c3', profile, {
      bus,
      connect: (_profile, index) => {
        connects.push(index)
        if (connects.length === 1) return Promise.resolve(first)
        return index === 0 ? never : Promise.resolve(second)
      }
    })
    await session.open()
    first.drop(refusal('TIMEOUT', phrase('clusters.said.ping-timeout', { seconds: 4 })))
    await tick()
    await tick()
    expect(connects).toEqual([0, 1])
    expect(session.access?.endpointIndex).toBe(1)
  })

  it('after a closed connection, tries the endpoint in use first (it may only have restarted)', async () => {
    const bus = new EventBus()
    const first = fakeHandle('one')
    const connects: number[] = []
    const session = new ClusterSession('c4', profile, { bus, connect: async (_profile, index) => (connects.push(index), index === 0 ? first : fakeHandle('two')) })
    await session.open()
    first.drop()
    await tick()
    await tick()
    expect(connects).toEqual([0, 0])
    expect(session.access?.endpointIndex).toBe(0)
  })
})

