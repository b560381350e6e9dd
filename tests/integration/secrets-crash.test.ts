import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'
import { cliCreate, crashingRotation, mounted, objectNames, removeQuietly, serviceReplicas, SLEEPER_IMAGE } from '../support/rotation-lab'

// Crash injection: a rotation runs in a child process that SIGKILLs itself right after step N is
// journaled, for every step of a rotation of two services with --remove-old:
//   0 journal written, 1 new version created, 2 first service updated, 3 first converged,
//   4 second updated, 5 second converged, 6 old version removed.
// Then this process (a fresh one: it shares only the data dir) resumes or rolls back. Every
// point is crashed twice, once resumed and once rolled back, and each must end consistent: every
// consumer on exactly one version, no orphan version left.
const CRASH_POINTS = [0, 1, 2, 3, 4, 5, 6]

let lab: LabStatus
let harness: ReturnType<typeof startServices>
let clusterId: string
let dockerHost: string
const base = uniqueName('h2-crash')
const secret = `${base}-tok`
const consumers = [`${base}-a`, `${base}-b`]
let current = secret

beforeAll(async () => {
  lab = requireLab()
  dockerHost = `unix://${labNode(lab, 'manager1').socket}`
  harness = startServices({ env: { DOCKER_HOST: dockerHost } })
  clusterId = (await harness.call('clusters.open', { profileId: 'default' })).clusterId
  await cliCreate(lab, 'secret', secret, 'first')
  for (const name of consumers) {
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', name, '--secret', `source=${secret},target=tok`, '--update-order', 'start-first', '--update-monitor', '1s', '--stop-grace-period', '2s', SLEEPER_IMAGE])
  }
  for (const name of consumers) await waitFor(`${name} running`, async () => (await serviceReplicas(lab, name)).running === 1, 120_000)
}, 180_000)

afterAll(async () => {
  if (!lab) return
  await removeQuietly(lab, ['service', 'rm', ...consumers])
  await waitFor('consumers removed', async () => (await docker(lab, 'manager1', ['service', 'ls', '--filter', `name=${base}`, '-q'])) === '', 60_000).catch(() => undefined)
  for (const name of await objectNames(lab, 'secret', base)) await removeQuietly(lab, ['secret', 'rm', name])
  harness?.services.dispose()
}, 120_000)

async function expectConsistent(onVersion: string): Promise<void> {
  for (const service of consumers) expect(await mounted(lab, service, 'secret')).toEqual([`${onVersion}@tok:0:0:444`])
  expect(await objectNames(lab, 'secret', secret)).toEqual([onVersion])
  expect(await harness.call('secrets.rotations', { clusterId, onlyUnfinished: true })).toEqual([])
  for (const service of consumers) await waitFor(`${service} running`, async () => (await serviceReplicas(lab, service)).running === 1, 60_000)
}

async function interruptedRotation(point: number): Promise<{ id: string; newName: string }> {
  const value = `value-${point}-${Date.now()}`
  const child = await crashingRotation({ dockerHost, dataDir: harness.dataDir, kind: 'secret', objectId: current, value, removeOld: true, crashAfter: point })
  expect(child.signal, child.stderr).toBe('SIGKILL')
  expect(child.stderr).toContain(`crashing after step ${point}`)
  const unfinished = await harness.call('secrets.rotations', { clusterId, onlyUnfinished: true })
  expect(unfinished).toHaveLength(1)
  expect(unfinished[0].state).toBe('interrupted')
  expect(unfinished[0].old.name).toBe(current)
  // the journal has names, ids and steps; never the value
  const journals = readdirSync(join(harness.dataDir, 'rotations')).map((f) => readFileSync(join(harness.dataDir, 'rotations', f), 'utf8'))
  expect(journals.length).toBeGreaterThan(0)
  for (const text of journals) expect(text).not.toContain(value)
  return { id: unfinished[0].id, newName: unfinished[0].new.name }
}

describe('rotation crash injection on the lab', () => {
  for (const point of CRASH_POINTS) {
    it(`crash after step ${point}, resumed`, async () => {
      const { id, newName } = await interruptedRotation(point)
      if (point === 0) {
        // nothing was created: the value is needed again, and asking without it changes nothing
        await expect(harness.call('secrets.resumeRotation', { clusterId, rotationId: id })).rejects.toMatchObject({ code: 'VALUE_REQUIRED' })
      }
      const result = await harness.call('secrets.resumeRotation', { clusterId, rotationId: id, value: point === 0 ? { text: 'again' } : undefined })
      expect(result.outcome).toBe('completed')
      expect(result.old.removed).toBe(true)
      current = newName
      await expectConsistent(current)
    }, 240_000)

    it(`crash after step ${point}, rolled back`, async () => {
      const { id, newName } = await interruptedRotation(point)
      if (point === 6) {
        // the old version is gone: only resume can make it consistent, and it says so
        await expect(harness.call('secrets.rollbackRotation', { clusterId, rotationId: id })).rejects.toMatchObject({ code: 'ROLLBACK_IMPOSSIBLE' })
        const resumed = await harness.call('secrets.resumeRotation', { clusterId, rotationId: id })
        expect(resumed.outcome).toBe('completed')
        current = newName
      } else {
        const result = await harness.call('secrets.rollbackRotation', { clusterId, rotationId: id })
        expect(result.outcome).toBe('rolled-back')
        expect(result.new.removed || point === 0).toBe(true)
      }
      await expectConsistent(current)
    }, 240_000)
  }

  it('a finished rotation can be neither resumed nor rolled back', async () => {
    const done = (await harness.call('secrets.rotations', { clusterId, onlyUnfinished: false }))[0]
    const error = await harness.call('secrets.rollbackRotation', { clusterId, rotationId: done.id }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('CONFLICT')
  })
})
