import { PageObject } from './page-object'

/** The Placement page: the services x nodes matrix, the draft planner, the what-if panel. */
export class PlacementPage extends PageObject {
  async gotoPlacement(): Promise<void> {
    await this.byTestId('nav-placement').click()
    await this.byTestId('placement-page').waitFor()
  }

  /** The services x nodes matrix (with its side panel) or the draft planner. */
  async placementView(view: 'matrix' | 'draft'): Promise<void> {
    await this.byTestId(`placement-tab-${view}`).click()
    await this.page.locator(`[data-testid="placement-page"][data-view="${view}"]`).waitFor()
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
}
