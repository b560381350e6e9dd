import type { Locator, Page } from 'playwright-core'

/** What every page object shares: test ids, the navigation bar, the controls every page uses. */
export class PageObject {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id)
  }

  async goto(page: 'overview' | 'nodes' | 'services' | 'connections'): Promise<void> {
    await this.byTestId(`nav-${page}`).click()
    await this.byTestId(`${page}-page`).waitFor()
  }

  async text(id: string): Promise<string> {
    return (await this.byTestId(id).innerText()).trim()
  }

  /** Pick an option of a Mantine Select by its label. */
  async selectOption(testId: string, label: string): Promise<void> {
    await this.byTestId(testId).click()
    await this.page.getByRole('option', { name: label, exact: true }).click()
  }
}
