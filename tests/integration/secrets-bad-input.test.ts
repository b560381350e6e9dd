import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'
import { cliCreate, inspectService, objectNames, removeQuietly, serviceReplicas, SLEEPER_IMAGE } from '../support/rotation-lab'

// Bad input to the secrets procedures: each gets its own code and message, and nothing changes
// on the cluster (the secrets, the configs and every consumer's spec and version are compared
// before and after, through the docker CLI).
let lab: LabStatus
let harness: ReturnType<typeof startServices>
let clusterId: string
const base = uniqueName('h2-bad')
const used = `${base}-used`
const unused = `${base}-unused`
const pausedSecret = `${base}-p`
const conf = `${base}-conf`
const userA = `${base}-a`
const userP = `${base}-paused`
const userC = `${base}-c`

beforeAll(async () => {
  lab = requireLab()
  harness = startServices({ env: { DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}` } })
  clusterId = (await harness.call('clusters.open', { profileId: 'default' })).clusterId
  await cliCreate(lab, 'secret', used, 'one')
  await cliCreate(lab, 'secret', unused, 'two')
  await cliCreate(lab, 'secret', pausedSecret, 'three')
  await cliCreate(lab, 'config', conf, 'a = 1\n')
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', userA, '--secret', used, SLEEPER_IMAGE])
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', userC, '--config', `source=${conf},target=/etc/c.conf`, SLEEPER_IMAGE])
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', userP, '--secret', pausedSecret, '--update-failure-action', 'pause', '--update-monitor', '3s', SLEEPER_IMAGE])
  for (const name of [userA, userC, userP]) await waitFor(`${name} running`, async () => (await serviceReplicas(lab, name)).running === 1, 120_000)
  // an update whose task exits at once: the engine pauses it (failure_action pause)
  await docker(lab, 'manager1', ['service', 'update', '--detach', '--entrypoint', '/bin/false', userP])
  await waitFor(`${userP} update paused`, async () => (await inspectService(lab, userP)).UpdateStatus?.State === 'paused', 120_000)
}, 300_000)

afterAll(async () => {
  if (!lab) return
  await removeQuietly(lab, ['service', 'rm', userA, userC, userP])
  await waitFor('consumers removed', async () => (await docker(lab, 'manager1', ['service', 'ls', '--filter', `name=${base}`, '-q'])) === '', 60_000).catch(() => undefined)
  for (const name of await objectNames(lab, 'secret', base)) await removeQuietly(lab, ['secret', 'rm', name])
  for (const name of await objectNames(lab, 'config', base)) await removeQuietly(lab, ['config', 'rm', name])
  harness?.services.dispose()
}, 120_000)

/** What must not change: our secrets and configs, and each consumer's version index and references. */
async function clusterState(): Promise<unknown> {
  const services: Record<string, unknown> = {}
  for (const name of [userA, userC, userP]) {
    const s = await inspectService(lab, name)
    services[name] = { version: s.Version.Index, refs: s.Spec.TaskTemplate.ContainerSpec }
  }
  return { secrets: await objectNames(lab, 'secret', base), configs: await objectNames(lab, 'config', base), services }
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('bad input changes nothing', () => {
  it('each refusal has its own code and message, and the cluster is as before', async () => {
    const before = await clusterState()
    const rotate = (objectId: string, text: string, extra: Record<string, unknown> = {}, kind: 'secret' | 'config' = 'secret') =>
      harness.call('secrets.rotate', { clusterId, kind, objectId, value: { text }, ...extra })

    const identical = await refusal(rotate(conf, 'a = 1\n', {}, 'config'))
    expect([identical.code, identical.message]).toEqual(['IDENTICAL_VALUE', `the new value is the same as ${conf}'s: rotating would restart every consumer for nothing`])
    const empty = await refusal(rotate(used, ''))
    expect([empty.code, empty.message]).toEqual(['EMPTY_VALUE', 'the new value is empty'])
    const clash = await refusal(rotate(used, 'new', { newName: unused }))
    expect([clash.code, clash.message]).toEqual(['NAME_CLASH', `a secret named "${unused}" already exists: choose another name`])
    const invalid = await refusal(rotate(used, 'new', { newName: 'no spaces allowed' }))
    expect(invalid.code).toBe('INVALID_INPUT')
    expect(invalid.data.issues?.[0]).toMatchObject({ path: 'newName' })
    const nobody = await refusal(rotate(unused, 'new'))
    expect(nobody.code).toBe('NO_CONSUMERS')
    expect(nobody.message).toContain(`no service uses ${unused}`)
    const paused = await refusal(rotate(pausedSecret, 'new'))
    expect(paused.code).toBe('UPDATE_PAUSED')
    expect(paused.message).toContain(`${userP}'s last update is paused`)
    const inUse = await refusal(harness.call('secrets.remove', { clusterId, kind: 'secret', objectId: used }))
    expect([inUse.code, inUse.message]).toEqual(['IN_USE', `${used} is used by ${userA}: move them to another secret first (a rotation does that)`])
    const createClash = await refusal(harness.call('secrets.create', { clusterId, kind: 'secret', name: used, value: { text: 'x' } }))
    expect(createClash.code).toBe('NAME_CLASH')
    const createEmpty = await refusal(harness.call('secrets.create', { clusterId, kind: 'secret', name: `${base}-new`, value: { text: '' } }))
    expect(createEmpty.code).toBe('EMPTY_VALUE')
    const unknown = await refusal(rotate(`${base}-nothing`, 'x'))
    expect(unknown.code).toBe('NOT_FOUND')

    expect(await clusterState()).toEqual(before)
    expect(await harness.call('secrets.rotations', { clusterId, onlyUnfinished: false })).toEqual([])
  }, 120_000)

  it('a plan made before someone else updated a consumer is refused as stale', async () => {
    const plan = await harness.call('secrets.planRotation', { clusterId, kind: 'secret', objectId: used, value: { text: 'fresh' } })
    expect(plan.refusals).toEqual([])
    await docker(lab, 'manager1', ['service', 'update', '--detach', '--label-add', 'touched=yes', userA])
    const before = await clusterState()
    const stale = await refusal(harness.call('secrets.rotate', { clusterId, kind: 'secret', objectId: used, value: { text: 'fresh' }, expectFingerprint: plan.fingerprint }))
    expect(stale.code).toBe('STALE_PLAN')
    expect(await clusterState()).toEqual(before)
  }, 60_000)
})
