import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { cliCreate, mounted, objectNames, removeQuietly, serviceReplicas, SLEEPER_IMAGE, WEB_IMAGE } from '../support/rotation-lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The Secrets & configs page against the real lab, checked with the real docker CLI: a secret
// created in the UI (masked value, labels, CLI line), two web services deployed with the CLI
// whose health check reads it, their references listed, the rotation wizard's plan and its
// live progress, every service on the new version at the same target afterwards and the old
// version removed; a rotation to a value that fails the health check rolled back, naming the
// service; a config rotated to typed content with its old version kept; a config's content
// shown; removal refused while in use; a stack-owned secret whose edited stack file opens in the
// stack editor; and an interrupted rotation (a journal left `running`, as a crash leaves it)
// offered on open, resumed after asking for the value again.
let lab: LabStatus
let session: BrowserSession
let page: Page
let app: SwarmDeskApp

const PREFIX = uniqueName('h2ui')
const SECRET = `${PREFIX}-token`
const WEB = `${PREFIX}-web`
const API = `${PREFIX}-api`
const CONFIG = `${PREFIX}-conf`
const APP_CONF = `${PREFIX}-appconf`
const CONF_SERVICE = `${PREFIX}-confsvc`
const JOURNAL_SECRET = `${PREFIX}-jr`
const JOURNAL_SERVICE = `${PREFIX}-jrsvc`
const JOURNAL_ID = `2026-01-01-${PREFIX.slice(-8)}`
const STACK = `${PREFIX}-stk`
const STACK_SECRET = `${STACK}_tok`
/** Where the stack's compose file "lives": its `file: ./tok.txt` is read from here by main. */
const stackDir = tempDir('sd-e2e-h2ui-stack-')
const composePath = join(stackDir, 'docker-compose.yml')
const compose = (image: string): string =>
  ['services:', '  app:', `    image: ${image}`, '    secrets:', '      - source: tok', '        target: tok', 'secrets:', '  tok:', '    file: ./tok.txt', ''].join('\n')

async function secretLabels(name: string): Promise<Record<string, string>> {
  return (JSON.parse(await docker(lab, 'manager1', ['secret', 'inspect', '--format', '{{json .Spec.Labels}}', name])) as Record<string, string> | null) ?? {}
}

async function exists(kind: 'secret' | 'config', name: string): Promise<boolean> {
  return (await objectNames(lab, kind, PREFIX)).includes(name)
}

async function waitConverged(name: string, timeout = 120_000): Promise<void> {
  await waitFor(`${name} to run all its tasks`, async () => {
    const r = await serviceReplicas(lab, name)
    return r.desired > 0 && r.running === r.desired
  }, timeout)
}

/** A journal as SwarmDesk writes it when it dies right after the first write of a rotation. */
async function writeInterruptedJournal(dataDir: string): Promise<void> {
  const swarmId = await docker(lab, 'manager1', ['info', '--format', '{{.Swarm.Cluster.ID}}'])
  const oldId = await docker(lab, 'manager1', ['secret', 'inspect', '--format', '{{.ID}}', JOURNAL_SECRET])
  const serviceId = await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.ID}}', JOURNAL_SERVICE])
  const now = new Date().toISOString()
  const journal = {
    id: JOURNAL_ID,
    swarmId,
    kind: 'secret',
    startedAt: now,
    updatedAt: now,
    state: 'running',
    old: { id: oldId, name: JOURNAL_SECRET },
    new: { id: null, name: `${JOURNAL_SECRET}_v2` },
    removeOld: true,
    oldRemoved: false,
    services: [{ serviceId, serviceName: JOURNAL_SERVICE, references: [{ target: 'jr', uid: '0', gid: '0', mode: 0o444 }], order: 'stop-first', state: 'pending' }],
    log: [],
    failure: null,
    newLabels: {},
    templating: null,
    newRemoved: false
  }
  mkdirSync(join(dataDir, 'rotations'), { recursive: true })
  writeFileSync(join(dataDir, 'rotations', `${JOURNAL_ID}.json`), JSON.stringify(journal, null, 2))
}

beforeAll(async () => {
  lab = requireLab()
  // The interrupted rotation's objects exist before SwarmDesk starts: it finds the journal on open.
  await cliCreate(lab, 'secret', JOURNAL_SECRET, 'journal-v1')
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', JOURNAL_SERVICE, '--secret', `source=${JOURNAL_SECRET},target=jr`, SLEEPER_IMAGE])
  session = await startBrowserSession(noDefaultEngineEnv())
  page = session.page
  app = session.app
  await writeInterruptedJournal(session.server.dataDir)
})

afterAll(async () => {
  await removeQuietly(lab, ['stack', 'rm', STACK])
  for (const service of [WEB, API, JOURNAL_SERVICE, CONF_SERVICE]) await removeQuietly(lab, ['service', 'rm', service])
  await waitFor('our services gone', async () => !(await docker(lab, 'manager1', ['service', 'ls', '--format', '{{.Name}}'])).includes(PREFIX), 60_000).catch(() => undefined)
  for (const name of await objectNames(lab, 'secret', PREFIX).catch(() => [])) await removeQuietly(lab, ['secret', 'rm', name])
  for (const name of await objectNames(lab, 'config', PREFIX).catch(() => [])) await removeQuietly(lab, ['config', 'rm', name])
  await session?.stop()
})

describe('secrets and configs in the browser', () => {
  it('opens the lab and offers the interrupted rotation found in the journal', async () => {
    await app.open(session.server.url)
    await app.connections.addConnection('lab', { socketPath: labNode(lab, 'manager1').socket })
    await app.connections.openProfile('lab')
    await app.waitForClusterReady('lab')
    const banner = page.locator(`[data-testid="unfinished-banner"][data-rotation-id="${JOURNAL_ID}"]`)
    await banner.waitFor({ timeout: 30_000 })
    expect(await banner.innerText()).toContain(`${JOURNAL_SECRET} → ${JOURNAL_SECRET}_v2`)
  })

  it('resumes it: the value is asked again (the new version never existed), then every step runs', async () => {
    await page.locator(`[data-testid="unfinished-banner"][data-rotation-id="${JOURNAL_ID}"]`).getByTestId('unfinished-banner-open').click()
    await page.locator('[data-testid="secrets-page"][data-view="list"]').waitFor()
    const card = app.byTestId(`unfinished-${JOURNAL_ID}`)
    await card.waitFor()
    expect(await card.getAttribute('data-state')).toBe('interrupted')
    await card.getByTestId('unfinished-resume').click()
    const prompt = card.getByTestId('unfinished-value')
    await prompt.waitFor({ timeout: 30_000 })
    expect(await app.byTestId('rotation-run').getAttribute('data-outcome')).toBe('error')
    expect(await app.byTestId('run-error').getAttribute('data-error-code')).toBe('VALUE_REQUIRED')
    await prompt.getByTestId('resume-value-mode-generate').click()
    await prompt.getByTestId('unfinished-resume-with-value').click()
    await page.locator('[data-testid="rotation-run"][data-action="resume"][data-running="false"]').waitFor({ timeout: 180_000 })
    expect(await app.byTestId('rotation-result').getAttribute('data-outcome')).toBe('completed')
    // Resumed to the end: the service mounts the new version at the same target; the old one is gone.
    expect(await mounted(lab, JOURNAL_SERVICE, 'secret')).toEqual([`${JOURNAL_SECRET}_v2@jr:0:0:444`])
    expect(await exists('secret', JOURNAL_SECRET)).toBe(false)
    // Finished: no longer offered.
    await card.waitFor({ state: 'detached', timeout: 10_000 })
  })

  it('creates a secret from a masked typed value, with a label and its CLI line', async () => {
    await app.secrets.gotoSecrets('secret')
    const dialog = await app.secrets.fillCreateDialog({ kind: 'secret', name: SECRET, value: 'good-v1', labels: { team: 'e2e' } })
    expect(await dialog.getByTestId('create-value-text').getAttribute('data-masked')).toBe('true')
    expect(await app.text('create-cli-command')).toBe(`docker secret create --label team=e2e ${SECRET} -`)
    // A name the engine refuses is caught while typing.
    await dialog.getByTestId('create-name').fill('-bad name')
    await waitFor('the name problem', async () => (await dialog.innerText()).includes('Refused by the engine'), 5_000)
    await dialog.getByTestId('create-name').fill(SECRET)
    await dialog.getByTestId('create-submit').click()
    await app.byTestId('create-done').waitFor({ timeout: 30_000 })
    expect(await app.byTestId('create-done').innerText()).toContain(SECRET)

    const labels = await secretLabels(SECRET)
    expect(labels.team).toBe('e2e')
    const row = await app.secrets.secretsRow(SECRET)
    expect(await row.getByTestId('object-label').allInnerTexts()).toEqual(['team=e2e'])
    // SwarmDesk's fingerprint label is not listed with the user's: it is folded into a mark.
    expect(Object.keys(labels).some((k) => k.startsWith('com.swarmdesk.'))).toBe(true)
    expect(await row.getByTestId('object-rotated-mark').count()).toBe(1)
    expect(await row.getByTestId('object-consumers').getAttribute('data-count')).toBe('0')
  })

  it('lists the services that mount it, with target, uid, gid and mode; the value is never shown', async () => {
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', WEB, '--replicas', '2', '--secret', `source=${SECRET},target=web_token,mode=0400`, '--env', 'WEB_HEALTH_FILE=/run/secrets/web_token', WEB_IMAGE])
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', API, '--secret', `source=${SECRET},target=api_token,uid=1000,gid=1000`, '--env', 'WEB_HEALTH_FILE=/run/secrets/api_token', WEB_IMAGE])
    await waitConverged(WEB)
    await waitConverged(API)

    const row = await app.secrets.secretsRow(SECRET)
    await waitFor('the row counts two services', async () => (await row.getByTestId('object-consumers').getAttribute('data-count')) === '2', 30_000)
    await row.click()
    const detail = app.byTestId(`object-detail-${SECRET}`)
    await detail.waitFor()
    const web = detail.getByTestId(`detail-consumers-row-${WEB}`)
    const api = detail.getByTestId(`detail-consumers-row-${API}`)
    expect(await web.getAttribute('data-target')).toBe('web_token')
    expect(await web.getAttribute('data-mode')).toBe('0400')
    expect(await api.getAttribute('data-target')).toBe('api_token')
    expect(await api.innerText()).toMatch(/1000\s+1000\s+0444/)
    expect(await detail.getByTestId('secret-value-hidden').innerText()).toMatch(/never shown/)
    expect(await detail.innerText()).not.toContain('good-v1')

    // Removal is not offered while they use it: the dialog names them.
    await detail.getByTestId('detail-remove').click()
    const remove = app.byTestId('remove-dialog')
    await remove.getByTestId('remove-in-use').waitFor()
    expect((await remove.getByTestId('remove-in-use-service').allInnerTexts()).sort()).toEqual([API, WEB].sort())
    expect(await remove.getByTestId('remove-dialog-confirm').isDisabled()).toBe(true)
    await remove.getByTestId('remove-dialog-cancel').click()
    await remove.getByTestId('remove-dialog-confirm').waitFor({ state: 'hidden' })
    expect(await exists('secret', SECRET)).toBe(true)
  })

  it('plans the rotation: every consumer with the reference it gets, its policy, warnings and the CLI', async () => {
    const wizard = await app.secrets.startRotation(SECRET)
    await app.secrets.setRotationValue({ text: 'good-v2' })
    const plan = await app.secrets.planRotation()
    expect(await plan.getByTestId('plan-new-name').getAttribute('placeholder')).toBe(`${SECRET}_v2`)
    expect(await plan.getByTestId('plan-identity').getAttribute('data-identity')).toBe('different')
    expect(await plan.getByTestId(`plan-consumer-${WEB}`).getByTestId('plan-reference').getAttribute('data-target')).toBe('web_token')
    expect(await plan.getByTestId(`plan-consumer-${API}`).getByTestId('plan-reference').innerText()).toContain('uid 1000, gid 1000')
    // One task, stop-first: the plan warns and offers start-first.
    const warning = plan.locator(`[data-testid="plan-warning"][data-code="SINGLE_TASK_STOP_FIRST"]`)
    expect(await warning.innerText()).toContain(API)
    await plan.getByTestId(`plan-start-first-${API}`).check()
    await app.secrets.waitForRotationPlan()
    expect(await plan.getByTestId(`plan-consumer-${API}`).getAttribute('data-order')).toBe('start-first')
    expect(await plan.getByTestId('plan-remove-old').isChecked()).toBe(true)
    const cli = await app.text('plan-cli-command')
    expect(cli).toContain(`docker secret create`)
    expect(cli).toContain(`--secret-rm ${SECRET} --secret-add source=${SECRET}_v2,target=api_token,uid=1000,gid=1000,mode=0444 --update-order start-first ${API}`)
    expect(cli).toContain(`docker secret rm ${SECRET}`)
    expect(await plan.getByTestId('plan-refusals').count()).toBe(0)
    expect(await wizard.getAttribute('data-step')).toBe('plan')
    // Nothing changed on the cluster yet.
    expect(await exists('secret', `${SECRET}_v2`)).toBe(false)
  })

  it('applies it with live progress; every service ends on the new version at the same target, the old one removed', async () => {
    await app.byTestId('plan-apply').click()
    const run = app.byTestId('rotation-run')
    await run.waitFor()
    // Progress arrives while it runs: the new version is created long before the rollouts converge.
    await page.locator(`[data-testid="rotation-run"][data-running="true"] [data-testid="run-step-create:${SECRET}_v2"][data-status="done"]`).waitFor({ timeout: 60_000 })
    await page.locator('[data-testid="rotation-run"][data-running="false"]').waitFor({ timeout: 240_000 })
    expect(await app.byTestId('rotation-result').getAttribute('data-outcome')).toBe('completed')
    for (const service of [WEB, API]) expect(await run.getByTestId(`run-service-${service}`).getAttribute('data-phase')).toBe('converged')
    expect(await run.getByTestId(`run-step-remove-old:${SECRET}`).getAttribute('data-status')).toBe('done')

    expect(await mounted(lab, WEB, 'secret')).toEqual([`${SECRET}_v2@web_token:0:0:400`])
    expect(await mounted(lab, API, 'secret')).toEqual([`${SECRET}_v2@api_token:1000:1000:444`])
    expect(await exists('secret', SECRET)).toBe(false)
    expect((await secretLabels(`${SECRET}_v2`)).team).toBe('e2e')
    await waitConverged(WEB)
    await waitConverged(API)
    await app.byTestId('wizard-done').click()
  })

  it('rolls back a rotation whose value fails the health check, and names the failing service', async () => {
    await app.secrets.gotoSecrets('secret')
    const current = `${SECRET}_v2`
    await app.secrets.startRotation(current)
    await app.secrets.setRotationValue({ text: 'bad' })
    const plan = await app.secrets.planRotation()
    expect(await plan.getByTestId('plan-identity').getAttribute('data-identity')).toBe('different')
    const first = (await plan.locator('[data-testid^="plan-consumer-"]').first().getAttribute('data-testid'))?.replace('plan-consumer-', '')
    expect([WEB, API]).toContain(first)
    const run = await app.secrets.applyRotation()
    const result = app.byTestId('rotation-result')
    expect(await result.getAttribute('data-outcome')).toBe('rolled-back')
    expect(await result.getAttribute('data-failed-service')).toBe(first)
    expect(await result.innerText()).toContain(`${first} failed`)
    expect(await run.getByTestId(`run-service-${first}`).getAttribute('data-phase')).toBe('reverted')

    // Every service back on the version it had, the failed version removed.
    expect(await mounted(lab, WEB, 'secret')).toEqual([`${current}@web_token:0:0:400`])
    expect(await mounted(lab, API, 'secret')).toEqual([`${current}@api_token:1000:1000:444`])
    expect(await exists('secret', `${SECRET}_v3`)).toBe(false)
    await app.byTestId('wizard-done').click()
  })

  it('rotates a config to typed content, keeping the old version when asked to', async () => {
    await cliCreate(lab, 'config', APP_CONF, 'mode=a\n')
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', CONF_SERVICE, '--config', `source=${APP_CONF},target=/etc/app.conf`, SLEEPER_IMAGE])
    await waitConverged(CONF_SERVICE)
    await app.secrets.gotoSecrets('config')
    const wizard = await app.secrets.startRotation(APP_CONF)
    expect(await wizard.getByTestId('wizard-value').getAttribute('data-mode')).toBe('text')
    await app.secrets.setRotationValue({ text: 'mode=b\n' })
    const plan = await app.secrets.planRotation()
    expect(await plan.getByTestId('plan-identity').getAttribute('data-identity')).toBe('different')
    expect(await plan.getByTestId(`plan-consumer-${CONF_SERVICE}`).getByTestId('plan-reference').getAttribute('data-target')).toBe('/etc/app.conf')
    await plan.getByTestId('plan-remove-old').uncheck()
    await app.secrets.waitForRotationPlan()
    expect(await app.text('plan-cli-command')).not.toContain(`docker config rm`)
    await app.secrets.applyRotation()
    expect(await app.byTestId('rotation-result').getAttribute('data-outcome')).toBe('completed')
    expect(await mounted(lab, CONF_SERVICE, 'config')).toEqual([`${APP_CONF}_v2@/etc/app.conf:0:0:444`])
    expect(await docker(lab, 'manager1', ['config', 'inspect', '--format', '{{printf "%s" .Spec.Data}}', `${APP_CONF}_v2`])).toBe('mode=b')
    expect(await exists('config', APP_CONF)).toBe(true)
    await app.byTestId('wizard-done').click()
  })

  it('creates a config and shows its content read-only', async () => {
    await app.secrets.gotoSecrets('config')
    const dialog = await app.secrets.fillCreateDialog({ kind: 'config', name: CONFIG, value: 'greeting=hello\nlevel=2' })
    expect(await dialog.getByTestId('create-value-text').getAttribute('data-masked')).toBe('false')
    await dialog.getByTestId('create-submit').click()
    await app.byTestId('create-done').waitFor({ timeout: 30_000 })
    expect(await docker(lab, 'manager1', ['config', 'inspect', '--format', '{{printf "%s" .Spec.Data}}', CONFIG])).toBe('greeting=hello\nlevel=2')
    const row = await app.secrets.secretsRow(CONFIG)
    await row.click()
    const text = app.byTestId('config-content-text')
    await text.waitFor({ timeout: 30_000 })
    expect(await text.innerText()).toBe('greeting=hello\nlevel=2')

    // Unused: removable from the detail.
    await app.byTestId('detail-remove').click()
    const remove = app.byTestId('remove-dialog')
    expect(await app.text('remove-cli-command')).toBe(`docker config rm ${CONFIG}`)
    await remove.getByTestId('remove-dialog-confirm').click()
    await app.byTestId('remove-done').waitFor({ timeout: 30_000 })
    expect(await exists('config', CONFIG)).toBe(false)
  })

  it('for a stack-owned secret, says the stack file must change and opens the edited file in the stack editor', async () => {
    writeFileSync(join(stackDir, 'tok.txt'), 'stack-v1')
    await app.stacks.startNewStack(STACK)
    await app.byTestId('stack-file-path').fill(composePath)
    await app.stacks.setStackEditorText(compose(SLEEPER_IMAGE))
    await app.stacks.waitForStackPlan()
    await app.stacks.deployStack()
    expect(await app.byTestId('deploy-result').getAttribute('data-ok')).toBe('true')

    await app.secrets.gotoSecrets('secret')
    expect(await (await app.secrets.secretsRow(STACK_SECRET)).innerText()).toContain(STACK)
    await app.secrets.startRotation(STACK_SECRET)
    await app.secrets.setRotationValue({ generate: 24 })
    const plan = await app.secrets.planRotation()
    expect(await plan.locator('[data-testid="plan-warning"][data-code="STACK_FILE"]').count()).toBe(1)
    const note = plan.getByTestId('plan-stack-note')
    expect(await note.innerText()).toContain(`${STACK_SECRET}_v2`)
    await note.getByTestId(`plan-stack-file-${STACK}`).waitFor()

    await app.secrets.applyRotation()
    expect(await app.byTestId('rotation-result').getAttribute('data-outcome')).toBe('completed')
    expect(await mounted(lab, `${STACK}_app`, 'secret')).toEqual([`${STACK_SECRET}_v2@tok:0:0:444`])
    // The new version keeps the stack's label, so `docker stack rm` still removes it.
    expect((await secretLabels(`${STACK_SECRET}_v2`))['com.docker.stack.namespace']).toBe(STACK)
    // After the rotation the edited file is offered again; it opens in the stack editor.
    await app.byTestId('rotation-wizard').getByTestId('plan-stack-open').click()
    await page.locator('[data-testid="stacks-page"][data-view="editor"]').waitFor()
    await waitFor('the editor holds the edited file', async () => (await app.stacks.stackEditorText()).includes(`name: ${STACK_SECRET}_v2`), 10_000)
    expect(await app.byTestId('stack-name').inputValue()).toBe(STACK)
  })

  it('logged no page errors', () => {
    expect(session.pageErrors()).toEqual([])
  })
})
