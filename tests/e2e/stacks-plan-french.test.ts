import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, uniqueName, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The plan's and the deploy's sentences are built in main as phrases: with the UI in French, the
// outcome of each deploy step and the reason a change is blocked (swarm cannot change a service's
// mode) are said in French, while the docker CLI sees what was really done.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const STACK = uniqueName('h4st')
const SERVICE = `${STACK}_agent`

const compose = (image: string, mode: 'global' | 'replicated') => ['services:', '  agent:', `    image: ${image}`, '    deploy:', `      mode: ${mode}`, ''].join('\n')

beforeAll(async () => {
  lab = requireLab()
  session = await startBrowserSession(noDefaultEngineEnv())
  app = session.app
})

afterAll(async () => {
  if (lab) await docker(lab, 'manager1', ['stack', 'rm', STACK]).catch(() => undefined)
  await session?.stop()
})

describe('stack plan and deploy in French', () => {
  it('opens the lab in French, on a blank stack editor', async () => {
    await app.openLabCluster(session.server.url, labNode(lab, 'manager1').socket)
    await app.chooseLanguage('fr')
    await app.stacks.startNewStack(STACK)
  })

  it('says what each deploy step did in French', async () => {
    await app.stacks.setStackEditorText(compose(lab.images.sleeper, 'global'))
    await app.stacks.waitForStackPlan()
    expect(await app.byTestId('stack-plan').getAttribute('data-ok')).toBe('true')
    const progress = await app.stacks.deployStack()
    const row = progress.getByTestId(`progress-op-${SERVICE}`)
    expect(await row.getAttribute('data-status')).toBe('done')
    expect(await row.getByTestId('progress-message').innerText()).toBe(`service ${SERVICE} créé`)
    expect(await progress.getByTestId(`progress-op-${STACK}_default`).getByTestId('progress-message').innerText()).toBe(`réseau ${STACK}_default créé`)
    const mode = await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{if .Spec.Mode.Global}}global{{end}}', SERVICE])
    expect(mode).toBe('global')
  })

  it('says in French why a mode change is blocked, and how to fix it', async () => {
    await app.stacks.setStackEditorText(compose(lab.images.sleeper, 'replicated'))
    await app.stacks.waitForStackPlan()
    const op = app.byTestId(`plan-op-${SERVICE}`)
    await op.waitFor()
    expect(await op.getAttribute('data-blocked')).toBe('true')
    const blocked = op.getByTestId('plan-blocked')
    expect(await blocked.innerText()).toContain("Bloqué : swarm ne peut pas changer le mode d'un service (global -> répliqué)")
    expect(await blocked.getByTestId('plan-blocked-fix').innerText()).toBe(
      `Correction : supprimez d'abord le service (docker service rm ${SERVICE}) puis redéployez, ou donnez-lui une nouvelle clé dans le fichier`
    )
    // the problem list under the editor words the planner's problem in French too
    const problem = app.page.locator('[data-testid="stack-problem"][data-code="mode-change"]')
    expect(await problem.getByTestId('stack-problem-message').innerText()).toBe(
      `service ${SERVICE} : swarm ne peut pas changer le mode d'un service (global -> répliqué) ; le moteur refuse la mise à jour`
    )
    expect(await app.byTestId('stack-deploy').isDisabled()).toBe(true)
  })
})
