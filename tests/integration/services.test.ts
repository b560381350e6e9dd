import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'
import { emptyServiceDraft } from '../../src/main/services/service-draft'
import type { ServiceDraft } from '../../src/shared/services'
import { AppError } from '../../src/shared/errors'
import { phrase } from '../../src/shared/phrase'
import { english } from '../../src/main/i18n/english'
import { MISSING_WEB as MISSING, WEB1, WEB2 } from '../support/lab-images'

// Day-2 service operations through SwarmDesk against the real lab swarm, each result checked
// with the real docker CLI: create, scale, update (with the spec diff), a failing update that
// pauses, rollback, force, remove; bad input changes nothing; a concurrent `docker service
// update` between SwarmDesk's read and write is kept.
const run = promisify(execFile)
let lab: LabStatus
let harness: ReturnType<typeof startServices>
let clusterId: string
const WEB = uniqueName('h3-it-web')
const GLOBAL = uniqueName('h3-it-glob')
const PORT = 19510
const created: string[] = []

function draft(overrides: Partial<ServiceDraft>): ServiceDraft {
  return { ...emptyServiceDraft(), ...overrides }
}
async function inspect(name: string, format: string): Promise<string> {
  return docker(lab, 'manager1', ['service', 'inspect', '--format', format, name])
}
async function serviceNames(): Promise<string[]> {
  return (await docker(lab, 'manager1', ['service', 'ls', '--format', '{{.Name}}'])).split('\n').filter(Boolean)
}
/** Running tasks of the service as the docker CLI sees them, with their image. */
async function runningImages(name: string): Promise<string[]> {
  const out = await docker(lab, 'manager1', ['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.Image}} {{.CurrentState}}', name])
  return out.split('\n').filter((l) => /\sRunning\b/.test(l)).map((l) => l.split(' ')[0])
}
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

beforeAll(async () => {
  lab = requireLab()
  harness = startServices({ env: { DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}` } })
  clusterId = (await harness.call('clusters.open', { profileId: 'default' })).clusterId
})

afterAll(async () => {
  for (const name of created) await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
  harness?.services.dispose()
})

describe('service operations on the lab', () => {
  it('creates a replicated service with a published port; the docker CLI sees exactly that', async () => {
    const web = draft({ name: WEB, image: WEB1, replicas: 2, ports: [{ target: 80, published: PORT, protocol: 'tcp', mode: 'ingress' }], env: ['GREETING=hello world'], update: { ...emptyServiceDraft().update, parallelism: 2, delay: '1s' } })
    const plan = await harness.call('services.plan', { clusterId, draft: web })
    expect(plan.issues).toEqual([])
    expect(plan.cli).toBe(`docker service create --name ${WEB} --replicas 2 --publish published=${PORT},target=80 --env 'GREETING=hello world' --update-parallelism 2 --update-delay 1s ${WEB1}`)
    expect(plan.placement?.eligibleCount).toBe(5)
    const result = await harness.call('services.create', { clusterId, draft: web })
    created.push(WEB)
    expect(result.name).toBe(WEB)
    expect(await inspect(WEB, '{{.Spec.Mode.Replicated.Replicas}} {{.Spec.TaskTemplate.ContainerSpec.Image}} {{json .Spec.TaskTemplate.ContainerSpec.Env}}')).toBe(`2 ${WEB1} ["GREETING=hello world"]`)
    expect(await inspect(WEB, '{{range .Spec.EndpointSpec.Ports}}{{.PublishedPort}}:{{.TargetPort}}/{{.Protocol}}/{{.PublishMode}}{{end}}')).toBe(`${PORT}:80/tcp/ingress`)
    expect(await inspect(WEB, '{{.Spec.UpdateConfig.Parallelism}} {{.Spec.UpdateConfig.Delay}}')).toBe('2 1s')
    await waitFor('2 running tasks', async () => (await runningImages(WEB)).length === 2, 90_000)
  })

  it('refuses bad input field by field and creates nothing', async () => {
    const before = await serviceNames()
    const bad = draft({
      name: uniqueName('h3-it-bad'),
      image: 'Not A/Valid:image!',
      ports: [{ target: 80, published: PORT, protocol: 'tcp', mode: 'ingress' }],
      networks: [{ name: 'h3-no-such-network', aliases: [] }],
      secrets: [{ source: 'h3-no-such-secret', target: '', uid: '', gid: '', mode: '' }],
      update: { ...emptyServiceDraft().update, delay: '10 seconds' },
      limits: { cpus: 'lots', memory: '12 parsecs' }
    })
    const plan = await harness.call('services.plan', { clusterId, draft: bad })
    const paths = plan.issues.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['image', 'ports.0.published', 'networks.0.name', 'secrets.0.source', 'update.delay', 'limits.cpus', 'limits.memory']))
    // the plan carries codes and values (the renderer words them); the refusal says it in English
    expect(plan.issues.find((i) => i.path === 'ports.0.published')).toEqual({ path: 'ports.0.published', code: 'port-taken', port: `${PORT}/tcp`, service: WEB })
    expect(plan.issues.find((i) => i.path === 'update.delay')).toEqual({ path: 'update.delay', code: 'duration', value: '10 seconds' })
    const error = await refusal(harness.call('services.create', { clusterId, draft: bad }))
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.data.issues?.map((i) => i.path)).toEqual(paths)
    expect(error.data.issues?.find((i) => i.path === 'ports.0.published')?.message).toBe(`port ${PORT}/tcp is already published by service ${WEB}: choose another published port`)
    expect(error.message).toContain('update.delay: "10 seconds" is not a duration: expected a number with a unit, like 10s, 1m30s or 500ms')
    expect(await serviceNames()).toEqual(before)
  })

  it('scales, and shows the docker service scale line', async () => {
    const id = await inspect(WEB, '{{.ID}}')
    const result = await harness.call('services.scale', { clusterId, serviceId: id, replicas: 3 })
    expect(result).toMatchObject({ changed: true, cli: `docker service scale ${WEB}=3` })
    expect(await inspect(WEB, '{{.Spec.Mode.Replicated.Replicas}}')).toBe('3')
    await waitFor('3 running tasks', async () => (await runningImages(WEB)).length === 3, 90_000)
    expect(await harness.call('services.scale', { clusterId, serviceId: id, replicas: 3 })).toMatchObject({ changed: false })
  })

  it('updates the image with the spec diff first, and keeps a docker service update made in between', async () => {
    const edit = await harness.call('services.edit', { clusterId, serviceId: WEB })
    expect(edit.draft).toMatchObject({ name: WEB, image: WEB1, replicas: 3, env: ['GREETING=hello world'] })
    const next = { ...edit.draft, image: WEB2 }
    const plan = await harness.call('services.plan', { clusterId, serviceId: edit.serviceId, base: edit.draft, draft: next })
    expect(plan.cli).toBe(`docker service update --image ${WEB2} ${WEB}`)
    expect(plan.changes).toEqual([{ path: 'TaskTemplate.ContainerSpec.Image', composePath: null, before: WEB1, after: WEB2, effect: 'restart' }])
    expect(plan.restarts).toBe(true)
    // someone else adds an env var after the form was opened (SwarmDesk read the old spec)
    await docker(lab, 'manager1', ['service', 'update', '--detach', '--env-add', 'FROM_CLI=yes', WEB])
    const result = await harness.call('services.update', { clusterId, serviceId: edit.serviceId, base: edit.draft, draft: next })
    expect(result.changed).toBe(true)
    expect(await inspect(WEB, '{{.Spec.TaskTemplate.ContainerSpec.Image}}')).toBe(WEB2)
    // the CLI's env-add is kept (the engine keeps whatever order the last writer sent)
    expect((JSON.parse(await inspect(WEB, '{{json .Spec.TaskTemplate.ContainerSpec.Env}}')) as string[]).sort()).toEqual(['FROM_CLI=yes', 'GREETING=hello world'])
    await waitFor('3 tasks on web:2', async () => {
      const images = await runningImages(WEB)
      return images.length === 3 && images.every((i) => i === WEB2)
    }, 120_000)
  })

  it('refuses to overwrite a field someone else changed since the form was opened', async () => {
    const edit = await harness.call('services.edit', { clusterId, serviceId: WEB })
    await docker(lab, 'manager1', ['service', 'update', '--detach', '--env-add', 'GREETING=from the cli', WEB])
    const mine = { ...edit.draft, env: edit.draft.env.map((e) => (e.startsWith('GREETING=') ? 'GREETING=from swarmdesk' : e)) }
    const error = await refusal(harness.call('services.update', { clusterId, serviceId: edit.serviceId, base: edit.draft, draft: mine }))
    expect(error.code).toBe('CONFLICT')
    expect(error.message).toContain('env')
    expect(await inspect(WEB, '{{json .Spec.TaskTemplate.ContainerSpec.Env}}')).toContain('GREETING=from the cli')
  })

  it('loses no change when SwarmDesk and the docker CLI update the same service at the same time', async () => {
    const EDITS = 8
    let retried = 0
    const fromSwarmDesk = (async () => {
      for (let i = 0; i < EDITS; i++) {
        const edit = await harness.call('services.edit', { clusterId, serviceId: WEB })
        const result = await harness.call('services.update', { clusterId, serviceId: edit.serviceId, base: edit.draft, draft: { ...edit.draft, env: [...edit.draft.env, `SD${i}=${i}`] } })
        expect(result.changed).toBe(true)
        if (result.attempts > 1) retried++
      }
    })()
    const fromCli = (async () => {
      for (let i = 0; i < EDITS; i++) {
        // the CLI does not retry on a version conflict; a user would run the command again
        for (;;) {
          try {
            await run('docker', ['-H', `unix://${labNode(lab, 'manager1').socket}`, 'service', 'update', '--detach', '--env-add', `CLI${i}=${i}`, WEB])
            break
          } catch (error) {
            if (!/out of sequence/.test(String((error as { stderr?: string }).stderr))) throw error
          }
        }
      }
    })()
    await Promise.all([fromSwarmDesk, fromCli])
    const env = JSON.parse(await inspect(WEB, '{{json .Spec.TaskTemplate.ContainerSpec.Env}}')) as string[]
    for (let i = 0; i < EDITS; i++) {
      expect(env).toContain(`SD${i}=${i}`)
      expect(env).toContain(`CLI${i}=${i}`)
    }
    console.log(`race: ${retried} SwarmDesk update(s) re-read and re-applied after a concurrent CLI update`)
  })

  it('an update to a missing image pauses with the task error; rollback brings web:2 back', async () => {
    const edit = await harness.call('services.edit', { clusterId, serviceId: WEB })
    await harness.call('services.update', { clusterId, serviceId: edit.serviceId, base: edit.draft, draft: { ...edit.draft, image: MISSING, update: { ...edit.draft.update, monitor: '2s' } } })
    const failingTasks = () => Object.values(harness.model(clusterId)?.tasks ?? {}).filter((t) => t.serviceId === edit.serviceId && t.image === MISSING && t.error !== '')
    const paused = await waitFor('the update to the missing image to pause with a failing task', () => {
      const service = harness.model(clusterId)?.services[edit.serviceId]
      return service?.image === MISSING && service.updateStatus?.state === 'paused' && failingTasks().length > 0 ? service : null
    }, 180_000)
    expect(paused.updateStatus?.message).toMatch(/update paused due to failure or early termination of task/)
    expect(paused.hasPreviousSpec).toBe(true)
    expect(paused.previousImage).toBe(WEB2)
    const failing = failingTasks()
    expect(failing[0].error).toMatch(/No such image|not found|manifest unknown|pull access denied/i)

    const rollback = await harness.call('services.rollback', { clusterId, serviceId: edit.serviceId })
    expect(rollback.cli).toBe(`docker service rollback ${WEB}`)
    await waitFor('the rollback to complete', () => harness.model(clusterId)?.services[edit.serviceId]?.updateStatus?.state === 'rollback_completed', 180_000)
    expect(await inspect(WEB, '{{.Spec.TaskTemplate.ContainerSpec.Image}}')).toBe(WEB2)
    await waitFor('3 healthy tasks on web:2', async () => {
      const images = await runningImages(WEB)
      return images.length === 3 && images.every((i) => i === WEB2)
    }, 120_000)
  })

  it('force update bumps ForceUpdate and replaces the tasks', async () => {
    const before = Number(await inspect(WEB, '{{.Spec.TaskTemplate.ForceUpdate}}'))
    const result = await harness.call('services.forceUpdate', { clusterId, serviceId: WEB })
    expect(result.cli).toBe(`docker service update --force ${WEB}`)
    expect(Number(await inspect(WEB, '{{.Spec.TaskTemplate.ForceUpdate}}'))).toBe(before + 1)
  })

  it('refuses to scale a global service, to change a mode and to roll back without a previous spec; nothing changes', async () => {
    await harness.call('services.create', { clusterId, draft: draft({ name: GLOBAL, image: WEB1, mode: 'global' }) })
    created.push(GLOBAL)
    const version = await inspect(GLOBAL, '{{.Version.Index}}')
    const scale = await refusal(harness.call('services.scale', { clusterId, serviceId: GLOBAL, replicas: 3 }))
    expect(scale.code).toBe('INVALID_INPUT')
    expect(scale.message).toContain('global service')
    const rollback = await refusal(harness.call('services.rollback', { clusterId, serviceId: GLOBAL }))
    expect(rollback.message).toContain('no previous spec')
    // the same refusals as phrases, for the app to word in the user's language
    expect(scale.data.said).toEqual(phrase('services.said.scale-global', { service: GLOBAL }))
    expect(english(scale.data.said!)).toBe(scale.message)
    expect(rollback.data.said).toEqual(phrase('services.said.no-previous-spec', { service: GLOBAL }))
    expect(english(rollback.data.said!)).toBe(rollback.message)
    const edit = await harness.call('services.edit', { clusterId, serviceId: GLOBAL })
    expect(edit.hasPreviousSpec).toBe(false)
    const mode = await refusal(harness.call('services.update', { clusterId, serviceId: GLOBAL, base: edit.draft, draft: { ...edit.draft, mode: 'replicated', replicas: 2 } }))
    expect(mode.code).toBe('INVALID_INPUT')
    expect(mode.data.issues?.[0]).toMatchObject({ path: 'mode', message: expect.stringContaining("a service's mode cannot be changed (global -> replicated)") })
    expect(await inspect(GLOBAL, '{{.Version.Index}}')).toBe(version)
  })

  it('removes the services', async () => {
    for (const name of [WEB, GLOBAL]) {
      const result = await harness.call('services.remove', { clusterId, serviceId: name })
      expect(result.cli).toBe(`docker service rm ${name}`)
    }
    const names = await serviceNames()
    expect(names).not.toContain(WEB)
    expect(names).not.toContain(GLOBAL)
  })
})
