import type { Locator } from 'playwright-core'
import { PageObject } from './page-object'

/** The Terminals page: tabs of terminals into tasks, each an xterm.js screen. */
export class TerminalsPage extends PageObject {
  /** From an open service drawer: the Terminal menu of a task row (a shell, or `command`); resolves with the new tab's pane once it runs (or already ended). */
  async openFromTask(taskId: string, command?: string): Promise<Locator> {
    await this.byTestId(`task-terminal-menu-${taskId}`).click()
    if (command === undefined) await this.byTestId(`task-terminal-${taskId}`).click()
    else {
      await this.byTestId(`task-command-${taskId}`).click()
      await this.byTestId('task-command-line').fill(command)
      await this.byTestId('task-command-run').click()
    }
    await this.byTestId('terminals-page').waitFor()
    const opened = this.page.locator('[data-testid="terminal-pane"]:is([data-status="open"], [data-status="ended"])').last()
    await opened.waitFor({ timeout: 60_000 })
    // the same pane whatever its status becomes
    return this.page.locator(`[data-testid="terminal-pane"][data-key="${await opened.getAttribute('data-key')}"]`)
  }

  /** Type as a user would, into the terminal that has the focus, then Enter. */
  async typeLine(pane: Locator, line: string): Promise<void> {
    await pane.getByTestId('terminal-screen').click()
    await this.page.keyboard.type(line)
    await this.page.keyboard.press('Enter')
  }

  /** The screen's text as the emulator renders it. */
  async screenText(pane: Locator): Promise<string> {
    return pane.locator('.xterm-rows').innerText()
  }

  async waitForScreen(pane: Locator, pattern: RegExp, timeout = 20_000): Promise<string> {
    const deadline = Date.now() + timeout
    for (;;) {
      const text = await this.screenText(pane)
      if (pattern.test(text)) return text
      if (Date.now() > deadline) throw new Error(`the terminal never showed ${pattern}; it shows:\n${text}`)
      await this.page.waitForTimeout(200)
    }
  }

  /** Everything the page shows or holds (its text and every field's value) except the terminals' screens. */
  async textOutsideScreens(): Promise<string> {
    // run in the page (the test's own types have no DOM)
    return this.page.evaluate<string>(`(() => {
      const screens = [...document.querySelectorAll('.xterm')]
      const outside = (node) => !screens.some((screen) => screen.contains(node))
      const texts = []
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if (outside(node)) texts.push(node.textContent ?? '')
      for (const field of document.querySelectorAll('input, textarea')) if (outside(field)) texts.push(field.value)
      return texts.join('\\n')
    })()`)
  }
}
