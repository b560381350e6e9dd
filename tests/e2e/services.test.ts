import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, uniqueName, type LabStatus } from '../support/lab'
import { WEB1 } from '../support/lab-images'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// Bad input in the service form, in Chromium against the lab: each problem is shown on its field
// with what was expected, the button stays disabled, and the cluster is not touched.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const SERVICE = uniqueName('h3-e2e-form')

beforeAll(async () => {
  lab = requireLab()
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', SERVICE, '--replicas', '1', WEB1])
  session = await startBrowserSession(noDefaultEngineEnv())
  app = session.app
  await app.openLabCluster(session.server.url, labNode(lab, 'manager1').socket)
})

afterAll(async () => {
  await docker(lab, 'manager1', ['service', 'rm', SERVICE]).catch(() => undefined)
  await session?.stop()
})

async function backToSystemLanguage(): Promise<void> {
  await app.byTestId('language-switch').click()
  await app.byTestId('language-option-system').click()
  await app.page.waitForFunction("document.documentElement.lang === 'en'")
}

/**
 * Runs `body` with the UI in French, then back to the system language (English here) whatever
 * happens. When `body` fails, its own error is the one reported: a form it left open would make the
 * switch back fail too, so the page is reloaded first (the language choice survives a reload).
 */
async function inFrench(body: () => Promise<void>): Promise<void> {
  await app.byTestId('language-switch').click()
  await app.byTestId('language-option-fr').click()
  await app.page.waitForFunction("document.documentElement.lang === 'fr'")
  try {
    await body()
  } catch (error) {
    await app.page.reload().catch(() => undefined)
    await backToSystemLanguage().catch(() => undefined)
    throw error
  }
  await backToSystemLanguage()
}

describe('service form: bad input changes nothing', () => {
  it('an invalid image reference and a bad duration are shown on their fields; nothing can be sent', async () => {
    const form = await app.services.openCreateService()
    await app.services.fillServiceForm({ name: uniqueName('h3-e2e-bad'), image: 'Web:Latest', update: { delay: '10 seconds' } })
    const plan = await app.services.serviceFormPlan(false)
    const issues = await plan.getByTestId('service-plan-issue').evaluateAll((els) => els.map((el) => [el.getAttribute('data-path'), el.textContent ?? '']))
    expect(issues.map(([path]) => path)).toEqual(['image', 'update.delay'])
    expect(issues[0][1]).toContain('is not a valid image reference')
    expect(issues[1][1]).toContain('"10 seconds" is not a duration')
    // the field itself says it too
    expect(await form.getByTestId('service-image').getAttribute('aria-invalid')).toBe('true')
    expect(await form.getByTestId('service-submit').isDisabled()).toBe(true)
    await app.services.discardServiceForm()
  })

  it('the update form refuses a mode change with what to do instead; the service keeps its version', async () => {
    const version = await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.Version.Index}}', SERVICE])
    await app.services.openService(SERVICE)
    const form = await app.services.openUpdateForm()
    expect(await form.getByTestId('service-name').isDisabled()).toBe(true)
    await app.services.fillServiceForm({ mode: 'global' })
    await app.services.serviceFormPlan(false)
    expect(await app.text('service-mode-error')).toContain("a service's mode cannot be changed (replicated -> global)")
    expect(await form.getByTestId('service-submit').isDisabled()).toBe(true)
    await app.services.discardServiceForm()
    expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.Version.Index}}', SERVICE])).toBe(version)
  })

  it('in French, the same problems are worded in French (main sends codes, not sentences)', async () => {
    await inFrench(async () => {
      await app.services.openCreateService()
      await app.services.fillServiceForm({ name: 'h3_e2e!', image: WEB1, update: { delay: '10x' } })
      const plan = await app.services.serviceFormPlan(false)
      const issues = await plan.getByTestId('service-plan-issue').evaluateAll((els) => els.map((el) => [el.getAttribute('data-path'), el.textContent ?? '']))
      expect(issues).toEqual([
        ['name', "name « h3_e2e! » n'est pas un nom de service valide : lettres et chiffres, avec - ou _ seulement entre eux, 63 caractères au plus"],
        ['update.delay', "update.delay « 10x » n'est pas une durée : il faut un nombre suivi d'une unité, comme 10s, 1m30s ou 500ms"]
      ])
      expect(await plan.getByTestId('service-plan-issues').innerText()).toContain('2 problèmes à corriger')
      await app.services.discardServiceForm()
    })
  })

  it('in French, a refusal main words itself reads in French: someone scaled the service while its update form was open, nothing is overwritten', async () => {
    await inFrench(async () => {
      await app.services.openService(SERVICE)
      const form = await app.services.openUpdateForm()
      await form.getByTestId('service-form-replicas').fill('2')
      await app.services.serviceFormPlan(true)
      // someone else changes the same field between the form's read and its write
      await docker(lab, 'manager1', ['service', 'update', '--detach', '--replicas', '3', SERVICE])
      await form.getByTestId('service-submit').click()
      const said = app.byTestId('service-submit-error-said')
      await said.waitFor({ timeout: 30_000 })
      expect(await said.innerText()).toBe(`${SERVICE} a changé depuis l'ouverture du formulaire (replicas) : quelqu'un d'autre l'a mis à jour ; rien n'a été écrasé, rouvrez le formulaire pour voir les valeurs actuelles`)
      expect(await app.text('service-submit-error-explanation')).toBe("Quelqu'un d'autre a modifié cet objet au même moment. Rien n'a été écrasé ; regardez l'état actuel et réessayez.")
      expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.Spec.Mode.Replicated.Replicas}}', SERVICE])).toBe('3')
      await app.services.discardServiceForm()
    })
  })
})

describe('service form: unsaved edits', () => {
  it('closing the update form with an edit asks first: keep editing keeps the form, discard closes it and changes nothing', async () => {
    const version = await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.Version.Index}}', SERVICE])
    await app.services.openService(SERVICE)
    // nothing edited: Escape closes without a question
    let form = await app.services.openUpdateForm()
    expect(await app.services.escapeServiceForm()).toBeNull()
    await form.waitFor({ state: 'hidden' })

    await app.services.openService(SERVICE)
    form = await app.services.openUpdateForm()
    await form.getByTestId('service-form-replicas').fill('4')
    expect(await app.services.escapeServiceForm()).not.toBeNull()
    const question = app.byTestId('service-form-discard')
    expect(await question.innerText()).toContain('Discard your changes?')
    await question.getByTestId('service-form-discard-cancel').click()
    await question.waitFor({ state: 'hidden' })
    expect(await form.getByTestId('service-fields').isVisible()).toBe(true)
    expect(await form.getByTestId('service-form-replicas').inputValue()).toBe('4')

    // Escape on the question backs out of it: the form and its edit stay
    expect(await app.services.escapeServiceForm()).not.toBeNull()
    await app.page.keyboard.press('Escape')
    await question.waitFor({ state: 'hidden' })
    expect(await form.getByTestId('service-form-replicas').inputValue()).toBe('4')

    // the X asks too; discard closes
    await form.getByRole('button', { name: 'Close' }).first().click()
    await question.getByTestId('service-form-discard-confirm').click()
    await form.waitFor({ state: 'hidden' })
    expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.Version.Index}}', SERVICE])).toBe(version)
  })
})
