import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labNode, requireLab, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'
import type { AppError } from '../../src/shared/errors'
import { english } from '../../src/main/i18n/english'

// Bad input gets a specific message, quickly, and nothing is left open.
let lab: LabStatus
let harness: ReturnType<typeof startServices>

beforeAll(() => {
  lab = requireLab()
  harness = startServices()
})
afterAll(() => harness?.services.dispose())

async function openProfile(endpoints: Parameters<typeof harness.call<'connections.save'>>[1]['endpoints']) {
  const profile = await harness.call('connections.save', { name: `p-${Math.random()}`, endpoints })
  return harness.call('clusters.open', { profileId: profile.id })
}

describe('connection errors', () => {
  it('refuses a profile without endpoints, naming the field', async () => {
    await expect(harness.call('connections.save', { name: 'x', endpoints: [] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      data: { issues: [{ path: 'endpoints', message: 'a connection needs at least one manager endpoint' }] }
    })
    await expect(harness.call('connections.save', { name: 'x', endpoints: [{ kind: 'socket', socketPath: 'relative.sock' }] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      data: { issues: [{ path: 'endpoints.0.socketPath', message: 'must be an absolute path starting with /' }] }
    })
  })

  it('says when no engine listens on a socket path', async () => {
    const started = Date.now()
    await expect(openProfile([{ kind: 'socket', socketPath: '/var/tmp/swarmdesk-nothing-here.sock' }])).rejects.toMatchObject({
      code: 'CONNECTION_REFUSED',
      message: expect.stringMatching(/no engine socket/)
    })
    expect(Date.now() - started).toBeLessThan(5000)
    expect(await harness.call('clusters.list', {})).toEqual([])
  })

  it('says a worker is not a manager and names the managers', async () => {
    const error = await openProfile([{ kind: 'socket', socketPath: labNode(lab, 'worker1').socket }]).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'NOT_A_MANAGER' })
    expect((error as Error).message).toMatch(/worker/)
    for (const manager of ['manager1', 'manager2', 'manager3']) expect((error as Error).message).toContain(`${labNode(lab, manager).address}:2377`)
    // the same refusal as a phrase, for the app to word in the user's language
    const said = (error as AppError).data.said
    expect(said?.key).toBe('clusters.said.worker-managers')
    expect(english(said!)).toBe((error as Error).message)
  })

  it('skips a worker endpoint and uses the next manager of the profile', async () => {
    const state = await openProfile([
      { kind: 'socket', socketPath: labNode(lab, 'worker2').socket },
      { kind: 'socket', socketPath: labNode(lab, 'manager3').socket }
    ])
    expect(state).toMatchObject({ phase: 'ready', endpointIndex: 1 })
    expect(await harness.call('clusters.close', { clusterId: state.clusterId })).toEqual({ closed: true })
  })

  it('gives up on an address where no host answers within the stated timeout', async () => {
    const started = Date.now()
    // 10.77.0.99 is inside the lab's own subnet and deliberately unused.
    const error = await openProfile([{ kind: 'docker-host', dockerHost: 'tcp://10.77.0.99:2375' }]).catch((e: unknown) => e)
    expect(['UNREACHABLE', 'TIMEOUT']).toContain((error as { code: string }).code)
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  it('reports an unknown procedure and an unknown cluster', async () => {
    await expect(harness.call('clusters.snapshot', { clusterId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
