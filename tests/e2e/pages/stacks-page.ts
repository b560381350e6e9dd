import type { Locator } from 'playwright-core'
import { PageObject } from './page-object'

/** The Stacks page: the list, the compose editor, its plan and the deploy. */
export class StacksPage extends PageObject {
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

  /** To the Stacks page, on a blank editor for a stack of this name. */
  async startNewStack(name: string): Promise<void> {
    await this.gotoStacks()
    await this.newStackDeploy()
    await this.byTestId('stack-name').fill(name)
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

  /** What the plan shown does to one object (network.create, service.update, ...). */
  async planOpKind(name: string): Promise<string | null> {
    return this.byTestId(`plan-op-${name}`).getAttribute('data-kind')
  }

  /** From the stacks list to one stack's page; resolves with it. */
  async openStack(name: string): Promise<Locator> {
    const detail = this.page.locator(`[data-testid="stack-detail"][data-stack="${name}"]`)
    // the page remembers the view it had when the user left it
    if (await detail.isVisible()) return detail
    const back = this.byTestId('stacks-back')
    if (await back.isVisible()) await back.click()
    await this.byTestId(`stack-row-${name}`).click()
    await detail.waitFor()
    return detail
  }

  /** Running and desired tasks of one service on the open stack's page. */
  async stackServiceCounts(service: string): Promise<{ running: number; desired: number }> {
    const row = this.byTestId(`stack-service-${service}`)
    return { running: Number(await row.getAttribute('data-running')), desired: Number(await row.getAttribute('data-desired')) }
  }

  /** The open stack's running tasks as `name node` (docker stack ps's columns), sorted. */
  async stackTasks(): Promise<string[]> {
    const rows = this.byTestId('stack-tasks-table').locator('[data-testid^="stack-task-"]')
    const texts: string[] = []
    for (const row of await rows.all()) texts.push(`${await row.getAttribute('data-name')} ${await row.getAttribute('data-node')}`)
    return texts.sort()
  }
}
