import { PageObject } from './page-object'

/** The Cluster security page: what a user reads (facts, masked tokens) and does (reveal, rotate). */
export class SecurityPage extends PageObject {
  async open(): Promise<void> {
    await this.byTestId('nav-security').click()
    await this.byTestId('security-page').waitFor()
    await this.byTestId('root-ca-fingerprint').waitFor()
  }

  /** Reveal a role's join line; returns the whole `docker swarm join …` line and closes the dialog. */
  async revealJoin(role: 'worker' | 'manager'): Promise<string> {
    await this.byTestId(`reveal-${role}`).click()
    const line = await this.text('revealed-join-command')
    await this.page.keyboard.press('Escape')
    await this.byTestId('secret-dialog').waitFor({ state: 'hidden' })
    return line
  }

  /** Rotate a role's join token through its confirmation; resolves once the page says the CLI line. */
  async rotateToken(role: 'worker' | 'manager'): Promise<{ question: string; cli: string }> {
    const asked = await this.askRotateToken(role)
    await this.byTestId('security-confirm-confirm').click()
    await this.byTestId('security-confirm-confirm').waitFor({ state: 'hidden' })
    await this.page.locator(`[data-testid="security-last-cli-command"]:has-text("join-token --rotate ${role}")`).waitFor()
    return asked
  }

  /** Open a token rotation's confirmation and read what it says (the Modal's own root has no box: read its content). */
  async askRotateToken(role: 'worker' | 'manager'): Promise<{ question: string; cli: string }> {
    await this.byTestId(`rotate-${role}`).click()
    await this.byTestId('security-confirm-body').waitFor()
    return { question: await this.text('security-confirm-body'), cli: await this.text('security-confirm-cli-command') }
  }

  async cancelConfirmation(): Promise<void> {
    await this.byTestId('security-confirm-cancel').click()
    await this.byTestId('security-confirm-body').waitFor({ state: 'hidden' })
  }

  async certificateRows(): Promise<{ host: string; current: boolean }[]> {
    const rows = this.page.locator('[data-testid^="cert-row-"]')
    const out: { host: string; current: boolean }[] = []
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i)
      out.push({ host: ((await row.getAttribute('data-testid')) ?? '').replace('cert-row-', ''), current: (await row.getAttribute('data-current')) === 'true' })
    }
    return out
  }
}
