import { PageObject } from './page-object'

/** The Connections page: saved profiles, the connection form. */
export class ConnectionsPage extends PageObject {
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
}
