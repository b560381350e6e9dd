import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, waitFor, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The Nodes page against the real lab, checked with the real docker CLI: a bulk label edit on two
// workers, a removal on one, an invalid key refused before anything is sent, drain and activate
// through the plan-then-apply dialog, and a demotion that is only looked at (its warning), never made.
let lab: LabStatus
let session: BrowserSession
let page: Page
let app: SwarmDeskApp
const WORKERS = ['worker1', 'worker2'] as const
const original: Record<string, { availability: string }> = {}

async function labels(node: string): Promise<Record<string, string>> {
  return (JSON.parse(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{json .Spec.Labels}}', node])) as Record<string, string> | null) ?? {}
}
async function inspect(node: string, format: string): Promise<string> {
  return docker(lab, 'manager1', ['node', 'inspect', '--format', format, node])
}
/** Removes the labels this file adds (e2e.*), whoever left them. */
async function cleanLabels(node: string): Promise<void> {
  const ours = Object.keys(await labels(node)).filter((key) => key.startsWith('e2e.'))
  if (ours.length) await docker(lab, 'manager1', ['node', 'update', ...ours.flatMap((key) => ['--label-rm', key]), node])
}

beforeAll(async () => {
  lab = requireLab()
  for (const node of WORKERS) {
    original[node] = { availability: await inspect(node, '{{.Spec.Availability}}') }
    await cleanLabels(node)
  }
  session = await startBrowserSession(noDefaultEngineEnv())
  page = session.page
  app = session.app
})

afterAll(async () => {
  for (const node of WORKERS) {
    await cleanLabels(node).catch(() => undefined)
    await docker(lab, 'manager1', ['node', 'update', '--availability', original[node]?.availability ?? 'active', node]).catch(() => undefined)
  }
  await session?.stop()
})

describe('node labels, availability and role in the browser', () => {
  it('opens the lab and shows its nodes with checkboxes', async () => {
    await app.open(session.server.url)
    await app.connections.addConnection('lab', { socketPath: labNode(lab, 'manager1').socket })
    await app.connections.openProfile('lab')
    await app.waitForClusterReady('lab')
    await app.goto('nodes')
    for (const node of lab.nodes) await app.byTestId(`node-select-${node.hostname}`).waitFor()
    expect(await app.byTestId('edit-labels').isDisabled()).toBe(true)
  })

  it('adds e2e.zone=blue to worker1 and worker2 in one save', async () => {
    for (const node of WORKERS) await app.nodes.setNodeSelected(node, true)
    expect(await app.byTestId('nodes-selection-count').getAttribute('data-count')).toBe('2')
    const editor = await app.nodes.openLabelEditor()
    expect(await editor.getAttribute('data-mode')).toBe('multi')
    await app.nodes.addLabelRow('e2e.zone', 'blue')
    expect(await app.text('label-cli-command')).toBe('docker node update --label-add e2e.zone=blue worker1\ndocker node update --label-add e2e.zone=blue worker2')

    const results = await app.nodes.saveLabels()
    for (const node of WORKERS) {
      const result = results.getByTestId(`label-result-${node}`)
      expect(await result.getAttribute('data-ok')).toBe('true')
      expect(await result.getAttribute('data-changed')).toBe('true')
    }
    for (const node of WORKERS) expect((await labels(node))['e2e.zone']).toBe('blue')
    await app.nodes.closeLabelEditor()
    // The table follows the mirror (the engine's node update event), not the editor.
    for (const node of WORKERS) await waitFor(`${node} shows e2e.zone=blue`, async () => (await app.nodes.nodeLabels(node)).includes('e2e.zone=blue'), 30_000)
  })

  it('shows where a label is in a bulk edit, and filters by it', async () => {
    const editor = await app.nodes.openLabelEditor()
    expect(await app.text('label-coverage-e2e.zone')).toBe('2/2')
    expect(await editor.getByTestId('label-no-change').isVisible()).toBe(true)
    expect(await app.byTestId('label-save').isDisabled()).toBe(true)
    await app.byTestId('label-cancel').click()
    await editor.waitFor({ state: 'detached' })

    await app.byTestId('nodes-filter-label').fill('e2e.zone=blue')
    await waitFor('only the two workers are listed', async () => (await page.locator('[data-testid^="node-row-"]').count()) === 2)
    await app.byTestId('nodes-filter-clear').click()
    await waitFor('every node is listed again', async () => (await page.locator('[data-testid^="node-row-"]').count()) === lab.nodes.length)
  })

  it('removes the label from worker1 only', async () => {
    await app.nodes.setNodeSelected('worker2', false)
    const editor = await app.nodes.openLabelEditor()
    expect(await editor.getAttribute('data-mode')).toBe('single')
    await editor.getByTestId('label-row-e2e.zone').waitFor()
    await app.byTestId('label-remove-e2e.zone').click()
    expect(await app.byTestId('label-row-e2e.zone').getAttribute('data-state')).toBe('removed')
    expect(await app.text('label-cli-command')).toBe('docker node update --label-rm e2e.zone worker1')
    const results = await app.nodes.saveLabels()
    expect(await results.getByTestId('label-result-worker1').getAttribute('data-ok')).toBe('true')
    expect(await results.locator('[data-testid^="label-result-"][data-ok]').count()).toBe(1)
    expect(await labels('worker1')).not.toHaveProperty('e2e.zone')
    expect((await labels('worker2'))['e2e.zone']).toBe('blue')
    await app.nodes.closeLabelEditor()
    await waitFor('worker1 no longer shows e2e.zone', async () => !(await app.nodes.nodeLabels('worker1')).some((l) => l.startsWith('e2e.zone')), 30_000)
    expect(await app.nodes.nodeLabels('worker2')).toContain('e2e.zone=blue')
  })

  it('refuses a key with a space, saying why, and changes nothing', async () => {
    const versionBefore = await inspect('worker1', '{{.Version.Index}}')
    await app.nodes.openLabelEditor()
    const index = await app.nodes.addLabelRow('e2e bad', 'x')
    const row = page.locator(`[data-testid^="label-row-"][data-row-index="${index}"]`)
    await row.getByText('“e2e bad” contains whitespace: a placement constraint could not name it.').waitFor()
    expect(await app.byTestId(`label-key-${index}`).getAttribute('aria-invalid')).toBe('true')
    expect(await app.byTestId('label-save').isDisabled()).toBe(true)
    await app.byTestId('label-fix-problems').waitFor()
    await app.byTestId('label-cancel').click()
    await app.byTestId('label-editor').waitFor({ state: 'detached' })
    expect(await inspect('worker1', '{{.Version.Index}}')).toBe(versionBefore)
    expect(Object.keys(await labels('worker1')).filter((k) => k.startsWith('e2e'))).toEqual([])
  })

  it('drains worker2 with the CLI equivalent shown, then makes it active again', async () => {
    let dialog = await app.nodes.startNodeChange('worker2', 'drain')
    expect(await app.text('node-change-cli-command')).toBe('docker node update --availability drain worker2')
    expect(await dialog.getByTestId('node-change-refusal').count()).toBe(0)
    await app.byTestId('node-change-confirm').click()
    await dialog.waitFor({ state: 'detached' })
    expect(await inspect('worker2', '{{.Spec.Availability}}')).toBe('drain')
    await page.locator('[data-testid="node-row-worker2"] [data-status="drain"]').waitFor({ timeout: 30_000 })

    dialog = await app.nodes.startNodeChange('worker2', 'active')
    expect(await app.text('node-change-cli-command')).toBe('docker node update --availability active worker2')
    await app.byTestId('node-change-confirm').click()
    await dialog.waitFor({ state: 'detached' })
    expect(await inspect('worker2', '{{.Spec.Availability}}')).toBe('active')
    await page.locator('[data-testid="node-row-worker2"] [data-status="active"]').waitFor({ timeout: 30_000 })
  })

  it('warns that demoting manager3 leaves an even number of managers (cancelled, never made)', async () => {
    const dialog = await app.nodes.startNodeChange('manager3', 'demote')
    expect(await app.text('node-change-cli-command')).toBe('docker node demote manager3')
    const warnings = await dialog.getByTestId('node-change-warning').allInnerTexts()
    expect(warnings.some((w) => /2 managers is an even number/.test(w))).toBe(true)
    expect(await dialog.getByTestId('node-change-refusal').count()).toBe(0)
    await app.byTestId('node-change-confirm').waitFor()
    await app.byTestId('node-change-cancel').click()
    await dialog.waitFor({ state: 'detached' })
    expect(await inspect('manager3', '{{.Spec.Role}}')).toBe('manager')
  })

  it('shows the engine labels the table shows (lab.node=…) in the editor, read-only, saying where they come from', async () => {
    for (const node of WORKERS) await app.nodes.setNodeSelected(node, true)
    const tableEngineLabels = await app.byTestId('node-row-worker1').getByTestId('engine-label').allInnerTexts()
    expect(tableEngineLabels.map((l) => l.trim())).toContain('lab.node=worker1')
    const editor = await app.nodes.openLabelEditor()
    expect(await app.nodes.editorEngineLabels()).toEqual(['lab.node differs: worker1, worker2 2/2'])
    expect(await app.text('label-engine-note')).toContain("engine's configuration")
    // nothing of it is editable: no input holds the key, and no change is pending
    expect(await editor.locator('[data-testid^="label-engine-row-"] input').count()).toBe(0)
    expect(await editor.locator('input[value="lab.node"]').count()).toBe(0)
    expect(await editor.getByTestId('label-no-change').isVisible()).toBe(true)
    await app.byTestId('label-cancel').click()
    await editor.waitFor({ state: 'detached' })

    await app.nodes.setNodeSelected('worker2', false)
    await app.nodes.openLabelEditor()
    expect(await app.nodes.editorEngineLabels()).toEqual(['lab.node=worker1'])
    await app.byTestId('label-cancel').click()
    await app.byTestId('label-editor').waitFor({ state: 'detached' })
  })

  it('forgets the selection when the user leaves the Nodes page', async () => {
    for (const node of WORKERS) await app.nodes.setNodeSelected(node, true)
    expect(await app.nodes.selectedNodeCount()).toBe(2)
    await app.goto('services')
    await app.goto('nodes')
    for (const node of lab.nodes) await app.byTestId(`node-select-${node.hostname}`).waitFor()
    expect(await app.nodes.selectedNodeCount()).toBe(0)
    for (const node of WORKERS) expect(await app.byTestId(`node-select-${node}`).isChecked()).toBe(false)
    expect(await app.byTestId('edit-labels').isDisabled()).toBe(true)
  })

  it('logged no error in the page', () => {
    // The refused default engine is reported in the UI, not as a page error.
    expect(session.pageErrors()).toEqual([])
  })
})
