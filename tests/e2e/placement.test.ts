import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The Placement page against the real lab, checked with the real docker CLI: a draft constrained
// on a label no node has (nothing eligible, tasks pending), the label added to two workers through
// the label editor reached from the plan, the draft's eligible set following, a constrained service
// created with the CLI landing exactly there, a what-if that would move its tasks (and changes
// nothing), and a misspelt constraint fixed with one click.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const KEY = 'e2e.pl'
const WORKERS = ['worker1', 'worker2'] as const
const SERVICE = uniqueName('e2e-pl')

async function labels(node: string): Promise<Record<string, string>> {
  return (JSON.parse(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{json .Spec.Labels}}', node])) as Record<string, string> | null) ?? {}
}
async function removeOurLabel(node: string): Promise<void> {
  if (KEY in (await labels(node))) await docker(lab, 'manager1', ['node', 'update', '--label-rm', KEY, node])
}
/** Nodes of the service's tasks that are meant to run, as `docker service ps` names them. */
async function taskNodes(): Promise<string[]> {
  const out = await docker(lab, 'manager1', ['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}', SERVICE])
  return out
    .split('\n')
    .filter((line) => /\sRunning\b/.test(line))
    .map((line) => line.split(' ')[0])
}

beforeAll(async () => {
  lab = requireLab()
  for (const node of lab.nodes) await removeOurLabel(node.hostname)
  session = await startBrowserSession(noDefaultEngineEnv())
  app = session.app
})

afterAll(async () => {
  await docker(lab, 'manager1', ['service', 'rm', SERVICE]).catch(() => undefined)
  for (const node of lab.nodes) await removeOurLabel(node.hostname).catch(() => undefined)
  await session?.stop()
})

describe('placement planner in the browser', () => {
  it('opens the lab and shows the services × nodes matrix', async () => {
    await app.open(session.server.url)
    await app.connections.addConnection('lab', { socketPath: labNode(lab, 'manager1').socket })
    await app.connections.openProfile('lab')
    await app.waitForClusterReady('lab')
    await app.placement.gotoPlacement()
    await app.byTestId('placement-matrix').waitFor({ timeout: 30_000 })
    for (const node of lab.nodes) await app.byTestId(`matrix-node-${node.hostname}`).waitFor()
  })

  it('plans a draft constrained on a label no node has: nothing eligible, every task pending', async () => {
    await app.placement.placementView('draft')
    const form = app.byTestId('draft-form')
    await form.getByTestId('draft-replicas').fill('4')
    await form.getByTestId('draft-constraints').fill(`node.labels.${KEY} == yes`)
    expect(await app.text('draft-cli-command')).toBe(`docker service create --replicas 4 --constraint 'node.labels.${KEY} == yes' IMAGE`)

    const pending = app.byTestId('draft-plan').getByTestId('plan-pending')
    await pending.waitFor({ timeout: 30_000 })
    await waitFor('the draft plan has 4 pending tasks', async () => (await pending.getAttribute('data-count')) === '4', 30_000)
    expect(await pending.innerText()).toMatch(/No node is eligible: 4 tasks will stay pending/)
    const { eligible, ineligible } = await app.placement.planEligibility('draft-plan')
    expect(eligible).toEqual([])
    expect(ineligible).toEqual(lab.nodes.map((n) => n.hostname).sort())
    // Each node says why: the constraint.
    const reasons = await app.byTestId('draft-plan').getByTestId('plan-node-worker1').getByTestId('plan-node-reason').allInnerTexts()
    expect(reasons.join(' ')).toContain(KEY)
  })

  it(`adds ${KEY}=yes to worker1 and worker2 with the label editor opened from the plan; the draft follows`, async () => {
    for (const node of WORKERS) {
      await app.byTestId('draft-plan').getByTestId(`plan-node-labels-${node}`).click()
      const editor = app.byTestId('label-editor')
      await editor.waitFor()
      expect(await editor.getAttribute('data-mode')).toBe('single')
      await app.nodes.addLabelRow(KEY, 'yes')
      expect(await app.text('label-cli-command')).toBe(`docker node update --label-add ${KEY}=yes ${node}`)
      const results = await app.nodes.saveLabels()
      expect(await results.getByTestId(`label-result-${node}`).getAttribute('data-ok')).toBe('true')
      await app.nodes.closeLabelEditor()
    }
    for (const node of WORKERS) expect((await labels(node))[KEY]).toBe('yes')

    await waitFor('the draft plan shows exactly worker1 and worker2 eligible', async () => JSON.stringify((await app.placement.planEligibility('draft-plan')).eligible) === JSON.stringify([...WORKERS]), 30_000)
    await app.byTestId('draft-plan').getByTestId('plan-pending').waitFor({ state: 'detached', timeout: 30_000 })
    const predicted = await app.byTestId('draft-plan').locator('[data-testid^="plan-node-"][data-predicted]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-predicted'))))
    expect(predicted.reduce((a, b) => a + b, 0)).toBe(4)
  })

  it('creates the constrained service with the CLI: the matrix shows it on the two workers only', async () => {
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', SERVICE, '--replicas', '4', '--constraint', `node.labels.${KEY}==yes`, lab.images.sleeper])
    await waitFor('4 running tasks', async () => (await taskNodes()).length === 4, 90_000)
    const running = [...new Set(await taskNodes())].sort()
    expect(running.every((node) => (WORKERS as readonly string[]).includes(node))).toBe(true)

    await app.placement.placementView('matrix')
    // The matrix is virtualised: filter it down to our service so its row is rendered.
    await app.byTestId('placement-filter').fill(SERVICE)
    const row = app.byTestId(`matrix-row-${SERVICE}`)
    await row.waitFor({ timeout: 30_000 })
    await waitFor('the matrix counts the 4 tasks', async () => {
      let total = 0
      for (const node of lab.nodes) total += (await app.placement.matrixCell(SERVICE, node.hostname)).actual
      return total === 4
    }, 30_000)
    const withTasks: string[] = []
    for (const node of lab.nodes) {
      const cell = await app.placement.matrixCell(SERVICE, node.hostname)
      expect(cell.eligible, `${node.hostname} eligible`).toBe((WORKERS as readonly string[]).includes(node.hostname))
      if (cell.actual > 0) withTasks.push(node.hostname)
    }
    expect(withTasks.sort()).toEqual(running)
    expect(await row.getAttribute('data-eligible-count')).toBe('2')
    expect(await row.getAttribute('data-alert')).toBeNull()
  })

  it('shows the service in detail: the workers eligible, every other node excluded by its constraint', async () => {
    await app.byTestId(`matrix-row-${SERVICE}`).click()
    const plan = app.byTestId('service-plan')
    await plan.getByTestId('plan-node-worker1').waitFor({ timeout: 30_000 })
    expect(await plan.getAttribute('data-service')).toBe(SERVICE)
    const { eligible } = await app.placement.planEligibility('service-plan')
    expect(eligible).toEqual([...WORKERS])
    expect(await plan.getByTestId('plan-constraints').innerText()).toContain(`node.labels.${KEY}==yes`)
    const reasons = await plan.getByTestId('plan-node-manager1').getByTestId('plan-node-reason').allInnerTexts()
    expect(reasons.join(' ')).toContain(KEY)
    expect(await plan.getByTestId('plan-pending').count()).toBe(0)
  })

  it('what-if: without the label on worker2 its tasks would move to worker1, and nothing changes on the cluster', async () => {
    await app.byTestId('placement-panel-whatif').click()
    await app.byTestId('whatif-panel').waitFor()
    await app.placement.addWhatIfChange({ kind: 'labelRemove', node: 'worker2', key: KEY })
    expect(await app.text('whatif-cli-command')).toBe(`docker node update --label-rm ${KEY} worker2`)

    const move = app.byTestId('whatif-moves').getByTestId(`whatif-move-${SERVICE}`)
    await move.waitFor({ timeout: 30_000 })
    expect(await move.getAttribute('data-from')).toBe('worker2')
    expect(await move.getAttribute('data-to')).toBe('worker1')
    const summary = await app.byTestId('whatif-summary').innerText()
    expect(summary).toContain(`${SERVICE}: `)
    expect(summary).toMatch(/will move \(.*worker2 \d→0/)
    expect(await app.byTestId('whatif-loses-all').count()).toBe(0)

    // The matrix shows the cluster after the change, the changed cells marked.
    await waitFor('the matrix shows the what-if', async () => (await app.placement.matrixCell(SERVICE, 'worker2')).changed, 30_000)
    const worker2 = await app.placement.matrixCell(SERVICE, 'worker2')
    expect(worker2.eligible).toBe(false)
    expect(worker2.predicted).toBe(0)
    expect((await app.placement.matrixCell(SERVICE, 'worker1')).predicted).toBe(4)
    await app.byTestId('placement-whatif-banner').waitFor()

    // Nothing was applied (the node's version index is not compared: the lab is shared with other suites).
    expect((await labels('worker2'))[KEY]).toBe('yes')
    expect((await taskNodes()).filter((node) => node === 'worker2').length).toBeGreaterThan(0)

    // Plan first, apply second: the label editor opens with the removal filled in; cancelled here.
    await app.byTestId('whatif-apply-labels').click()
    const editor = app.byTestId('label-editor')
    await editor.waitFor()
    expect(await editor.getByTestId(`label-row-${KEY}`).getAttribute('data-state')).toBe('removed')
    expect(await app.text('label-cli-command')).toBe(`docker node update --label-rm ${KEY} worker2`)
    await app.byTestId('label-cancel').click()
    await editor.waitFor({ state: 'detached' })
    expect((await labels('worker2'))[KEY]).toBe('yes')

    await app.byTestId('whatif-clear').click()
    await waitFor('the matrix is live again', async () => !(await app.placement.matrixCell(SERVICE, 'worker2')).changed, 30_000)
    expect((await app.placement.matrixCell(SERVICE, 'worker2')).eligible).toBe(true)
  })

  it('suggests node.labels.… for a misspelt label constraint, and fixes it in one click', async () => {
    await app.placement.placementView('draft')
    const form = app.byTestId('draft-form')
    await form.getByTestId('draft-constraints').fill(`labels.${KEY} == yes`)
    const issue = form.getByTestId('draft-constraint-issue-1')
    await issue.waitFor({ timeout: 30_000 })
    expect(await issue.getAttribute('data-level')).toBe('warning')
    expect(await issue.getAttribute('data-fix')).toBe(`node.labels.${KEY} == yes`)
    expect(await issue.innerText()).toContain(`unknown key 'labels.${KEY}'`)
    await waitFor('the misspelt constraint matches no node', async () => (await app.placement.planEligibility('draft-plan')).eligible.length === 0, 30_000)

    await form.getByTestId('draft-constraint-fix-1').click()
    expect(await form.getByTestId('draft-constraints').inputValue()).toBe(`node.labels.${KEY} == yes`)
    await issue.waitFor({ state: 'detached', timeout: 30_000 })
    await waitFor('the fixed constraint matches the two workers', async () => JSON.stringify((await app.placement.planEligibility('draft-plan')).eligible) === JSON.stringify([...WORKERS]), 30_000)
  })

  it('logged no error in the page', () => {
    expect(session.pageErrors()).toEqual([])
  })
})
