import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { printFaultTable, recordFault } from '../support/fault-table'
import { labProblems } from '../support/fault-lab'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { cliCreate, crashingRotation, mounted, objectNames, removeQuietly, serviceReplicas, SLEEPER_IMAGE } from '../support/rotation-lab'
import { startServices } from '../support/services'

// Fault (d): the app's own process is killed (SIGKILL) in the middle of a journaled operation, a
// secret rotation of 3 services, then a new process (sharing only the data dir) finishes it:
// resumed, or rolled back. The crash itself is tests/support/rotation-crash.ts (every crash point
// of a 2-service rotation is tests/integration/secrets-crash.test.ts); here two points in the
// middle of a 3-service rotation, each compared with the cluster afterwards.
// Steps of a 3-service rotation with --remove-old: 0 journal, 1 new version, 2/3 first service
// updated/converged, 4/5 second, 6/7 third, 8 old version removed.
const FAULT = 'app process killed'
const base = uniqueName('fak')
const secret = `${base}-tok`
const consumers = [`${base}-a`, `${base}-b`, `${base}-c`]
let lab: LabStatus
let h: ReturnType<typeof startServices>
let clusterId: string
let dockerHost: string
let current = secret

beforeAll(async () => {
  lab = requireLab()
  dockerHost = `unix://${labNode(lab, 'manager1').socket}`
  h = startServices({ env: { DOCKER_HOST: dockerHost } })
  clusterId = (await h.call('clusters.open', { profileId: 'default' })).clusterId
  await cliCreate(lab, 'secret', secret, 'first')
  for (const name of consumers) {
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', name, '--secret', `source=${secret},target=tok`, '--update-order', 'start-first', '--update-monitor', '1s', '--stop-grace-period', '1s', SLEEPER_IMAGE])
  }
  for (const name of consumers) await waitFor(`${name} running`, async () => (await serviceReplicas(lab, name)).running === 1, 120_000)
}, 180_000)

afterAll(async () => {
  try {
    await removeQuietly(lab, ['service', 'rm', ...consumers])
    await waitFor('consumers removed', async () => (await docker(lab, 'manager1', ['service', 'ls', '--filter', `name=${base}`, '-q'])) === '', 60_000).catch(() => undefined)
    for (const name of await objectNames(lab, 'secret', base)) await removeQuietly(lab, ['secret', 'rm', name])
    h?.services.dispose()
  } finally {
    printFaultTable(`Fault suite: ${FAULT}`)
  }
  expect(await labProblems(lab)).toEqual([])
}, 120_000)

/** Every consumer on exactly one version, that version the only one left, nothing unfinished. */
async function compare(onVersion: string): Promise<string> {
  const onIt = []
  for (const service of consumers) if ((await mounted(lab, service, 'secret')).join() === `${onVersion}@tok:0:0:444`) onIt.push(service)
  const versions = await objectNames(lab, 'secret', secret)
  const unfinished = await h.call('secrets.rotations', { clusterId, onlyUnfinished: true })
  expect(onIt).toEqual(consumers)
  expect(versions).toEqual([onVersion])
  expect(unfinished).toEqual([])
  return `${onIt.length}/3 services on one version, ${versions.length - 1} orphan version(s), ${unfinished.length} unfinished`
}

async function crashAt(point: number): Promise<{ id: string; newName: string }> {
  const child = await crashingRotation({ dockerHost, dataDir: h.dataDir, kind: 'secret', objectId: current, value: `value-${point}-${Date.now()}`, removeOld: true, crashAfter: point })
  expect(child.signal, child.stderr).toBe('SIGKILL')
  const unfinished = await h.call('secrets.rotations', { clusterId, onlyUnfinished: true })
  expect(unfinished).toHaveLength(1)
  expect(unfinished[0].state).toBe('interrupted')
  return { id: unfinished[0].id, newName: unfinished[0].new.name }
}

describe(`fault: ${FAULT}`, () => {
  it('a rotation killed with one service moved and the second updating is resumed to the end', async () => {
    const { id, newName } = await crashAt(4)
    const result = await h.call('secrets.resumeRotation', { clusterId, rotationId: id })
    expect(result.outcome).toBe('completed')
    current = newName
    recordFault({ fault: FAULT, operation: 'secret rotation (3 services)', outcome: 'killed after step 4 of 8: journal says interrupted; resumed, completed', reconnectMs: null, compared: await compare(current) })
  })

  it('a rotation killed with the first service updating is rolled back', async () => {
    const { id } = await crashAt(2)
    const result = await h.call('secrets.rollbackRotation', { clusterId, rotationId: id })
    expect(result.outcome).toBe('rolled-back')
    recordFault({ fault: FAULT, operation: 'secret rotation (3 services)', outcome: 'killed after step 2 of 8: journal says interrupted; rolled back', reconnectMs: null, compared: await compare(current) })
  })
})
