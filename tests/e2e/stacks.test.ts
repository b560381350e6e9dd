import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The Stacks page against the real lab, checked with the real docker CLI: a compose error shown
// at its line and column (and no deploy), the plan of a network, a config and a service with its
// CLI equivalent, a deploy followed to convergence, an image change planned as a restart, drift
// after an out-of-band scale, a stack made by the docker CLI in the list, and a removal through
// the confirmation that says volumes are kept.
let lab: LabStatus
let session: BrowserSession
let page: Page
let app: SwarmDeskApp
const STACK = uniqueName('e2estk')
const CLI_STACK = uniqueName('e2estkcli')
const PENDING_STACK = uniqueName('e2estkpend')
/** Where the compose file "lives": its relative `file: ./app.conf` is read from here by main. */
const dir = tempDir('sd-e2e-stack-')
const composePath = join(dir, 'docker-compose.yml')

function compose(image: string, replicas: string | number): string {
  return [
    'services:',
    '  web:',
    `    image: ${image}`,
    '    deploy:',
    `      replicas: ${replicas}`,
    '    configs:',
    '      - source: app',
    '        target: /etc/app.conf',
    '    networks: [front]',
    'networks:',
    '  front: {}',
    'configs:',
    '  app:',
    '    file: ./app.conf',
    ''
  ].join('\n')
}

async function stackNames(): Promise<string[]> {
  return (await docker(lab, 'manager1', ['stack', 'ls', '--format', '{{.Name}}'])).split('\n').filter(Boolean)
}

beforeAll(async () => {
  lab = requireLab()
  writeFileSync(join(dir, 'app.conf'), 'greeting=hello\n')
  session = await startBrowserSession(noDefaultEngineEnv())
  page = session.page
  app = session.app
})

afterAll(async () => {
  for (const stack of [STACK, CLI_STACK, PENDING_STACK]) await docker(lab, 'manager1', ['stack', 'rm', stack]).catch(() => undefined)
  await session?.stop()
})

describe('stacks in the browser', () => {
  it('opens the lab and shows the stacks page', async () => {
    await app.open(session.server.url)
    await app.connections.addConnection('lab', { socketPath: labNode(lab, 'manager1').socket })
    await app.connections.openProfile('lab')
    await app.waitForClusterReady('lab')
    await app.stacks.gotoStacks()
    await app.byTestId('stacks-table').waitFor()
    expect(await app.text('cli-equivalent-command')).toBe('docker stack ls')
  })

  it('shows a compose error at its line and column, in the editor and under it, and refuses to deploy', async () => {
    await app.stacks.newStackDeploy()
    await app.byTestId('stack-name').fill(STACK)
    // a real place, so the relative `file: ./app.conf` is not itself a problem (stacks-open-file.test.ts covers that)
    await app.byTestId('stack-file-path').fill(composePath)
    await app.stacks.setStackEditorText(compose(lab.images.web1, '"two"'))
    await app.stacks.waitForStackPlan()

    const problem = app.byTestId('stack-problem')
    expect(await problem.count()).toBe(1)
    expect(await problem.getAttribute('data-severity')).toBe('error')
    expect(await problem.getAttribute('data-line')).toBe('5')
    expect(await problem.getAttribute('data-column')).toBe('17')
    expect(await problem.getByTestId('stack-problem-message').innerText()).toContain('services.web.deploy.replicas must be an integer')
    // CodeMirror underlines the value itself, and marks the line in the gutter.
    const underlined = app.byTestId('stack-editor').locator('.cm-lintRange-error')
    await underlined.first().waitFor()
    expect((await underlined.allInnerTexts()).join('')).toBe('"two"')
    expect(await app.byTestId('stack-editor').locator('.cm-lint-marker-error').count()).toBe(1)

    expect(await app.byTestId('stack-deploy').isDisabled()).toBe(true)
    expect(await stackNames()).not.toContain(STACK)
  })

  it('plans a network, a config and a service once fixed, with the CLI equivalent', async () => {
    await app.byTestId('stack-file-path').fill(composePath)
    await app.stacks.setStackEditorText(compose(lab.images.web1, 2))
    await app.stacks.waitForStackPlan()

    expect(await app.byTestId('stack-problems').count()).toBe(0)
    expect(await app.byTestId('stack-editor').locator('.cm-lintRange-error').count()).toBe(0)
    expect(await app.byTestId(`plan-op-${STACK}_front`).getAttribute('data-kind')).toBe('network.create')
    expect(await app.byTestId(`plan-op-${STACK}_app`).getAttribute('data-kind')).toBe('config.create')
    expect(await app.byTestId(`plan-op-${STACK}_web`).getAttribute('data-kind')).toBe('service.create')
    expect(await app.byTestId('stack-plan').getAttribute('data-ok')).toBe('true')
    expect(await app.text('stack-cli-command')).toBe(`docker stack deploy -c ${composePath} --detach=false ${STACK}`)
    expect(await app.byTestId('stack-deploy').isEnabled()).toBe(true)
  })

  it('deploys, waiting for convergence: every step is done and the docker CLI sees 2/2', async () => {
    const progress = await app.stacks.deployStack()
    for (const name of [`${STACK}_front`, `${STACK}_app`, `${STACK}_web`]) expect(await progress.getByTestId(`progress-op-${name}`).getAttribute('data-status')).toBe('done')
    expect(await progress.getByTestId(`progress-wait-${STACK}_web`).getAttribute('data-status')).toBe('done')
    const result = app.byTestId('deploy-result')
    expect(await result.getAttribute('data-ok')).toBe('true')
    expect(await result.getAttribute('data-applied')).toBe('true')

    expect(await stackNames()).toContain(STACK)
    const services = await docker(lab, 'manager1', ['stack', 'services', '--format', '{{.Name}} {{.Replicas}}', STACK])
    expect(services).toBe(`${STACK}_web 2/2`)
    // Planned again after the deploy: nothing is left to do.
    await page.locator(`[data-testid="plan-op-${STACK}_web"][data-kind="service.unchanged"]`).waitFor({ timeout: 30_000 })
  })

  it('lists the deployed stack with its live counts', async () => {
    await app.byTestId('stacks-back').click()
    const row = app.byTestId(`stack-row-${STACK}`)
    await row.waitFor()
    await waitFor('the row shows 2/2 tasks', async () => (await row.getByTestId('stack-tasks').innerText()).trim() === '2/2', 30_000)
    const cells = (await row.locator('[role="cell"]').allInnerTexts()).map((c) => c.trim())
    expect(cells.slice(0, 6)).toEqual([STACK, '1', '2/2', '1', '0', '1'])
  })

  it('plans an image change as a restart of the tasks, and deploys it', async () => {
    await app.byTestId(`stack-row-${STACK}`).click()
    await app.byTestId('stack-detail').waitFor()
    await app.byTestId('stack-edit').click()
    await app.byTestId('stack-editor').waitFor()
    // The editor holds SwarmDesk's last deploy of the stack: the same name, file and path.
    expect(await app.byTestId('stack-name').inputValue()).toBe(STACK)
    expect(await app.byTestId('stack-file-path').inputValue()).toBe(composePath)
    expect(await app.stacks.stackEditorText()).toContain(lab.images.web1)

    await app.stacks.setStackEditorText(compose(lab.images.web2, 2))
    await app.stacks.waitForStackPlan()
    const op = app.byTestId(`plan-op-${STACK}_web`)
    expect(await op.getAttribute('data-kind')).toBe('service.update')
    expect(await op.getAttribute('data-restarts')).toBe('true')
    const image = op.locator('[data-testid="plan-change"][data-path="TaskTemplate.ContainerSpec.Image"]')
    expect(await image.getAttribute('data-effect')).toBe('restart')
    expect(await image.getByTestId('plan-change-effect').innerText()).toBe('restarts tasks')
    expect(await image.getByTestId('plan-change-before').innerText()).toContain(lab.images.web1)
    expect(await image.getByTestId('plan-change-after').innerText()).toContain(lab.images.web2)

    await app.stacks.deployStack()
    expect(await app.byTestId(`progress-op-${STACK}_web`).getAttribute('data-status')).toBe('done')
    expect(await app.byTestId('deploy-result').getAttribute('data-ok')).toBe('true')
    expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', `${STACK}_web`])).toContain(lab.images.web2)
  })

  it('plans the same stack from a file on disk that main reads', async () => {
    writeFileSync(composePath, compose(lab.images.web2, 2))
    await app.byTestId('stack-source-paths').click()
    await app.byTestId('stack-path-0').fill(composePath)
    await app.stacks.waitForStackPlan()
    expect(await app.byTestId(`plan-op-${STACK}_web`).getAttribute('data-kind')).toBe('service.unchanged')
    expect(await app.text('stack-cli-command')).toBe(`docker stack deploy -c ${composePath} --detach=false ${STACK}`)
    await app.byTestId('stack-source-editor').click()
    await app.byTestId('stack-editor').waitFor()
  })

  it('shows drift when the stack is changed behind its file', async () => {
    await docker(lab, 'manager1', ['service', 'scale', '--detach', `${STACK}_web=3`])
    await app.byTestId('stacks-back').click()
    await app.byTestId(`stack-row-${STACK}`).click()
    const drift = app.byTestId('stack-drift')
    await page.locator('[data-testid="stack-drift"][data-state="drifted"]').waitFor({ timeout: 30_000 })
    const replicas = drift.locator('[data-testid="plan-change"][data-path="Mode.Replicated.Replicas"]')
    expect(await replicas.getByTestId('plan-change-before').innerText()).toBe('3')
    expect(await replicas.getByTestId('plan-change-after').innerText()).toBe('2')
    expect(await replicas.getAttribute('data-effect')).toBe('none')

    // The same view against a file the user names (main reads it): here the one on disk, equal to the last deploy.
    await drift.getByTestId('drift-path').fill(composePath)
    await drift.getByTestId('drift-compare').click()
    await waitFor('the drift compares with the file given', async () => (await app.text('stack-drift-source')).includes(composePath), 30_000)
    await page.locator('[data-testid="stack-drift"][data-state="drifted"]').waitFor({ timeout: 30_000 })
    expect(await drift.locator('[data-testid="plan-change"]').count()).toBe(1)
  })

  it('lists a stack the docker CLI deployed', async () => {
    const file = join(tempDir('sd-e2e-cli-stack-'), 'stack.yml')
    writeFileSync(file, `services:\n  app:\n    image: ${lab.images.sleeper}\n`)
    await docker(lab, 'manager1', ['stack', 'deploy', '--detach=true', '-c', file, CLI_STACK])
    await app.byTestId('stacks-back').click()
    const row = app.byTestId(`stack-row-${CLI_STACK}`)
    await row.waitFor({ timeout: 30_000 })
    expect((await row.locator('[role="cell"]').first().innerText()).trim()).toBe(CLI_STACK)
    // Not deployed by SwarmDesk: no file to compare with until the user gives one.
    await row.click()
    await app.byTestId(`stack-service-${CLI_STACK}_app`).waitFor()
    expect(await app.byTestId('stack-drift').getAttribute('data-state')).toBe('none')
    expect(await app.byTestId('stack-edit').count()).toBe(0)
    await app.byTestId('stacks-back').click()
  })

  it('stops waiting for a service that stays pending: the deploy stays applied and the editor is free again', async () => {
    await app.stacks.newStackDeploy()
    await app.byTestId('stack-name').fill(PENDING_STACK)
    await app.stacks.setStackEditorText(['services:', '  stuck:', `    image: ${lab.images.web1}`, '    deploy:', '      placement:', '        constraints: [node.labels.e2e_never == true]', ''].join('\n'))
    await app.stacks.waitForStackPlan()
    await app.byTestId('stack-deploy').click()
    const stop = app.byTestId('deploy-stop-waiting')
    await stop.waitFor({ timeout: 60_000 })
    expect(await app.byTestId(`progress-wait-${PENDING_STACK}_stuck`).getAttribute('data-status')).toBe('running')
    // stopped once the wait has seen the service pending (0 of 1 running): stopped at once, on a
    // loaded machine the wait had not yet seen the new service and rightly said so instead
    await page.locator(`[data-testid="progress-wait-${PENDING_STACK}_stuck"]`, { hasText: '0/1' }).waitFor({ timeout: 30_000 })
    await stop.click()
    await page.locator('[data-testid="deploy-progress"][data-running="false"]').waitFor({ timeout: 15_000 })
    const result = app.byTestId('deploy-result')
    expect(await result.getAttribute('data-applied')).toBe('true')
    expect(await result.innerText()).toContain('you stopped waiting for convergence')
    expect(await app.byTestId('deploy-result-not-waited').innerText()).toMatch(new RegExp(`^${PENDING_STACK}_stuck: stopped waiting \\(0/1 running`))
    expect(await app.byTestId(`progress-wait-${PENDING_STACK}_stuck`).getAttribute('data-status')).toBe('skipped')
    // The service is there, still pending: only the wait stopped.
    expect(await docker(lab, 'manager1', ['service', 'ls', '--filter', `name=${PENDING_STACK}_stuck`, '--format', '{{.Replicas}}'])).toBe('0/1')
    await page.locator('[data-testid="stack-plan-section"][data-state="fresh"]').waitFor({ timeout: 30_000 })
    expect(await app.byTestId('stack-deploy-hint').innerText()).not.toContain('read-only')
    await app.byTestId('stacks-back').click()
  })

  it('removes the stack after a confirmation that lists the order and keeps volumes', async () => {
    const dialog = await app.stacks.askRemoveStack(STACK)
    for (const kind of ['service', 'config', 'network']) expect(await dialog.getByTestId(`remove-group-${kind}`).getAttribute('data-count')).toBe('1')
    expect(await dialog.getByTestId('remove-group-secret').getAttribute('data-count')).toBe('0')
    expect(await dialog.getByTestId('stack-remove-volumes-note').innerText()).toContain('Volumes are kept')
    expect(await app.text('stack-remove-cli-command')).toBe(`docker stack rm ${STACK}`)
    await app.byTestId('stack-remove-confirm').click()
    await app.byTestId('stack-removed').waitFor({ timeout: 60_000 })
    expect(await app.byTestId('stack-removed').getAttribute('data-ok')).toBe('true')
    await waitFor('docker stack ls no longer lists the stack', async () => !(await stackNames()).includes(STACK), 60_000)
    await app.byTestId(`stack-row-${STACK}`).waitFor({ state: 'detached', timeout: 30_000 })
    expect(session.pageErrors()).toEqual([])
  })
})
