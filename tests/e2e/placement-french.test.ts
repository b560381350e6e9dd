import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labNode, requireLab, waitFor, type LabStatus } from '../support/lab'
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
    await app.openLabCluster(session.server.url, labNode(lab, 'manager1').socket)
    await app.chooseLanguage('fr')
    await app.placement.gotoPlacement()
    await app.byTestId('placement-matrix').waitFor({ timeout: 30_000 })
  })

  it('words the pending warning and every node reason of a draft in French', async () => {
    await app.placement.placementView('draft')
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

  it('words constraint syntax errors and their suggestions in French, and the one-click fix still applies', async () => {
    await app.placement.placementView('draft')
    const form = app.byTestId('draft-form')
    await form.getByTestId('draft-constraints').fill(`node.labels.${KEY} = yes\na==b`)
    const refused = form.getByTestId('draft-constraint-issue-1')
    await refused.waitFor({ timeout: 30_000 })
    expect(await refused.innerText()).toContain('la contrainte attend un opérateur parmi ==, !=')
    // The fix is the parser's own field, not read back from the (now French) words.
    expect(await refused.getAttribute('data-fix')).toBe(`node.labels.${KEY} == yes`)
    const advised = form.getByTestId('draft-constraint-issue-2')
    await advised.waitFor({ timeout: 30_000 })
    expect(await advised.innerText()).toContain("la clé « a » n'est pas valide")
    expect(await advised.getByTestId('draft-constraint-suggestion').innerText()).toBe('une clé a au moins deux caractères ; vouliez-vous dire node.labels.a ?')

    await form.getByTestId('draft-constraint-fix-1').click()
    expect(await form.getByTestId('draft-constraints').inputValue()).toBe(`node.labels.${KEY} == yes\na==b`)
    await waitFor('the fixed line is no longer refused', async () => (await form.getByTestId('draft-constraint-issue-1').count()) === 0, 30_000)
  })

  it('logged no error in the page', () => {
    expect(session.pageErrors()).toEqual([])
  })
})
