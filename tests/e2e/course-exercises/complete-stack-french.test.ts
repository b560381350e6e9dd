import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../../support/lab'
import type { SwarmDeskApp } from '../pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from '../support/session'

// The course's exercise 4, « une stack complète », done in SwarmDesk's French UI against the lab
// and checked with the real docker CLI: the course's web + redis stack (tests/fixtures/stacks/
// course-web-redis) adapted to the lab (its images, host-mode ports, dnsrr: the lab has no IPVS)
// is typed in the stacks editor, its plan read before deploying, deployed, seen on the stack's
// page; one service scaled; the file changed and redeployed (the plan says what changes); the
// stack removed, leaving nothing named after it.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const STACK = uniqueName('h3ex4')
const WEB = `${STACK}_web`
const REDIS = `${STACK}_redis`
const PORT = 19541

/** The course's file, on the lab: web:1 stands in for nginx, the sleeper for redis. */
const compose = (webImage: string): string =>
  [
    'version: "3.8"',
    'services:',
    '  web:',
    `    image: ${webImage}`,
    '    ports:',
    `      - { target: 80, published: ${PORT}, mode: host }`,
    '    networks:',
    '      - webnet',
    '    deploy:',
    '      replicas: 3',
    '      endpoint_mode: dnsrr',
    '      update_config:',
    '        parallelism: 1',
    '        delay: 5s',
    '      restart_policy:',
    '        condition: on-failure',
    '  redis:',
    `    image: ${lab.images.sleeper}`,
    '    networks:',
    '      - webnet',
    '    deploy:',
    '      replicas: 2',
    '      endpoint_mode: dnsrr',
    'networks:',
    '  webnet:',
    '    driver: overlay',
    ''
  ].join('\n')

async function stackServices(): Promise<string> {
  return docker(lab, 'manager1', ['stack', 'services', '--format', '{{.Name}} {{.Replicas}}', STACK])
}

/** Everything on the cluster whose name starts with the stack's: services, networks, secrets, configs. */
async function namedAfterStack(): Promise<string[]> {
  const names: string[] = []
  for (const kind of ['service', 'network', 'secret', 'config']) {
    const out = await docker(lab, 'manager1', [kind, 'ls', '--format', '{{.Name}}'])
    names.push(...out.split('\n').filter((n) => n.startsWith(STACK)))
  }
  return names
}

beforeAll(async () => {
  lab = requireLab()
  session = await startBrowserSession(noDefaultEngineEnv())
  app = session.app
})

afterAll(async () => {
  if (lab) await docker(lab, 'manager1', ['stack', 'rm', STACK]).catch(() => undefined)
  await session?.stop()
})

describe('course exercise 4: a complete stack, in French', () => {
  it('opens the lab in French, on a blank stack editor', async () => {
    await app.openLabCluster(session.server.url, labNode(lab, 'manager1').socket)
    await app.chooseLanguage('fr')
    await app.stacks.startNewStack(STACK)
  })

  it('shows the plan first: a network and two services to create, with the docker stack deploy line', async () => {
    await app.stacks.setStackEditorText(compose(lab.images.web1))
    await app.stacks.waitForStackPlan()
    expect(await app.byTestId('stack-problems').count()).toBe(0)
    expect(await app.stacks.planOpKind(`${STACK}_webnet`)).toBe('network.create')
    expect(await app.stacks.planOpKind(WEB)).toBe('service.create')
    expect(await app.stacks.planOpKind(REDIS)).toBe('service.create')
    expect(await app.byTestId(`plan-op-${WEB}`).getByTestId('plan-op-verb').innerText()).toBe('créer')
    expect(await app.text('stack-cli-command')).toBe(`docker stack deploy -c docker-compose.yml --detach=false ${STACK}`)
    // planned only: nothing on the cluster yet
    expect(await namedAfterStack()).toEqual([])
  })

  it('deploys it: every service runs, as docker stack services says', async () => {
    const progress = await app.stacks.deployStack()
    expect(await app.byTestId('deploy-result').getAttribute('data-ok')).toBe('true')
    expect(await progress.getByTestId(`progress-op-${WEB}`).getByTestId('progress-message').innerText()).toBe(`service ${WEB} créé`)
    for (const service of [WEB, REDIS]) expect(await progress.getByTestId(`progress-wait-${service}`).getAttribute('data-status')).toBe('done')
    expect((await stackServices()).split('\n').sort()).toEqual([`${REDIS} 2/2`, `${WEB} 3/3`])
  })

  it("lists the stack's services and their tasks on its page, with docker stack services and docker stack ps", async () => {
    await app.byTestId('stacks-back').click()
    const detail = await app.stacks.openStack(STACK)
    expect(await detail.innerText()).toContain('2 services, 5/5 tâches en cours')
    expect(await app.stacks.stackServiceCounts(WEB)).toEqual({ running: 3, desired: 3 })
    expect(await app.stacks.stackServiceCounts(REDIS)).toEqual({ running: 2, desired: 2 })
    expect(await detail.getByTestId(`stack-service-${WEB}`).innerText()).toContain(`${PORT}:80/tcp (hôte)`)
    expect(await app.text('stack-detail-cli-command')).toBe(`docker stack services ${STACK}\ndocker stack ps ${STACK}`)
    // its tasks, each on the node docker stack ps names
    const cli = await docker(lab, 'manager1', ['stack', 'ps', '--filter', 'desired-state=running', '--format', '{{.Name}} {{.Node}}', STACK])
    expect(await app.stacks.stackTasks()).toEqual(cli.split('\n').sort())
  })

  it('scales redis to 3 from the app', async () => {
    await app.services.openService(REDIS)
    await app.services.scaleService(3)
    expect(await app.text('service-action-cli-command')).toBe(`docker service scale ${REDIS}=3`)
    await app.services.waitForReplicas(REDIS, '3/3')
    await waitFor('docker stack services sees 3/3', async () => (await stackServices()).includes(`${REDIS} 3/3`), 60_000)
    await app.services.closeServiceDrawer()
  })

  it('redeploys a changed file: the plan says web restarts its tasks on web:2 and redis goes back to the 2 replicas of the file', async () => {
    await app.stacks.gotoStacks()
    await app.stacks.openStack(STACK)
    await app.byTestId('stack-edit').click()
    await app.byTestId('stack-editor').waitFor()
    expect(await app.stacks.stackEditorText()).toContain(lab.images.web1)
    await app.stacks.setStackEditorText(compose(lab.images.web2))
    await app.stacks.waitForStackPlan()

    const web = app.byTestId(`plan-op-${WEB}`)
    expect(await web.getAttribute('data-kind')).toBe('service.update')
    expect(await web.getByTestId('plan-op-verb').innerText()).toBe('mise à jour · tâches remplacées')
    const image = web.locator('[data-testid="plan-change"][data-path="TaskTemplate.ContainerSpec.Image"]')
    expect(await image.getByTestId('plan-change-effect').innerText()).toBe('redémarre les tâches')
    expect(await image.getByTestId('plan-change-after').innerText()).toContain(lab.images.web2)
    const replicas = app.byTestId(`plan-op-${REDIS}`).locator('[data-testid="plan-change"][data-path="Mode.Replicated.Replicas"]')
    expect([await replicas.getByTestId('plan-change-before').innerText(), await replicas.getByTestId('plan-change-after').innerText()]).toEqual(['3', '2'])
    expect(await replicas.getByTestId('plan-change-effect').innerText()).toBe('sans redémarrage')
    expect(await app.stacks.planOpKind(`${STACK}_webnet`)).toBe('network.unchanged')

    await app.stacks.deployStack()
    expect(await app.byTestId('deploy-result').getAttribute('data-ok')).toBe('true')
    expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', WEB])).toContain(lab.images.web2)
    expect((await stackServices()).split('\n').sort()).toEqual([`${REDIS} 2/2`, `${WEB} 3/3`])
  })

  it('removes the stack: nothing named after it is left', async () => {
    await app.byTestId('stacks-back').click()
    const dialog = await app.stacks.askRemoveStack(STACK)
    expect(await dialog.getByTestId('remove-group-service').getAttribute('data-count')).toBe('2')
    expect(await dialog.getByTestId('remove-group-network').getAttribute('data-count')).toBe('1')
    expect(await dialog.getByTestId('stack-remove-volumes-note').innerText()).toContain('Les volumes sont conservés')
    expect(await app.text('stack-remove-cli-command')).toBe(`docker stack rm ${STACK}`)
    await app.byTestId('stack-remove-confirm').click()
    const removed = app.byTestId('stack-removed')
    await removed.waitFor({ timeout: 60_000 })
    expect(await removed.getAttribute('data-ok')).toBe('true')
    expect(await removed.innerText()).toContain(`Stack ${STACK} supprimée (3 objets)`)
    await waitFor('nothing named after the stack', async () => (await namedAfterStack()).length === 0, 60_000)
    expect(await docker(lab, 'manager1', ['stack', 'ls', '--format', '{{.Name}}'])).not.toContain(STACK)
    expect(session.pageErrors()).toEqual([])
  })
})
