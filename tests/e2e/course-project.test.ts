import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labUserHome, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { ALTER_USER, apiHealth as health, DB_NODE, itemsThroughNginx as nginxItems, projectFiles, removeDbLabel, removeProject, taskStates } from '../support/course-project'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The course's afternoon project done the way a student would, in the app (web mode, Chromium),
// on the lab: the stack (Flask API, PostgreSQL, Redis, nginx; image built by `lab.sh
// project-image`) deployed from the stacks editor with its plan; the database pending until the
// label editor sets seed_db=true; /api/items answered from PostgreSQL through nginx; the API scaled
// to 5; APP_VERSION 2.0 rolled out from the service form while /health is sampled on every node;
// then db_password rotated: as is, the API's new tasks fail (PostgreSQL keeps its old password)
// and the wizard rolls back; then with the command before the services move (ALTER USER in the
// database's task, the new value read from the file mounted for that step), and it succeeds.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
let dir: string
const STACK = uniqueName('seed').replace(/-/g, '')
const API = `${STACK}_api`
const DB = `${STACK}_db`
const SECRET = `${STACK}_db_password`
const LABEL_NODE = DB_NODE
const itemsThroughNginx = () => nginxItems(lab)
const tasksOf = (service: string) => taskStates(lab, service)

/** /health on every node, every half second, until stopped: how many answered 200 each time. */
function sampleHealth(): { stop(): Promise<{ samples: number; minHealthy: number; versions: Set<string> }> } {
  let running = true
  const counts: number[] = []
  const versions = new Set<string>()
  const loop = (async () => {
    while (running) {
      const answers = await Promise.all(lab.nodes.map((n) => health(n.address)))
      counts.push(answers.filter((a) => a.status === 200).length)
      for (const a of answers) if (a.status === 200 && a.version) versions.add(a.version)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return { samples: counts.length, minHealthy: Math.min(...counts), versions }
    }
  }
}

beforeAll(async () => {
  lab = requireLab()
  await removeDbLabel(lab)
  dir = projectFiles()
  // The student manages the swarm from their machine over SSH to manager1 (the database's task runs
  // on manager2, reached through that connection); their ~/.ssh knows the lab's hosts.
  const home = labUserHome(lab, 'sd-e2e-course-home-')
  session = await startBrowserSession({ ...noDefaultEngineEnv(), HOME: home })
  app = session.app
  await app.open(session.server.url)
  await app.connections.addConnection('course', { ssh: { host: lab.ssh.host, port: lab.ssh.port, user: lab.ssh.user, identityFile: lab.ssh.privateKey, remoteSocket: '/var/run/docker.sock' } })
  await app.connections.openProfile('course')
  await app.waitForClusterReady('course')
}, 180_000)

afterAll(async () => {
  if (lab) await removeProject(lab, STACK, dir)
  await session?.stop()
}, 180_000)

describe("the course's afternoon project, in the app", () => {
  it('deploys the stack from the editor with its plan first; the database waits for its node label', async () => {
    await app.stacks.startNewStack(STACK)
    await app.byTestId('stack-open-path').fill(join(dir, 'stack.yml'))
    await app.byTestId('stack-open-file').click()
    await app.stacks.waitForStackPlan('fresh')
    expect(await app.byTestId('stack-problems').count()).toBe(0)
    for (const service of ['web', 'api', 'db', 'redis']) expect(await app.byTestId(`plan-op-${STACK}_${service}`).getAttribute('data-kind')).toBe('service.create')
    expect(await app.byTestId(`plan-op-${SECRET}`).getAttribute('data-kind')).toBe('secret.create')
    // "wait until the services converge" is on, as a student leaves it: the database cannot start
    // yet, so the student stops waiting; what was sent stays applied
    expect(await app.byTestId('stack-opt-wait').isChecked()).toBe(true)
    await app.byTestId('stack-deploy').click()
    const stop = app.byTestId('deploy-stop-waiting')
    await stop.waitFor({ timeout: 90_000 })
    await waitFor('every service sent', async () => (await app.byTestId(`progress-wait-${DB}`).count()) > 0, 60_000)
    await stop.click()
    await app.page.locator('[data-testid="deploy-progress"][data-running="false"]').waitFor({ timeout: 30_000 })
    expect(await app.byTestId('deploy-result').getAttribute('data-applied')).toBe('true')
    expect(await app.byTestId('deploy-result-not-waited').filter({ hasText: `${DB}:` }).innerText()).toMatch(new RegExp(`^${DB}: stopped waiting \\(0/1 running`))
    expect(await docker(lab, 'manager1', ['stack', 'services', '--format', '{{.Name}}', STACK])).toBe([`${STACK}_api`, `${STACK}_db`, `${STACK}_redis`, `${STACK}_web`].join('\n'))
    // no node has the label yet: the database stays pending (the API cannot be healthy without it)
    await waitFor('redis and nginx running', async () => (await tasksOf(`${STACK}_redis`)).some((s) => s.startsWith('Running')) && (await tasksOf(`${STACK}_web`)).some((s) => s.startsWith('Running')), 120_000)
    expect((await tasksOf(DB)).every((s) => s.startsWith('Pending'))).toBe(true)
    // and the app says why, per node
    await app.services.openService(DB)
    expect(await app.byTestId('service-detail').innerText()).toMatch(/seed_db/)
    await app.services.closeServiceDrawer()
  })

  it('the label editor sets seed_db=true on a manager: the database starts and /api/items answers through nginx', async () => {
    await app.goto('nodes')
    await app.nodes.setNodeSelected(LABEL_NODE, true)
    await app.nodes.openLabelEditor()
    await app.nodes.addLabelRow('seed_db', 'true')
    await app.nodes.saveLabels()
    await app.nodes.closeLabelEditor()
    expect(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{index .Spec.Labels "seed_db"}}', LABEL_NODE])).toBe('true')
    await waitFor('the database running', async () => (await tasksOf(DB)).some((s) => s.startsWith('Running')), 120_000)
    await waitFor('/api/items through nginx', async () => (await itemsThroughNginx()).status === 200, 120_000)
    expect((await itemsThroughNginx()).items).toEqual(['swarm', 'stack', 'secret'])
  })

  it('scales the API to 5 from the services page: one task per node (host-mode port 5000)', async () => {
    await app.services.openService(API)
    await app.services.scaleService(5)
    await app.services.closeServiceDrawer()
    await app.services.waitForReplicas(API, '5/5', 120_000)
    await waitFor('/health on every node', async () => (await Promise.all(lab.nodes.map((n) => health(n.address)))).every((h) => h.status === 200), 120_000)
  })

  it('rolls out APP_VERSION 2.0 from the service form with the rollout monitor; /health never fails on every node at once', async () => {
    const sampler = sampleHealth()
    try {
      await app.services.openService(API)
      const form = await app.services.openUpdateForm()
      await form.getByTestId('section-env').click()
      const env = form.getByTestId('service-env')
      await env.fill((await env.inputValue()).replace('APP_VERSION=1.0', 'APP_VERSION=2.0'))
      await app.services.submitServiceForm()
      await app.services.waitForRollout('completed', 300_000)
    } finally {
      const seen = await sampler.stop()
      expect(seen.samples).toBeGreaterThan(20)
      expect(seen.minHealthy).toBeGreaterThanOrEqual(1)
      expect([...seen.versions].sort()).toEqual(['1.0', '2.0'])
    }
    const after = await Promise.all(lab.nodes.map((n) => health(n.address)))
    expect(after.map((h) => `${h.status} ${h.version}`)).toEqual(lab.nodes.map(() => '200 2.0'))
    await app.services.closeServiceDrawer()
  })

  it('rotating db_password as is: the new API tasks fail their health check, the wizard rolls back and says why; the app keeps answering', async () => {
    await app.secrets.gotoSecrets('secret')
    await app.secrets.startRotation(SECRET)
    await app.secrets.setRotationValue({ text: 'second-password' })
    const plan = await app.secrets.planRotation()
    // the stack deploy that made the secret was SwarmDesk's: the wizard can tell the value differs
    expect(await plan.getByTestId('plan-identity').getAttribute('data-identity')).toBe('different')
    expect(await plan.innerText()).not.toContain('not made by this SwarmDesk')
    const run = await app.secrets.applyRotation(600_000)
    const result = run.getByTestId('rotation-result')
    expect(await result.getAttribute('data-outcome'), await run.innerText()).toBe('rolled-back')
    expect(await result.getAttribute('data-failed-service')).toBe(API)
    expect(await run.getByTestId('rotation-failure-hint').innerText()).toContain('Run a command in a task before the services move')
    expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}} {{end}}', API])).toBe(SECRET)
    await waitFor('/api/items through nginx', async () => (await itemsThroughNginx()).status === 200, 60_000)
  })

  it('with ALTER USER run in the database task before the services move, the rotation completes and /api/items still answers', async () => {
    await app.secrets.gotoSecrets('secret')
    await app.secrets.startRotation(SECRET)
    await app.secrets.setRotationValue({ text: 'third-password' })
    const plan = await app.secrets.planRotation()
    await plan.getByTestId('plan-before-exec-on').click()
    await plan.getByTestId('plan-before-exec-service').click()
    await app.page.getByRole('option', { name: DB, exact: true }).click()
    await plan.getByTestId('plan-before-exec-command').fill(ALTER_USER)
    await app.secrets.waitForRotationPlan()
    const cli = await plan.getByTestId('plan-cli').innerText()
    expect(cli).toContain(`docker service update --secret-add source=${SECRET}_v2,target=${SECRET}_v2 ${DB}`)
    expect(cli).toContain('docker exec -e SWARMDESK_NEW_FILE=/run/secrets/')
    expect(cli).not.toContain('third-password')
    expect(await plan.getByTestId('plan-warning').filter({ hasText: 'does not undo what the command changed' }).count()).toBe(1)
    const run = await app.secrets.applyRotation(600_000)
    expect(await run.getByTestId('rotation-result').getAttribute('data-outcome'), await run.innerText()).toBe('completed')
    expect(await run.innerText()).not.toContain('third-password')
    for (const service of [API, DB]) {
      expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}}:{{.File.Name}} {{end}}', service])).toBe(`${SECRET}_v2:db_password`)
    }
    await waitFor('/api/items through nginx', async () => (await itemsThroughNginx()).status === 200, 60_000)
    const after = await Promise.all(lab.nodes.map((n) => health(n.address)))
    expect(after.map((h) => h.status)).toEqual(lab.nodes.map(() => 200))
  })
})
