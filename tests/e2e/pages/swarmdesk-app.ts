import type { Locator, Page } from 'playwright-core'

/** Page object for the SwarmDesk UI: tests say what a user does, not which div to click. */
export class SwarmDeskApp {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id)
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await this.byTestId('transport-badge').waitFor({ timeout: 30_000 })
  }

  async goto(page: 'overview' | 'nodes' | 'services' | 'connections'): Promise<void> {
    await this.byTestId(`nav-${page}`).click()
    await this.byTestId(`${page}-page`).waitFor()
  }

  /** Fill the connection form with one endpoint and save it; the profile then appears in the list. */
  async addConnection(name: string, endpoint: { socketPath: string } | { ssh: { host: string; port: number; user: string; identityFile: string; remoteSocket: string } }): Promise<void> {
    await this.goto('connections')
    await this.byTestId('new-connection').click()
    const form = this.byTestId('connection-form')
    await form.getByTestId('connection-name').fill(name)
    const first = form.getByTestId('endpoint-0')
    if ('socketPath' in endpoint) {
      await first.getByTestId('endpoint-kind-socket').click()
      await first.getByTestId('socket-path').fill(endpoint.socketPath)
    } else {
      await first.getByTestId('endpoint-kind-ssh').click()
      await first.getByTestId('ssh-host').fill(endpoint.ssh.host)
      await first.getByTestId('ssh-port').fill(String(endpoint.ssh.port))
      await first.getByTestId('ssh-user').fill(endpoint.ssh.user)
      await first.getByTestId('ssh-identity').fill(endpoint.ssh.identityFile)
      const agent = first.getByTestId('ssh-agent')
      if (await agent.isChecked()) await agent.uncheck()
      await first.getByTestId('ssh-remote-socket').fill(endpoint.ssh.remoteSocket)
    }
    await form.getByTestId('save-connection').click()
    await this.byTestId(`profile-row-${name}`).waitFor()
  }

  async openProfile(name: string): Promise<void> {
    await this.goto('connections')
    await this.byTestId(`profile-open-${name}`).click()
  }

  async waitForClusterReady(name: string): Promise<void> {
    await this.page.locator(`[data-testid="cluster-item-${name}"][data-phase="ready"]`).waitFor({ timeout: 30_000 })
  }

  async text(id: string): Promise<string> {
    return (await this.byTestId(id).innerText()).trim()
  }

  // --- Nodes page -------------------------------------------------------------------------

  async setNodeSelected(hostname: string, selected: boolean): Promise<void> {
    const box = this.byTestId(`node-select-${hostname}`)
    if (selected) await box.check()
    else await box.uncheck()
  }

  /** The node labels (key=value badges) the table shows for one node. */
  async nodeLabels(hostname: string): Promise<string[]> {
    return (await this.byTestId(`node-row-${hostname}`).getByTestId('node-label').allInnerTexts()).map((s) => s.trim())
  }

  /** "Edit labels" for the checked nodes; resolves with the open editor. */
  async openLabelEditor(): Promise<Locator> {
    await this.byTestId('edit-labels').click()
    const editor = this.byTestId('label-editor')
    await editor.waitFor()
    return editor
  }

  /** Adds a row at the end of the label editor and types into it; returns the row's index. */
  async addLabelRow(key: string, value: string): Promise<number> {
    const editor = this.byTestId('label-editor')
    await editor.getByTestId('label-add').click()
    const index = (await editor.locator('[data-testid^="label-key-"]').count()) - 1
    await editor.getByTestId(`label-key-${index}`).fill(key)
    await editor.getByTestId(`label-value-${index}`).fill(value)
    return index
  }

  /** Save in the label editor and wait for the per-node results. */
  async saveLabels(): Promise<Locator> {
    await this.byTestId('label-save').click()
    const results = this.byTestId('label-results')
    await results.waitFor({ timeout: 60_000 })
    return results
  }

  async closeLabelEditor(): Promise<void> {
    await this.byTestId('label-close').click()
    await this.byTestId('label-editor').waitFor({ state: 'detached' })
  }

  /** Row menu -> availability or role action; resolves once the dialog shows main's check. */
  async startNodeChange(hostname: string, action: 'active' | 'pause' | 'drain' | 'promote' | 'demote'): Promise<Locator> {
    await this.byTestId(`node-actions-${hostname}`).click()
    await this.byTestId(`node-action-${action}`).click()
    const dialog = this.byTestId('node-change-dialog')
    await dialog.waitFor()
    await dialog.locator('[data-testid="node-change-cli"], [data-testid="node-change-check-error"]').first().waitFor({ timeout: 30_000 })
    return dialog
  }

  // --- Placement page ---------------------------------------------------------------------

  async gotoPlacement(): Promise<void> {
    await this.byTestId('nav-placement').click()
    await this.byTestId('placement-page').waitFor()
  }

  /** The services x nodes matrix (with its side panel) or the draft planner. */
  async placementView(view: 'matrix' | 'draft'): Promise<void> {
    await this.byTestId(`placement-tab-${view}`).click()
    await this.page.locator(`[data-testid="placement-page"][data-view="${view}"]`).waitFor()
  }

  /** Pick an option of a Mantine Select by its label. */
  async selectOption(testId: string, label: string): Promise<void> {
    await this.byTestId(testId).click()
    await this.page.getByRole('option', { name: label, exact: true }).click()
  }

  /** Hostnames the plan inside `container` (draft-plan, service-plan) shows as eligible, and not. */
  async planEligibility(container: 'draft-plan' | 'service-plan'): Promise<{ eligible: string[]; ineligible: string[] }> {
    const rows = this.byTestId(container).locator('[data-testid^="plan-node-"][data-eligible]')
    const entries = await rows.evaluateAll((elements) =>
      elements.map((el) => ({ host: (el.getAttribute('data-testid') ?? '').replace(/^plan-node-/, ''), eligible: el.getAttribute('data-eligible') === 'true' }))
    )
    return { eligible: entries.filter((e) => e.eligible).map((e) => e.host).sort(), ineligible: entries.filter((e) => !e.eligible).map((e) => e.host).sort() }
  }

  /** One matrix cell as data: eligible, tasks planned, tasks there now, changed by the what-if. */
  async matrixCell(service: string, hostname: string): Promise<{ eligible: boolean; predicted: number; actual: number; changed: boolean }> {
    const cell = this.byTestId(`matrix-cell-${service}-${hostname}`)
    const [eligible, predicted, actual, changed] = await Promise.all(['data-eligible', 'data-predicted', 'data-actual', 'data-changed'].map((name) => cell.getAttribute(name)))
    return { eligible: eligible === 'true', predicted: Number(predicted), actual: Number(actual), changed: changed === 'true' }
  }

  /** What-if panel: describe one hypothetical change with the form and add it to the list. */
  async addWhatIfChange(change: { kind: 'labelAdd'; node: string; key: string; value: string } | { kind: 'labelRemove'; node: string; key: string } | { kind: 'availability'; node: string; availability: 'active' | 'pause' | 'drain' }): Promise<void> {
    const panel = this.byTestId('whatif-panel')
    const kinds = { labelAdd: 'Add or change a label', labelRemove: 'Remove a label', availability: 'Set availability' } as const
    await this.selectOption('whatif-kind', kinds[change.kind])
    await this.selectOption('whatif-node', change.node)
    if (change.kind === 'labelAdd') {
      await panel.getByTestId('whatif-key').fill(change.key)
      await panel.getByTestId('whatif-value').fill(change.value)
    } else if (change.kind === 'labelRemove') {
      await this.selectOption('whatif-label', change.key)
    } else {
      await this.selectOption('whatif-availability', change.availability)
    }
    const before = await panel.locator('[data-testid^="whatif-change-"][data-kind]').count()
    await panel.getByTestId('whatif-add-change').click()
    await panel.locator('[data-testid^="whatif-change-"][data-kind]').nth(before).waitFor()
  }

  // --- Stacks page ------------------------------------------------------------------------

  async gotoStacks(): Promise<void> {
    await this.byTestId('nav-stacks').click()
    await this.byTestId('stacks-page').waitFor()
  }

  /** From the stacks list (or anywhere on the page) to a blank editor. */
  async newStackDeploy(): Promise<void> {
    const back = this.byTestId('stacks-back')
    if (await back.isVisible()) await back.click()
    await this.byTestId('new-stack').click()
    await this.byTestId('stack-editor').waitFor()
  }

  /** Replace the text of the open compose buffer the way a user pastes: select all, insert. */
  async setStackEditorText(text: string): Promise<void> {
    const content = this.byTestId('stack-editor').locator('.cm-content')
    await content.click()
    await this.page.keyboard.press('ControlOrMeta+a')
    if (text === '') await this.page.keyboard.press('Delete')
    else await this.page.keyboard.insertText(text)
  }

  /** The buffer's text as CodeMirror shows it (one line per .cm-line). */
  async stackEditorText(): Promise<string> {
    return (await this.byTestId('stack-editor').locator('.cm-line').allInnerTexts()).join('\n')
  }

  /** Wait until the plan shown is the plan of what is typed now (or planning found nothing to plan). */
  async waitForStackPlan(state: 'fresh' | 'idle' | 'error' = 'fresh', timeout = 30_000): Promise<void> {
    await this.page.locator(`[data-testid="stack-plan-section"][data-state="${state}"]`).waitFor({ timeout })
  }

  /** Deploy the plan shown; resolves once the result (or the "plan changed" notice, or an error) is there. */
  async deployStack(timeout = 180_000): Promise<Locator> {
    await this.byTestId('stack-deploy').click()
    const progress = this.byTestId('deploy-progress')
    await progress.waitFor()
    await this.page.locator('[data-testid="deploy-progress"][data-running="false"]').waitFor({ timeout })
    return progress
  }

  /** Row action -> confirmation dialog (what goes, volumes kept, the CLI line); resolves with the dialog. */
  async askRemoveStack(name: string): Promise<Locator> {
    await this.byTestId(`stack-remove-${name}`).click()
    const dialog = this.byTestId('stack-remove')
    await dialog.getByTestId('stack-remove-volumes-note').waitFor()
    return dialog
  }
}
