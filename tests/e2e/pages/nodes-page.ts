import type { Locator } from 'playwright-core'
import { PageObject } from './page-object'

/** The Nodes page: selection, labels, availability and role changes. */
export class NodesPage extends PageObject {
  async setNodeSelected(hostname: string, selected: boolean): Promise<void> {
    const box = this.byTestId(`node-select-${hostname}`)
    if (selected) await box.check()
    else await box.uncheck()
  }

  /** The node labels (key=value badges) the table shows for one node. */
  async nodeLabels(hostname: string): Promise<string[]> {
    return (await this.byTestId(`node-row-${hostname}`).getByTestId('node-label').allInnerTexts()).map((s) => s.trim())
  }

  /** "n nodes of N" under the title, as the page says it. */
  async nodeCount(): Promise<string> {
    return this.text('nodes-count')
  }

  /** One row as `docker node ls` / `docker node inspect` say it: the states as status values, the texts as shown. */
  async nodeFacts(hostname: string): Promise<{ role: string | null; manager: string; availability: string | null; state: string | null; engine: string; labels: string[] }> {
    const row = this.byTestId(`node-row-${hostname}`)
    await row.waitFor({ timeout: 30_000 })
    const cell = (column: string) => row.locator(`[data-column="${column}"]`)
    const status = (column: string) => cell(column).locator('[data-status]').getAttribute('data-status')
    const leader = (await cell('manager').getByTestId('leader-star').count()) > 0
    const managerBadge = cell('manager').locator('[data-status]')
    return {
      role: await status('role'),
      manager: leader ? 'leader' : (await managerBadge.count()) > 0 ? ((await managerBadge.getAttribute('data-status')) ?? '') : '',
      availability: await status('availability'),
      state: await status('state'),
      engine: (await cell('engine').innerText()).trim(),
      labels: (await row.locator('[data-testid="node-label"], [data-testid="engine-label"]').allInnerTexts()).map((s) => s.trim())
    }
  }

  /** How many nodes are checked (0 when the selection bar shows no count). */
  async selectedNodeCount(): Promise<number> {
    const count = this.byTestId('nodes-selection-count')
    return (await count.isVisible()) ? Number(await count.getAttribute('data-count')) : 0
  }

  /** The read-only engine labels the open label editor shows, as key=value or key with its note. */
  async editorEngineLabels(): Promise<string[]> {
    const rows = this.byTestId('label-editor').locator('[data-testid^="label-engine-row-"]')
    return (await rows.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim())
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
