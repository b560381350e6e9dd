import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../../support/lab'
import { mounted, objectNames, removeQuietly, WEB_IMAGE } from '../../support/rotation-lab'
import type { SwarmDeskApp } from '../pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from '../support/session'

// The course's exercise 5, « les secrets », done in SwarmDesk's French UI against the lab and
// checked with the real docker CLI: a secret created from a typed value (masked, never shown
// back), a service that mounts it (from the service form), its value read inside the running
// container with the task's "Exécuter une commande…" (`cat /run/secrets/NAME`), a rotation with
// the wizard, after which the service mounts the new version at the same place and the container
// reads the new value. Outside the terminal output the user asked for, no value is ever on the page.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const PREFIX = uniqueName('h3ex5')
const SECRET = `${PREFIX}-db`
const SERVICE = `${PREFIX}-app`
// values no other text on the page could contain by chance
const V1 = `v1-${PREFIX.slice(-8)}-sesame`
const V2 = `v2-${PREFIX.slice(-8)}-ouvre-toi`

/** Neither value is anywhere on the page (text, or any field) outside the terminals' screens. */
async function expectNoValueShown(): Promise<void> {
  const shown = await app.terminals.textOutsideScreens()
  // what the page says about our objects is read (the check reads the page, not nothing)
  expect(shown).toContain(PREFIX)
  expect(shown).not.toContain(V1)
  expect(shown).not.toContain(V2)
}

/** Run `cat` of the secret's file in the service's running task; resolves with the terminal's pane. */
async function readSecretInTask(): Promise<Locator> {
  const detail = await app.services.openService(SERVICE)
  const menu = detail.locator('[data-testid^="task-terminal-menu-"]').first()
  await menu.waitFor({ timeout: 60_000 })
  const taskId = ((await menu.getAttribute('data-testid')) ?? '').replace('task-terminal-menu-', '')
  const pane = await app.terminals.openFromTask(taskId, `cat /run/secrets/${SECRET}`)
  await app.page.locator(`[data-testid="terminal-pane"][data-key="${await pane.getAttribute('data-key')}"][data-status="ended"]`).waitFor({ timeout: 30_000 })
  expect(await pane.getAttribute('data-exit-code')).toBe('0')
  return pane
}

beforeAll(async () => {
  lab = requireLab()
  // terminals go to the task's node over SSH: a user whose ~/.ssh knows the lab's hosts
  const home = tempDir('sd-e2e-ex5-home-')
  mkdirSync(join(home, '.ssh'))
  copyFileSync(lab.ssh.knownHosts, join(home, '.ssh', 'known_hosts'))
  session = await startBrowserSession({ ...noDefaultEngineEnv(), HOME: home })
  app = session.app
})

afterAll(async () => {
  if (lab) {
    await removeQuietly(lab, ['service', 'rm', SERVICE])
    await waitFor('our service gone', async () => !(await docker(lab, 'manager1', ['service', 'ls', '--format', '{{.Name}}'])).includes(PREFIX), 60_000).catch(() => undefined)
    for (const name of await objectNames(lab, 'secret', PREFIX).catch(() => [])) await removeQuietly(lab, ['secret', 'rm', name])
  }
  await session?.stop()
})

describe('course exercise 5: secrets, in French', () => {
  it('opens the lab in French', async () => {
    await app.open(session.server.url)
    await app.connections.addConnection('lab', { ssh: { host: lab.ssh.host, port: lab.ssh.port, user: lab.ssh.user, identityFile: lab.ssh.privateKey, remoteSocket: '/var/run/docker.sock' } })
    await app.connections.openProfile('lab')
    await app.waitForClusterReady('lab')
    await app.chooseLanguage('fr')
  })

  it('creates a secret from a typed value: masked, read from stdin by the CLI line, never shown back', async () => {
    await app.secrets.gotoSecrets('secret')
    const dialog = await app.secrets.fillCreateDialog({ kind: 'secret', name: SECRET, value: V1 })
    expect(await dialog.getByTestId('create-value-text').getAttribute('data-masked')).toBe('true')
    expect(await app.text('create-cli-command')).toBe(`docker secret create ${SECRET} -`)
    await dialog.getByTestId('create-submit').click()
    await app.byTestId('create-done').waitFor({ timeout: 30_000 })
    expect(await app.text('create-done')).toContain(`Secret ${SECRET} créé`)
    expect(await objectNames(lab, 'secret', PREFIX)).toEqual([SECRET])

    const detail = await app.secrets.openObjectDetail(SECRET)
    expect(await detail.getByTestId('secret-value-hidden').innerText()).toContain("La valeur d'un secret n'est jamais affichée")
    await expectNoValueShown()
    await app.secrets.closeObjectDetail(SECRET)
  })

  it('creates a service that mounts it, from the service form', async () => {
    const form = await app.services.openCreateService()
    await app.services.fillServiceForm({ name: SERVICE, image: WEB_IMAGE, secrets: [{ source: SECRET }] })
    await app.services.serviceFormPlan(true)
    expect(await form.getByTestId('service-form-cli-command').innerText()).toBe(`docker service create --name ${SERVICE} --secret ${SECRET} ${WEB_IMAGE}`)
    await app.services.submitServiceForm()
    await app.services.waitForReplicas(SERVICE, '1/1')
    expect(await mounted(lab, SERVICE, 'secret')).toEqual([`${SECRET}@${SECRET}:0:0:444`])
    await expectNoValueShown()
  })

  it("reads the value inside the running container with the task's command", async () => {
    const pane = await readSecretInTask()
    expect(await app.terminals.screenText(pane)).toContain(V1)
    expect(await pane.getByTestId('terminal-cli-command').innerText()).toContain(`cat /run/secrets/${SECRET}`)
    // only the terminal the user asked for shows it
    await expectNoValueShown()
  })

  it('rotates it with the wizard: the plan first, then the service mounts the new version at the same place', async () => {
    await app.secrets.gotoSecrets('secret')
    await app.secrets.startRotation(SECRET)
    await app.secrets.setRotationValue({ text: V2 })
    const plan = await app.secrets.planRotation()
    expect(await plan.getByTestId('plan-new-name').getAttribute('placeholder')).toBe(`${SECRET}_v2`)
    expect(await plan.getByTestId(`plan-consumer-${SERVICE}`).getByTestId('plan-reference').getAttribute('data-target')).toBe(SECRET)
    expect(await plan.locator('[data-testid="plan-warning"][data-code="SINGLE_TASK_STOP_FIRST"]').innerText()).toContain(`${SERVICE} n'a qu'une tâche et se met à jour en stop-first`)
    expect(await app.text('plan-cli-command')).toContain(`--secret-rm ${SECRET} --secret-add source=${SECRET}_v2,target=${SECRET}`)
    expect(await objectNames(lab, 'secret', PREFIX)).toEqual([SECRET])

    await app.secrets.applyRotation()
    const result = app.byTestId('rotation-result')
    expect(await result.getAttribute('data-outcome')).toBe('completed')
    expect(await result.innerText()).toContain(`Rotation terminée : ${SECRET} → ${SECRET}_v2`)
    expect(await mounted(lab, SERVICE, 'secret')).toEqual([`${SECRET}_v2@${SECRET}:0:0:444`])
    expect(await objectNames(lab, 'secret', PREFIX)).toEqual([`${SECRET}_v2`])
    await expectNoValueShown()
    await app.byTestId('wizard-done').click()
  })

  it('the new task reads the new value', async () => {
    const pane = await readSecretInTask()
    const screen = await app.terminals.screenText(pane)
    expect(screen).toContain(V2)
    expect(screen).not.toContain(V1)
    await expectNoValueShown()
    expect(session.pageErrors()).toEqual([])
  })
})
