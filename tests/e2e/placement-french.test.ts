import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labNode, requireLab, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The placement planner's reasons and warnings are built in main as codes and worded by the app:
// in French, a draft constrained on a label no node has says so in French, per node and in the
// pending warning. Read-only: a draft creates nothing on the cluster.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const KEY = 'e2e.plfr.nowhere'

beforeAll(async () => {
  lab = requireLab()
  session = await startBrowserSession(noDefaultEngineEnv())
  app = session.app
})

afterAll(async () => {
  await session?.stop()
})

describe('placement planner in French', () => {
  it('opens the lab in French', async () => {
    await app.open(session.server.url)
    await app.addConnection('lab', { socketPath: labNode(lab, 'manager1').socket })
    await app.openProfile('lab')
    await app.waitForClusterReady('lab')
    await app.byTestId('language-switch').click()
    await app.byTestId('language-option-fr').click()
    await session.page.waitForFunction("document.documentElement.lang === 'fr'")
    await app.gotoPlacement()
    await app.byTestId('placement-matrix').waitFor({ timeout: 30_000 })
  })

  it('words the pending warning and every node reason of a draft in French', async () => {
    await app.placementView('draft')
    const form = app.byTestId('draft-form')
    await form.getByTestId('draft-replicas').fill('3')
    await form.getByTestId('draft-constraints').fill(`node.labels.${KEY} == yes`)
    const pending = app.byTestId('draft-plan').getByTestId('plan-pending')
    await pending.waitFor({ timeout: 30_000 })
    const text = await pending.innerText()
    expect(text).toContain("Aucun nœud n'est éligible : 3 tâches resteront en attente.")
    // Other helpers may drain a node meanwhile: that node then counts as not available instead.
    expect(text).toMatch(/aucun nœud adapté \(.*contraintes de placement non satisfaites sur \d+ nœuds?/)
    for (const node of lab.nodes) {
      const reasons = await app.byTestId('draft-plan').getByTestId(`plan-node-${node.hostname}`).getByTestId('plan-node-reason').allInnerTexts()
      expect(reasons).toContain(`node.labels.${KEY} == yes : label absent`)
    }
  })
})
