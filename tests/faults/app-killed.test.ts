import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { printFaultTable, recordFault } from '../support/fault-table'
import { labProblems } from '../support/fault-lab'
import { replanned, stackCompose, stackOnCluster } from '../support/fault-operations'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { cliCreate, crashingDeploy, crashingRotation, mounted, objectNames, removeQuietly, serviceReplicas, SLEEPER_IMAGE } from '../support/rotation-lab'
import { startServices } from '../support/services'

// Fault (d): the app's own process is killed (SIGKILL) in the middle of a journaled operation, a
// secret rotation of 3 services, then a new process (sharing only the data dir) finishes it:
// resumed, or rolled back. The crash itself is tests/support/rotation-crash.ts (every crash point
// of a 2-service rotation is tests/integration/secrets-crash.test.ts); here two points in the
// middle of a 3-service rotation, each compared with the cluster afterwards. A stack deploy is not
// journaled: the cluster is its record, and deploying again is the resume. A process deploying
// 20 services is killed after the 5th is created (tests/support/deploy-crash.ts): a new
// process's plan must show exactly what was not applied, and deploying again completes it.
// Steps of a 3-service rotation with --remove-old: 0 journal, 1 new version, 2/3 first service
// updated/converged, 4/5 second, 6/7 third, 8 old version removed.
const FAULT = 'app process killed'
const base = uniqueName('fak')
const secret = `${base}-tok`
const consumers = [`${base}-a`, `${base}-b`, `${base}-c`]
const stacks = [`${base}s`, `${base}t`]
const SERVICES = 20
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
    for (const stack of stacks) {
      const left = (await docker(lab, 'manager1', ['service', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`])).split('\n').filter(Boolean)
      if (left.length) await removeQuietly(lab, ['service', 'rm', ...left])
      await waitFor('the stack network free', async () => {
        await removeQuietly(lab, ['network', 'rm', `${stack}_default`])
        return (await docker(lab, 'manager1', ['network', 'ls', '-q', '--filter', `name=${stack}_default`])) === ''
      }, 60_000).catch(() => undefined)
    }
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

/**
 * A child process deploys a 20-service stack and is killed at `crashOn`; then this process (the
 * new one) plans it: exactly the operations not applied, nothing else; deploying again completes
 * the stack, and the cluster holds exactly the plan's services and network.
 */
async function crashDeploy(stack: string, crashOn: 'network.create' | 'service.create', when: string): Promise<void> {
  const file = join(tempDir('sd-fault-stack-'), 'compose.yaml')
  writeFileSync(file, stackCompose(SLEEPER_IMAGE, SERVICES))
  const plan = await h.call('stacks.plan', { clusterId, stack, source: { paths: [file] } })
  const planned = plan.operations.filter((o) => o.kind === 'service.create').map((o) => o.name).sort()
  const plannedNetworks = plan.operations.filter((o) => o.kind === 'network.create').map((o) => o.name).sort()
  expect(planned).toHaveLength(SERVICES)
  const child = await crashingDeploy({ dockerHost, dataDir: h.dataDir, stack, file, crashOn, crashAfter: 1 })
  expect(child.signal, child.stderr).toBe('SIGKILL')
  // a creation the dead process had sent may still land: let the cluster settle
  await new Promise((r) => setTimeout(r, 1000))
  const afterCrash = await stackOnCluster(lab, 'manager1', stack)
  expect(afterCrash.networks).toEqual(plannedNetworks)
  if (crashOn === 'network.create') expect(afterCrash.services).toEqual([])
  else expect(afterCrash.services.length).toBeGreaterThanOrEqual(1)
  // the new process (this one) looks at the cluster: exactly the services not created yet
  const { toApply, notThere } = await replanned(h, clusterId, stack, file, planned, afterCrash.services)
  expect(toApply).toEqual(notThere)
  const again = await h.call('stacks.deploy', { clusterId, stack, source: { paths: [file] }, wait: false, waitTimeoutSeconds: 60 })
  expect(again).toMatchObject({ applied: true, ok: true })
  expect(again.summary.done).toBe(notThere.length)
  const final = await stackOnCluster(lab, 'manager1', stack)
  const orphans = [...final.services.filter((n) => !planned.includes(n)), ...final.networks.filter((n) => !plannedNetworks.includes(n))]
  expect(final.services).toEqual(planned)
  expect(final.networks).toEqual(plannedNetworks)
  expect(orphans).toEqual([])
  recordFault({
    fault: FAULT,
    operation: `stack deploy (${SERVICES} services)`,
    outcome: `${when}: ${afterCrash.services.length} on the cluster; new plan: the ${toApply.length} others, nothing else; redeploy completed`,
    reconnectMs: null,
    compared: `${final.services.length}/${planned.length} services, ${final.networks.length}/${plannedNetworks.length} network, ${orphans.length} orphans`
  })
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

  it('a deploy killed once its network is made, before any service: a new process plans exactly the 20 services, and deploying again completes the stack', async () => {
    await crashDeploy(`${base}s`, 'network.create', 'killed with the network made, no service sent')
  })

  it('a deploy killed with its first service made, the others in flight: a new process plans exactly those not made', async () => {
    await crashDeploy(`${base}t`, 'service.create', 'killed after the 1st service made, 19 in flight')
  })
})
