import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayload } from '../../src/shared/contract'
import { EngineGateway } from '../../src/main/docker/engine-gateway'
import { StackEngine } from '../../src/main/docker/stack-engine'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'
import { cliCreate, inspectService, mounted, objectNames, removeQuietly, serviceReplicas, WEB_IMAGE } from '../support/rotation-lab'

// Secret rotation through SwarmDesk on the real 5-node lab: three consumers (a web service of 3
// replicas spread over nodes whose health check reads the secret, a global service, a service of
// a stack deployed by SwarmDesk), sampled every 200 ms through the Engine API while rotating; then a
// rotation to a value the health check rejects, which must roll everything back.
let lab: LabStatus
let harness: ReturnType<typeof startServices>
let clusterId: string
let engine: StackEngine
const base = uniqueName('h2-rot')
const secret1 = `${base}-tok`
// Code-point order decides the update order: global (-a), then web (-b), then the stack's service (-c_app).
const globalService = `${base}-a`
const webService = `${base}-b`
const stack = `${base}-c`
const stackService = `${stack}_app`
const consumers = [globalService, webService, stackService]

beforeAll(async () => {
  lab = requireLab()
  harness = startServices({ env: { DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}` } })
  clusterId = (await harness.call('clusters.open', { profileId: 'default' })).clusterId
  engine = new StackEngine(new EngineGateway(new Docker({ socketPath: labNode(lab, 'manager1').socket })))
  await cliCreate(lab, 'secret', secret1, 'good-1\n')
  const mount = `source=${secret1},target=app_token`
  // start-first: other tests drain and pause nodes meanwhile, and a global service left with one
  // task would otherwise have nothing running while that task is replaced (the plan warns then)
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', globalService, '--mode', 'global', '--secret', mount, '--update-order', 'start-first', '--update-monitor', '2s', WEB_IMAGE])
  await docker(lab, 'manager1', [
    'service', 'create', '--detach', '--name', webService, '--replicas', '3', '--replicas-max-per-node', '1', '--secret', mount,
    '--env', 'WEB_HEALTH_FILE=/run/secrets/app_token', '--update-monitor', '2s', WEB_IMAGE
  ])
  const dir = tempDir('sd-rot-stack-')
  const file = join(dir, 'docker-compose.yml')
  writeFileSync(
    file,
    `services:\n  app:\n    image: ${WEB_IMAGE}\n    deploy:\n      replicas: 2\n      update_config:\n        monitor: 2s\n    secrets:\n      - source: tok\n        target: app_token\n        mode: 0400\nsecrets:\n  tok:\n    external: true\n    name: ${secret1}\n`
  )
  const deployed = await harness.call('stacks.deploy', { clusterId, stack, source: { paths: [file] }, resolveImage: 'never', wait: true, waitTimeoutSeconds: 150 })
  expect(deployed.ok).toBe(true)
  for (const service of consumers) {
    await waitFor(`${service} running`, async () => {
      const r = await serviceReplicas(lab, service)
      return r.desired > 0 && r.running === r.desired
    }, 150_000)
  }
}, 300_000)

afterAll(async () => {
  if (!lab) return
  await removeQuietly(lab, ['stack', 'rm', stack])
  await removeQuietly(lab, ['service', 'rm', globalService, webService])
  await waitFor('consumers removed', async () => (await docker(lab, 'manager1', ['service', 'ls', '--filter', `name=${base}`, '-q'])) === '', 60_000).catch(() => undefined)
  for (const name of await objectNames(lab, 'secret', base)) await removeQuietly(lab, ['secret', 'rm', name])
  harness?.services.dispose()
}, 120_000)

interface Sample {
  at: number
  running: Record<string, number>
}

/** Every 200 ms until stopped: running tasks (desired running, state running) per consumer, through the Engine API. */
function sampleTasks(): { stop(): Promise<Sample[]> } {
  const samples: Sample[] = []
  let stopped = false
  const loop = (async () => {
    const ids = new Map<string, string>()
    for (const name of consumers) ids.set((await inspectService(lab, name)).ID, name)
    while (!stopped) {
      const started = Date.now()
      const tasks = await engine.listTasks({ service: [...ids.keys()], 'desired-state': ['running'] })
      const running: Record<string, number> = Object.fromEntries(consumers.map((c) => [c, 0]))
      for (const task of tasks) if (task.Status?.State === 'running') running[ids.get(task.ServiceID) as string]++
      samples.push({ at: started, running })
      await new Promise((r) => setTimeout(r, Math.max(0, 200 - (Date.now() - started))))
    }
  })()
  return {
    async stop() {
      stopped = true
      await loop
      return samples
    }
  }
}

describe('secret rotation on the lab', () => {
  it('moves three services to a new version without a moment with no running task, then removes the old one', async () => {
    const secrets = await harness.call('secrets.list', { clusterId, kind: 'secret' })
    const old = secrets.find((s) => s.name === secret1)
    expect(old?.consumers.map((c) => `${c.serviceName}@${c.target}:${c.mode.toString(8)}`).sort()).toEqual([
      `${globalService}@app_token:444`,
      `${webService}@app_token:444`,
      `${stackService}@app_token:400`
    ])
    const plan = await harness.call('secrets.planRotation', { clusterId, kind: 'secret', objectId: secret1, removeOld: true, value: { text: 'good-2\n' } })
    expect(plan.refusals).toEqual([])
    expect(plan.newName).toBe(`${secret1}_v2`)
    expect(plan.consumers.map((c) => c.serviceName)).toEqual(consumers)
    expect(plan.identity).toBe('unknown') // made by the docker CLI: no HMAC label
    expect(plan.cli).toEqual([
      expect.stringMatching(new RegExp(`^docker secret create .*${secret1}_v2 -$`)),
      `docker service update --secret-rm ${secret1} --secret-add source=${secret1}_v2,target=app_token,uid=0,gid=0,mode=0444 ${globalService}`,
      `docker service update --secret-rm ${secret1} --secret-add source=${secret1}_v2,target=app_token,uid=0,gid=0,mode=0444 ${webService}`,
      `docker service update --secret-rm ${secret1} --secret-add source=${secret1}_v2,target=app_token,uid=0,gid=0,mode=0400 ${stackService}`,
      `docker secret rm ${secret1}`
    ])

    const progress: EventPayload<'secrets.progress'>[] = []
    const unsubscribe = harness.services.bus.subscribe((name, payload) => {
      if (name === 'secrets.progress') progress.push(payload as EventPayload<'secrets.progress'>)
    })
    const sampler = sampleTasks()
    const started = Date.now()
    const result = await harness
      .call('secrets.rotate', { clusterId, kind: 'secret', objectId: secret1, removeOld: true, value: { text: 'good-2\n' }, expectFingerprint: plan.fingerprint, requestId: 'rot-1' })
      .finally(unsubscribe)
    const samples = await sampler.stop()
    console.log(`rotation of 3 services (3 + 5 + 2 tasks): ${((Date.now() - started) / 1000).toFixed(1)} s, ${samples.length} samples`)

    expect(result.outcome).toBe('completed')
    expect(result.failure).toBeNull()
    expect(result.old.removed).toBe(true)
    expect(samples.length).toBeGreaterThan(10)
    const gaps = samples.filter((s) => consumers.some((c) => s.running[c] < 1))
    expect(gaps).toEqual([])
    for (const service of consumers) {
      expect((await mounted(lab, service, 'secret'))[0]).toMatch(new RegExp(`^${secret1}_v2@app_token:0:0:`))
    }
    expect(await mounted(lab, stackService, 'secret')).toEqual([`${secret1}_v2@app_token:0:0:400`])
    expect(await objectNames(lab, 'secret', secret1)).toEqual([`${secret1}_v2`])
    // progress: each step started and done, in the plan's order
    expect(progress.filter((p) => p.state === 'done').map((p) => `${p.kind} ${p.subject}`)).toEqual([
      `create ${secret1}_v2`,
      ...consumers.flatMap((c) => [`update ${c}`, `converge ${c}`]),
      `remove-old ${secret1}`
    ])
    expect(progress.every((p) => p.requestId === 'rot-1')).toBe(true)
    // the live mirror follows: the list shows the new version with the three consumers, the old one gone
    await waitFor('the mirror shows the new version used by all three', async () => {
      const rows = await harness.call('secrets.list', { clusterId, kind: 'secret' })
      const v2 = rows.find((r) => r.name === `${secret1}_v2`)
      return !rows.some((r) => r.name === secret1) && v2?.consumers.map((c) => c.serviceName).join() === consumers.join() && v2.identityCheckable
    }, 30_000)
    expect(result.record.state).toBe('completed')
    expect(await harness.call('secrets.rotations', { clusterId, onlyUnfinished: true })).toEqual([])
  }, 400_000)

  it('rolls back every updated service and removes the new version when the new value fails the health check', async () => {
    const current = `${secret1}_v2`
    // SwarmDesk made v2, so an identical value is recognised (HMAC label) and refused
    const same = await harness.call('secrets.planRotation', { clusterId, kind: 'secret', objectId: current, value: { text: 'good-2\n' } })
    expect(same.refusals.map((r) => r.code)).toEqual(['IDENTICAL_VALUE'])
    expect(same.identity).toBe('identical')

    const result = await harness.call('secrets.rotate', { clusterId, kind: 'secret', objectId: current, value: { text: 'bad\n' } })
    expect(result.outcome).toBe('rolled-back')
    expect(result.failure?.service).toBe(webService)
    expect(result.failure?.message).toMatch(/paused|rolled/)
    // The engine names the task that stopped the rollout; it never ran (its health check failed).
    const taskId = /task ([a-z0-9]{25})/.exec(result.failure?.message ?? '')?.[1] as string
    expect(result.failure?.taskError).toContain(`task ${taskId.slice(0, 12)}: `)
    expect(result.failure?.taskError).toMatch(/ended before it was running|unhealthy/)
    expect(result.new.removed).toBe(true)
    for (const service of consumers) expect((await mounted(lab, service, 'secret'))[0]).toMatch(new RegExp(`^${current}@app_token`))
    expect(await objectNames(lab, 'secret', secret1)).toEqual([current])
    // the reverted services run again, on the old version
    for (const service of [globalService, webService]) {
      await waitFor(`${service} back to full strength`, async () => {
        const r = await serviceReplicas(lab, service)
        return r.running === r.desired
      }, 120_000)
    }
    expect(result.record.services.map((s) => `${s.serviceName}:${s.state}`)).toEqual([`${globalService}:reverted`, `${webService}:reverted`, `${stackService}:pending`])
    expect(result.cli).toEqual([
      expect.stringMatching(/^docker secret create /),
      expect.stringContaining(`--secret-rm ${current} --secret-add source=${secret1}_v3,target=app_token`),
      expect.stringContaining(`--secret-rm ${current} --secret-add source=${secret1}_v3,target=app_token`),
      `docker service update --secret-rm ${secret1}_v3 --secret-add source=${current},target=app_token,uid=0,gid=0,mode=0444 ${webService}`,
      `docker service update --secret-rm ${secret1}_v3 --secret-add source=${current},target=app_token,uid=0,gid=0,mode=0444 ${globalService}`,
      `docker secret rm ${secret1}_v3`
    ])
  }, 400_000)
})
