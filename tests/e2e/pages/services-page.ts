import type { Locator } from 'playwright-core'
import { PageObject } from './page-object'

/** The Services page: the create / update form and the drawer actions. */
export class ServicesPage extends PageObject {
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
    secrets?: { source: string; target?: string }[]
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
    if (values.secrets) {
      await form.getByTestId('section-secrets').click()
      for (const [i, secret] of values.secrets.entries()) {
        await form.getByTestId('service-add-secrets').click()
        await this.selectOption(`service-secrets-${i}-source`, secret.source)
        if (secret.target !== undefined) await form.getByTestId(`service-secrets-${i}-target`).fill(secret.target)
      }
    }
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

  /** Escape on the form: with unsaved edits, the "discard your changes?" question (returned); else null once closed. */
  async escapeServiceForm(): Promise<Locator | null> {
    await this.page.keyboard.press('Escape')
    const question = this.byTestId('service-form-discard')
    const form = this.byTestId('service-form')
    await Promise.race([question.getByTestId('service-form-discard-confirm').waitFor(), form.waitFor({ state: 'hidden' })])
    return (await question.getByTestId('service-form-discard-confirm').isVisible()) ? question : null
  }

  /** Close the form, discarding its edits if it asks. */
  async discardServiceForm(): Promise<void> {
    const question = await this.escapeServiceForm()
    if (question) await question.getByTestId('service-form-discard-confirm').click()
    await this.byTestId('service-form').waitFor({ state: 'hidden' })
  }

  async submitServiceForm(): Promise<void> {
    await this.byTestId('service-submit').click()
    await this.byTestId('service-form').waitFor({ state: 'hidden', timeout: 30_000 })
  }

  /** Open a service's drawer from the Services page. */
  async openService(name: string): Promise<Locator> {
    await this.closeServiceDrawer()
    await this.goto('services')
    // the page remembers the drawer it had open when the user left it
    await this.closeServiceDrawer()
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
}
