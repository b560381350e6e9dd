import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../../support/lab'
import type { SwarmDeskApp } from '../pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from '../support/session'
import { MISSING_WEB as MISSING, WEB1, WEB2 } from '../../support/lab-images'

// The course's service exercises done in SwarmDesk's UI in Chromium, against the lab swarm, and
// checked with the real docker CLI:
//   exercise 2: create a web service (2 replicas, a published port), scale to 5, read its logs,
//               scale to 1, remove it;
//   exercise 3: 4 replicas, update parallelism 2 and delay 10s; update to web:2 and watch the
//               rollout; update to an image that does not exist, see the failing tasks and the
//               paused update; roll back; healthy again;
//   exercise 6: a global service, and a service with an impossible constraint whose pending
//               reason is shown.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const EX2 = uniqueName('h3-ex2')
const EX3 = uniqueName('h3-ex3')
const EX6_GLOBAL = uniqueName('h3-ex6g')
const EX6_STUCK = uniqueName('h3-ex6c')
const PORT = 19520

async function inspect(name: string, format: string): Promise<string> {
  return docker(lab, 'manager1', ['service', 'inspect', '--format', format, name])
}
async function runningTasks(name: string): Promise<{ image: string; node: string }[]> {
  const out = await docker(lab, 'manager1', ['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.Image}} {{.Node}} {{.CurrentState}}', name])
  return out
    .split('\n')
    .filter((line) => /\sRunning\b/.test(line))
    .map((line) => ({ image: line.split(' ')[0], node: line.split(' ')[1] }))
}
async function serviceExists(name: string): Promise<boolean> {
  return (await docker(lab, 'manager1', ['service', 'ls', '--format', '{{.Name}}'])).split('\n').includes(name)
}

beforeAll(async () => {
  lab = requireLab()
  session = await startBrowserSession(noDefaultEngineEnv())
  app = session.app
  await app.openLabCluster(session.server.url, labNode(lab, 'manager1').socket)
})

afterAll(async () => {
  for (const name of [EX2, EX3, EX6_GLOBAL, EX6_STUCK]) await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
  await session?.stop()
})

describe('course exercise 2: a replicated web service', () => {
  it('creates it with 2 replicas and a published port, with the docker service create line shown first', async () => {
    const form = await app.services.openCreateService()
    await app.services.fillServiceForm({ name: EX2, image: WEB1, replicas: 2, ports: [{ published: PORT, target: 80 }] })
    await app.services.serviceFormPlan(true)
    expect(await form.getByTestId('service-form-cli-command').innerText()).toBe(`docker service create --name ${EX2} --replicas 2 --publish published=${PORT},target=80 ${WEB1}`)
    // the placement planner inline: every lab node can take a task
    expect(await form.getByTestId('plan-summary').getAttribute('data-eligible-count')).toBe('5')
    await app.services.submitServiceForm()
    await app.services.waitForReplicas(EX2, '2/2')
    expect(await inspect(EX2, '{{.Spec.Mode.Replicated.Replicas}} {{range .Spec.EndpointSpec.Ports}}{{.PublishedPort}}:{{.TargetPort}}{{end}}')).toBe(`2 ${PORT}:80`)
  })

  it('refuses a second service on the same published port before sending anything', async () => {
    const form = await app.services.openCreateService()
    await app.services.fillServiceForm({ name: uniqueName('h3-ex2dup'), image: WEB1, ports: [{ published: PORT, target: 80 }] })
    const plan = await app.services.serviceFormPlan(false)
    expect(await plan.getByTestId('service-plan-issue').first().innerText()).toContain(`already published by service ${EX2}`)
    expect(await form.getByTestId('service-submit').isDisabled()).toBe(true)
    await app.services.discardServiceForm()
  })

  it('scales to 5, shows the logs, scales to 1 and removes it', async () => {
    await app.services.openService(EX2)
    await app.services.scaleService(5)
    expect(await app.text('service-action-cli-command')).toBe(`docker service scale ${EX2}=5`)
    await app.services.waitForReplicas(EX2, '5/5')
    expect(await inspect(EX2, '{{.Spec.Mode.Replicated.Replicas}}')).toBe('5')

    await app.byTestId('logs-open').click()
    await app.page.locator('[data-testid="log-text"]').filter({ hasText: 'web 1 starting' }).first().waitFor({ timeout: 60_000 })

    await app.services.scaleService(1)
    await app.services.waitForReplicas(EX2, '1/1')
    await waitFor('one running task', async () => (await runningTasks(EX2)).length === 1, 60_000)
    await app.services.removeService()
    await waitFor(`${EX2} gone`, async () => !(await serviceExists(EX2)), 30_000)
  })
})

describe('course exercise 3: rolling updates and rollback', () => {
  it('creates 4 replicas with update parallelism 2 and delay 10s', async () => {
    const form = await app.services.openCreateService()
    await app.services.fillServiceForm({ name: EX3, image: WEB1, replicas: 4, update: { parallelism: 2, delay: '10s' } })
    await app.services.serviceFormPlan(true)
    expect(await form.getByTestId('service-form-cli-command').innerText()).toBe(`docker service create --name ${EX3} --replicas 4 --update-parallelism 2 --update-delay 10s ${WEB1}`)
    await app.services.submitServiceForm()
    await app.services.waitForReplicas(EX3, '4/4')
    expect(await inspect(EX3, '{{.Spec.UpdateConfig.Parallelism}} {{.Spec.UpdateConfig.Delay}}')).toBe('2 10s')
  })

  it('updates to web:2 with the diff shown first, and the rollout is watched to completion', async () => {
    await app.services.openService(EX3)
    const form = await app.services.openUpdateForm()
    expect(await form.getByTestId('service-image').inputValue()).toBe(WEB1)
    await form.getByTestId('service-image').fill(WEB2)
    await app.services.serviceFormPlan(true)
    const row = form.locator('[data-testid="service-diff-row"][data-path="TaskTemplate.ContainerSpec.Image"]')
    expect(await row.getAttribute('data-effect')).toBe('restart')
    expect(await row.innerText()).toContain(`${WEB1} → ${WEB2}`)
    expect(await form.getByTestId('service-form-cli-command').innerText()).toBe(`docker service update --image ${WEB2} ${EX3}`)
    await app.services.submitServiceForm()
    // parallelism 2, delay 10s: a first batch of two, a pause, the second batch
    const updating = await app.services.waitForRollout('updating', 60_000)
    expect(Number(await updating.getAttribute('data-total'))).toBe(4)
    const done = await app.services.waitForRollout('completed', 180_000)
    await waitFor('4 slots on the new image', async () => (await done.locator('[data-testid="rollout-slot"][data-side="new"][data-state="running"]').count()) === 4, 60_000)
    const tasks = await runningTasks(EX3)
    expect(tasks.map((t) => t.image)).toEqual([WEB2, WEB2, WEB2, WEB2])
  })

  it('an update to an image that does not exist pauses, with the failing task error shown', async () => {
    const form = await app.services.openUpdateForm()
    await form.getByTestId('service-image').fill(MISSING)
    await app.services.serviceFormPlan(true)
    await app.services.submitServiceForm()
    const paused = await app.services.waitForRollout('paused', 240_000)
    expect(await paused.getByTestId('rollout-failure-error').innerText()).toMatch(/No such image|not found|manifest unknown/i)
    // the failing tasks are listed with their error
    expect((await app.byTestId('tasks-table').getByTestId('task-message').allInnerTexts()).join('\n')).toMatch(/No such image|not found|manifest unknown/i)
    expect(await inspect(EX3, '{{.UpdateStatus.State}}')).toBe('paused')
  })

  it('rolls back: the service is healthy again on web:2', async () => {
    await app.byTestId('service-rollback').hover()
    expect(await app.text('service-action-cli-command')).toBe(`docker service rollback ${EX3}`)
    await app.byTestId('service-rollback').click()
    await app.services.waitForRollout('rollback_completed', 240_000)
    await app.services.waitForReplicas(EX3, '4/4', 180_000)
    await waitFor('4 healthy tasks on web:2', async () => {
      const tasks = await runningTasks(EX3)
      return tasks.length === 4 && tasks.every((t) => t.image === WEB2)
    }, 120_000)
    expect(await inspect(EX3, '{{.Spec.TaskTemplate.ContainerSpec.Image}}')).toBe(WEB2)
  })
})

describe('course exercise 6: placement', () => {
  it('creates a global service: one task on every node, and scaling it is explained, not offered', async () => {
    await app.services.openCreateService()
    await app.services.fillServiceForm({ name: EX6_GLOBAL, image: WEB1, mode: 'global' })
    const plan = await app.services.serviceFormPlan(true)
    expect(await plan.getByTestId('service-form-cli-command').innerText()).toBe(`docker service create --name ${EX6_GLOBAL} --mode global ${WEB1}`)
    await app.services.submitServiceForm()
    await app.services.waitForReplicas(EX6_GLOBAL, '5/5')
    const nodes = (await runningTasks(EX6_GLOBAL)).map((t) => t.node).sort()
    expect(nodes).toEqual(lab.nodes.map((n) => n.hostname).sort())
    await app.services.openService(EX6_GLOBAL)
    expect(await app.byTestId('scale-apply').isDisabled()).toBe(true)
    expect(await app.text('service-global-note')).toContain('global service runs one task on every eligible node')
  })

  it('a service with an impossible constraint: the form warns, and the drawer says why its tasks are pending', async () => {
    const form = await app.services.openCreateService()
    await app.services.fillServiceForm({ name: EX6_STUCK, image: WEB1, replicas: 2, constraints: ['node.labels.h3.nowhere == yes'] })
    await app.services.serviceFormPlan(true)
    expect(await form.getByTestId('plan-summary').getAttribute('data-eligible-count')).toBe('0')
    await app.services.submitServiceForm()
    await app.services.openService(EX6_STUCK)
    // the drawer explains it in full: the engine's words, and each node's reason from the planner
    const summary = app.page.locator('[data-testid="pending-why"][data-kind="no-suitable-node"]')
    await summary.waitFor({ timeout: 60_000 })
    expect(await summary.innerText()).toMatch(/2 tasks not running — Pending: no suitable node/)
    for (const node of lab.nodes) expect(await summary.getByTestId(`pending-why-node-${node.hostname}`).innerText()).toContain('node.labels.h3.nowhere == yes')
    const why = app.page.locator('[data-testid="task-why"][data-kind="no-suitable-node"]').first()
    await why.waitFor({ timeout: 60_000 })
    // and each pending task's row says it too
    expect(await why.innerText()).toBe('Pending: no suitable node')
    expect(await inspect(EX6_STUCK, '{{.Spec.Mode.Replicated.Replicas}}')).toBe('2')
    const states = await docker(lab, 'manager1', ['service', 'ps', '--format', '{{.CurrentState}}', EX6_STUCK])
    expect(states).toMatch(/Pending/)
  })
})
