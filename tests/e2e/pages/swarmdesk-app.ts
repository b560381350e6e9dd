import type { Page } from 'playwright-core'
import { ConnectionsPage } from './connections-page'
import { NodesPage } from './nodes-page'
import { PageObject } from './page-object'
import { PlacementPage } from './placement-page'
import { SecretsPage } from './secrets-page'
import { SecurityPage } from './security-page'
import { ServicesPage } from './services-page'
import { StacksPage } from './stacks-page'
import { TerminalsPage } from './terminals-page'

/**
 * Page object for the SwarmDesk UI: tests say what a user does, not which div to click. The app
 * holds what the shell does (open, language, the cluster list) and one object per page.
 */
export class SwarmDeskApp extends PageObject {
  readonly connections: ConnectionsPage
  readonly nodes: NodesPage
  readonly placement: PlacementPage
  readonly stacks: StacksPage
  readonly services: ServicesPage
  readonly secrets: SecretsPage
  readonly terminals: TerminalsPage
  readonly security: SecurityPage

  constructor(page: Page) {
    super(page)
    this.connections = new ConnectionsPage(page)
    this.nodes = new NodesPage(page)
    this.placement = new PlacementPage(page)
    this.stacks = new StacksPage(page)
    this.services = new ServicesPage(page)
    this.secrets = new SecretsPage(page)
    this.terminals = new TerminalsPage(page)
    this.security = new SecurityPage(page)
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await this.byTestId('transport-badge').waitFor({ timeout: 30_000 })
  }

  /** Pin the UI language with the header's EN/FR switch; resolves once `<html lang>` follows. */
  async chooseLanguage(language: 'en' | 'fr'): Promise<void> {
    await this.byTestId('language-switch').click()
    await this.byTestId(`language-option-${language}`).click()
    await this.page.waitForFunction(`document.documentElement.lang === '${language}'`)
  }

  async waitForClusterReady(name: string): Promise<void> {
    await this.page.locator(`[data-testid="cluster-item-${name}"][data-phase="ready"]`).waitFor({ timeout: 30_000 })
  }

  /** Open SwarmDesk at `url`, save a connection named `lab` to the given socket and open it. */
  async openLabCluster(url: string, socketPath: string): Promise<void> {
    await this.open(url)
    await this.connections.addConnection('lab', { socketPath })
    await this.connections.openProfile('lab')
    await this.waitForClusterReady('lab')
  }
}
