import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { cliCreate, objectNames, removeQuietly, SLEEPER_IMAGE } from '../support/rotation-lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The rotation planner's refusals and warnings are built in main (English for the CLI, a phrase
// for the app): with the UI in French, the wizard says them in French. A config used by a service
// with no replica (nothing runs) whose update_config says failure_action: continue, rotated to the
// very same content: refused as identical, with the failure_action warning. Nothing is applied.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp

const PREFIX = uniqueName('h5se')
const CONFIG = `${PREFIX}-conf`
const SERVICE = `${PREFIX}-svc`
const CONTENT = 'listen 8080\n'

beforeAll(async () => {
  lab = requireLab()
  await cliCreate(lab, 'config', CONFIG, CONTENT)
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', SERVICE, '--replicas', '0', '--update-failure-action', 'continue', '--config', `source=${CONFIG},target=/app.conf`, SLEEPER_IMAGE])
  session = await startBrowserSession(noDefaultEngineEnv())
  app = session.app
})

afterAll(async () => {
  await removeQuietly(lab, ['service', 'rm', SERVICE])
  await waitFor('our service gone', async () => !(await docker(lab, 'manager1', ['service', 'ls', '--format', '{{.Name}}'])).includes(PREFIX), 60_000).catch(() => undefined)
  for (const name of await objectNames(lab, 'config', PREFIX).catch(() => [])) await removeQuietly(lab, ['config', 'rm', name])
  await session?.stop()
})

describe('rotation wizard in French', () => {
  it('opens the lab in French', async () => {
    await app.open(session.server.url)
    await app.connections.addConnection('lab', { socketPath: labNode(lab, 'manager1').socket })
    await app.connections.openProfile('lab')
    await app.waitForClusterReady('lab')
    await app.chooseLanguage('fr')
    await app.secrets.gotoSecrets('config')
  })

  it('refuses the same content and warns about failure_action: continue, in French', async () => {
    await app.secrets.startRotation(CONFIG)
    await app.secrets.setRotationValue({ text: CONTENT })
    const plan = await app.secrets.planRotation()
    const refusal = plan.locator('[data-testid="plan-refusal"][data-code="IDENTICAL_VALUE"]')
    expect(await refusal.innerText()).toContain(`la nouvelle valeur est identique à celle de ${CONFIG} : la rotation redémarrerait tous les services consommateurs pour rien`)
    const warning = plan.locator('[data-testid="plan-warning"][data-code="UPDATE_FAILURE_ACTION"]')
    expect(await warning.innerText()).toContain(`l'update_config de ${SERVICE} indique failure_action: continue : le moteur n'arrêtera pas un déploiement qui échoue`)
    expect(await warning.innerText()).not.toContain('so the engine will not stop')
    // Planned only: no new version exists.
    expect(await objectNames(lab, 'config', PREFIX)).toEqual([CONFIG])
  })
})
