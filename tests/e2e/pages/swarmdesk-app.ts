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
}
