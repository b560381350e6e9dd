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

  /** Pin the UI language with the header's EN/FR switch; resolves once `<html lang>` follows. */
  async chooseLanguage(language: 'en' | 'fr'): Promise<void> {
    await this.byTestId('language-switch').click()
    await this.byTestId(`language-option-${language}`).click()
    await this.page.waitForFunction(`document.documentElement.lang === '${language}'`)
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

  // --- Services page (create / update form, drawer actions) --------------------------------

  /** Open SwarmDesk at `url`, save a connection named `lab` to the given socket and open it. */
  async openLabCluster(url: string, socketPath: string): Promise<void> {
    await this.open(url)
    await this.addConnection('lab', { socketPath })
    await this.openProfile('lab')
    await this.waitForClusterReady('lab')
  }

  /** Close a service drawer left open by an earlier step (its overlay covers the page). */
  async closeServiceDrawer(): Promise<void> {
    if (await this.byTestId('service-detail').isVisible()) {
      await this.page.keyboard.press('Escape')
      await this.byTestId('service-detail').waitFor({ state: 'detached' })
    }
  }

  /** Open the create form from the Services page. */
  async openCreateService(): Promise<Locator> {
    await this.closeServiceDrawer()
    await this.goto('services')
    await this.byTestId('service-create-open').click()
    const form = this.byTestId('service-form')
    await form.getByTestId('service-fields').waitFor()
    return form
  }

  /** Fill the fields a course exercise uses; sections are opened as needed. */
  async fillServiceForm(values: {
    name?: string
    image?: string
    mode?: 'replicated' | 'global'
    replicas?: number
    ports?: { published: number; target: number }[]
    constraints?: string[]
    update?: { parallelism?: number; delay?: string }
  }): Promise<void> {
    const form = this.byTestId('service-form')
    if (values.name !== undefined) await form.getByTestId('service-name').fill(values.name)
    if (values.image !== undefined) await form.getByTestId('service-image').fill(values.image)
    if (values.mode !== undefined) await form.getByTestId('service-mode').getByText(values.mode, { exact: true }).click()
    if (values.replicas !== undefined) await form.getByTestId('service-form-replicas').fill(String(values.replicas))
    for (const [i, port] of (values.ports ?? []).entries()) {
      await form.getByTestId('service-add-port').click()
      await form.getByTestId(`service-port-${i}-published`).fill(String(port.published))
      await form.getByTestId(`service-port-${i}-target`).fill(String(port.target))
    }
    if (values.constraints) await form.getByTestId('service-constraints').fill(values.constraints.join('\n'))
    if (values.update) {
      await form.getByTestId('section-update').click()
      if (values.update.parallelism !== undefined) await form.getByTestId('service-update-parallelism').fill(String(values.update.parallelism))
      if (values.update.delay !== undefined) await form.getByTestId('service-update-delay').fill(values.update.delay)
    }
  }

  /** Wait until the plan on the right answers for what is typed; returns it. */
  async serviceFormPlan(expectOk: boolean, timeout = 30_000): Promise<Locator> {
    const plan = this.page.locator(`[data-testid="service-form-plan"][data-fresh="true"][data-ok="${expectOk}"]`)
    await plan.waitFor({ timeout })
    return plan
  }

  async submitServiceForm(): Promise<void> {
    await this.byTestId('service-submit').click()
    await this.byTestId('service-form').waitFor({ state: 'hidden', timeout: 30_000 })
  }

  /** Open a service's drawer from the Services page. */
  async openService(name: string): Promise<Locator> {
    await this.closeServiceDrawer()
    await this.goto('services')
    await this.byTestId('services-filter').fill(name)
    await this.byTestId(`service-row-${name}`).click()
    const detail = this.byTestId('service-detail')
    await detail.waitFor()
    return detail
  }

  /** `running/desired` of a service row, once it reads as expected. */
  async waitForReplicas(name: string, value: string, timeout = 120_000): Promise<void> {
    const filter = this.byTestId('services-filter')
    if ((await filter.inputValue()) !== name) await filter.fill(name)
    await this.page.locator(`[data-testid="service-row-${name}"] [data-testid="service-replicas"]`).filter({ hasText: new RegExp(`^${value}$`) }).waitFor({ timeout })
  }

  async scaleService(replicas: number): Promise<void> {
    await this.byTestId('scale-replicas').fill(String(replicas))
    await this.byTestId('scale-apply').click()
  }

  async openUpdateForm(): Promise<Locator> {
    await this.byTestId('service-update-open').click()
    const form = this.byTestId('service-form')
    await form.getByTestId('service-fields').waitFor()
    return form
  }

  async removeService(): Promise<void> {
    await this.byTestId('service-remove').click()
    await this.byTestId('service-remove-dialog-confirm').click()
    await this.byTestId('service-detail').waitFor({ state: 'detached', timeout: 30_000 })
  }

  /** Wait for the rollout monitor to show a state (updating, paused, completed, rollback_completed...). */
  async waitForRollout(state: string, timeout = 180_000): Promise<Locator> {
    const monitor = this.page.locator(`[data-testid="rollout-monitor"][data-state="${state}"]`)
    await monitor.waitFor({ timeout })
    return monitor
  }

  // --- Secrets & configs page --------------------------------------------------------------

  async gotoSecrets(kind: 'secret' | 'config' = 'secret'): Promise<void> {
    await this.byTestId('nav-secrets').click()
    await this.byTestId('secrets-page').waitFor()
    const back = this.byTestId('wizard-leave')
    if (await back.isVisible()) await back.click()
    await this.byTestId(`secrets-tab-${kind}`).click()
    await this.page.locator(`[data-testid="secrets-page"][data-view="list"][data-tab="${kind}"]`).waitFor()
  }

  /** The list filtered down to one object (the table is virtualised); resolves with its row. */
  async secretsRow(name: string): Promise<Locator> {
    await this.byTestId('secrets-filter').fill(name)
    const row = this.byTestId(`object-row-${name}`)
    await row.waitFor({ timeout: 30_000 })
    return row
  }

  /** Fill the create dialog (typed value) without submitting; resolves with the dialog. */
  async fillCreateDialog(input: { kind: 'secret' | 'config'; name: string; value: string; labels?: Record<string, string> }): Promise<Locator> {
    await this.byTestId('secrets-create').click()
    const dialog = this.byTestId('create-dialog')
    await dialog.getByTestId(`create-kind-${input.kind}`).click()
    await dialog.getByTestId('create-name').fill(input.name)
    let index = 0
    for (const [key, value] of Object.entries(input.labels ?? {})) {
      if (index > 0) await dialog.getByTestId('create-label-add').click()
      await dialog.getByTestId(`create-label-key-${index}`).fill(key)
      await dialog.getByTestId(`create-label-value-${index}`).fill(value)
      index++
    }
    await dialog.getByTestId('create-value-mode-text').click()
    await dialog.getByTestId('create-value-text').fill(input.value)
    return dialog
  }

  /** From the object's row to step 1 of the rotation wizard. */
  async startRotation(name: string): Promise<Locator> {
    const row = await this.secretsRow(name)
    await row.getByTestId(`object-rotate-${name}`).click()
    const wizard = this.byTestId('rotation-wizard')
    await this.page.locator('[data-testid="rotation-wizard"][data-step="choose"]').waitFor()
    return wizard
  }

  /** Step 1's value: typed text, or generated by main. */
  async setRotationValue(value: { text: string } | { generate: number }): Promise<void> {
    const wizard = this.byTestId('rotation-wizard')
    if ('text' in value) {
      await wizard.getByTestId('wizard-value-mode-text').click()
      await wizard.getByTestId('wizard-value-text').fill(value.text)
    } else {
      await wizard.getByTestId('wizard-value-mode-generate').click()
      await wizard.getByTestId('wizard-value-length').fill(String(value.generate))
    }
  }

  /** Step 1 -> step 2; resolves once the plan shown is the plan of the options shown. */
  async planRotation(): Promise<Locator> {
    await this.byTestId('wizard-next').click()
    await this.waitForRotationPlan()
    return this.byTestId('rotation-plan')
  }

  async waitForRotationPlan(timeout = 30_000): Promise<void> {
    await this.page.locator('[data-testid="rotation-plan"][data-state="fresh"]').waitFor({ timeout })
  }

  /** Apply the plan shown and wait for the outcome; resolves with the run panel. */
  async applyRotation(timeout = 240_000): Promise<Locator> {
    await this.byTestId('plan-apply').click()
    const run = this.byTestId('rotation-run')
    await run.waitFor()
    await this.page.locator('[data-testid="rotation-run"][data-running="false"]').waitFor({ timeout })
    return run
  }
}
