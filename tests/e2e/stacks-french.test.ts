import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, uniqueName, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// A bad compose file in the French UI: main builds the diagnostic as a phrase, the app words it
// in French under the editor and in the editor's own diagnostic, at its place; opening a file by a
// relative path is refused in French too. Nothing is deployed (the plan is refused), so nothing is
// created on the lab.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const STACK = uniqueName('h3cd-fr')

const COMPOSE = (image: string) => ['services:', '  web:', `    image: ${image}`, '    deploy:', '      replica: 2', ''].join('\n')

beforeAll(async () => {
  lab = requireLab()
  session = await startBrowserSession(noDefaultEngineEnv())
  app = session.app
})

afterAll(async () => {
  await session?.stop()
})

describe('compose diagnostics in French', () => {
  it('opens the lab in French, on a blank stack editor', async () => {
    await app.openLabCluster(session.server.url, labNode(lab, 'manager1').socket)
    await app.chooseLanguage('fr')
    await app.stacks.startNewStack(STACK)
  })

  it('says an unknown field in French, at its line and column, and refuses to deploy', async () => {
    await app.stacks.setStackEditorText(COMPOSE(lab.images.web1))
    await app.stacks.waitForStackPlan()
    const problem = app.byTestId('stack-problem')
    expect(await problem.count()).toBe(1)
    expect([await problem.getAttribute('data-code'), await problem.getAttribute('data-line'), await problem.getAttribute('data-column')]).toEqual(['compose', '5', '7'])
    expect(await problem.innerText()).toContain('Fichier compose invalide')
    expect(await problem.getByTestId('stack-problem-message').innerText()).toBe('services.web.deploy : champ inconnu `replica` (vouliez-vous dire `replicas` ?)')

    // the editor's diagnostic (its tooltip on hover) says the same in French
    const underlined = app.byTestId('stack-editor').locator('.cm-lintRange-error')
    await underlined.first().waitFor()
    await underlined.first().hover()
    const tooltip = app.page.locator('.cm-tooltip-lint')
    await tooltip.waitFor({ timeout: 10_000 })
    expect(await tooltip.innerText()).toContain('champ inconnu `replica` (vouliez-vous dire `replicas` ?)')

    expect(await app.byTestId('stack-deploy').isDisabled()).toBe(true)
    const stacks = await docker(lab, 'manager1', ['stack', 'ls', '--format', '{{.Name}}'])
    expect(stacks.split('\n')).not.toContain(STACK)
  })

  it('refuses to open a compose file by a relative path, in French', async () => {
    await app.byTestId('stack-open-path').fill('stack.yml')
    await app.byTestId('stack-open-file').click()
    const alert = app.page.locator('[data-testid="error-alert"][data-error-code="INVALID_INPUT"]')
    await alert.waitFor()
    expect(await alert.innerText()).toContain('"stack.yml" est un chemin relatif : indiquez le chemin absolu du fichier compose')
  })
})
