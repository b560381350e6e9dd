import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, uniqueName, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The convergence wait's sentence in the French UI: main sends it as a phrase (convergence.*)
// beside its English, the deploy panel words it in French. One small stack, removed at the end.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const STACK = uniqueName('h6cv-fr')

beforeAll(async () => {
  lab = requireLab()
  session = await startBrowserSession(noDefaultEngineEnv())
  app = session.app
})

afterAll(async () => {
  await docker(lab, 'manager1', ['stack', 'rm', STACK]).catch(() => undefined)
  await session?.stop()
})

describe('convergence in French', () => {
  it('deploys with the wait and says the service converged in French', async () => {
    await app.openLabCluster(session.server.url, labNode(lab, 'manager1').socket)
    await app.chooseLanguage('fr')
    await app.stacks.startNewStack(STACK)
    await app.stacks.setStackEditorText(['services:', '  web:', `    image: ${lab.images.web1}`, ''].join('\n'))
    await app.stacks.waitForStackPlan()
    const progress = await app.stacks.deployStack()
    const wait = progress.getByTestId(`progress-wait-${STACK}_web`)
    expect(await wait.getAttribute('data-status')).toBe('done')
    expect(await wait.getByTestId('progress-message').innerText()).toBe("1/1 en cours d'exécution")
    expect(await app.byTestId('deploy-result').getAttribute('data-ok')).toBe('true')
    expect(await docker(lab, 'manager1', ['stack', 'services', '--format', '{{.Replicas}}', STACK])).toBe('1/1')
  })
})
