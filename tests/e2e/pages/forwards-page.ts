import { PageObject } from './page-object'

/** Port-forwards: the action on a task row of the service drawer, its dialog, the list on the Services page. */
export class ForwardsPage extends PageObject {
  /** From an open service drawer: forward a port of the task in `taskRowTestId`; returns the local URL shown for it. */
  async forwardTask(taskRowTestId: string, ports: { remote?: number; local?: number } = {}): Promise<string> {
    await this.byTestId(taskRowTestId).getByTestId('task-port-forward').click()
    const remote = this.byTestId('forward-remote-port')
    await remote.waitFor()
    if (ports.remote !== undefined) await remote.fill(String(ports.remote))
    if (ports.local !== undefined) await this.byTestId('forward-local-port').fill(String(ports.local))
    await this.byTestId('forward-open').click()
    await remote.waitFor({ state: 'detached', timeout: 60_000 })
    const link = this.byTestId(taskRowTestId).getByTestId('task-forward-url').first()
    await link.waitFor()
    return (await link.getAttribute('href')) ?? ''
  }

  /** The refusal the dialog shows (it stays open). */
  async dialogError(): Promise<{ code: string | null; text: string }> {
    const alert = this.byTestId('forward-error')
    await alert.waitFor({ timeout: 60_000 })
    return { code: await alert.getAttribute('data-error-code'), text: (await alert.innerText()).trim() }
  }

  /** Close the forward listed with this local port on the Services page. */
  async closeForward(localPort: number): Promise<void> {
    const row = this.byTestId(`forward-row-${localPort}`)
    await row.getByTestId('forward-close').click()
    await row.waitFor({ state: 'detached' })
  }
}
