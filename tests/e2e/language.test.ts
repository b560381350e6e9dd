import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labNode, requireLab, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The language: it follows the OS (the browser's language) until the user picks one in the header;
// the pick survives a reload, switches every screen (and main's node guard warnings, sent as codes),
// and "same as the system" goes back to the OS language.
let lab: LabStatus
let session: BrowserSession
let page: Page
let app: SwarmDeskApp

async function pickLanguage(option: 'fr' | 'en' | 'system'): Promise<void> {
  await app.byTestId('language-switch').click()
  await app.byTestId(`language-option-${option}`).click()
}
const htmlLang = () => page.evaluate<string>('document.documentElement.lang')

beforeAll(async () => {
  lab = requireLab()
  session = await startBrowserSession(noDefaultEngineEnv())
  page = session.page
  app = session.app
})

afterAll(async () => {
  await session?.stop()
})

describe('language', () => {
  it('starts in the OS language (English here) and opens the lab', async () => {
    await app.open(session.server.url)
    expect(await page.evaluate<string>('navigator.language')).toMatch(/^en/)
    expect(await htmlLang()).toBe('en')
    expect(await app.text('language-switch')).toBe('EN')
    await app.connections.addConnection('lab', { socketPath: labNode(lab, 'manager1').socket })
    await app.connections.openProfile('lab')
    await app.waitForClusterReady('lab')
    await app.goto('overview')
    expect(await app.text('nav-overview')).toBe('Overview')
  })

  it('switches to French: navigation, Overview and Nodes speak French, and so does a node guard warning', async () => {
    await pickLanguage('fr')
    await page.waitForFunction("document.documentElement.lang === 'fr'")
    expect(await app.text('language-switch')).toBe('FR')
    expect(await app.text('nav-overview')).toBe("Vue d'ensemble")
    expect(await app.text('nav-nodes')).toBe('Nœuds')
    expect(await app.text('nav-networks')).toBe('Réseaux')
    const overview = app.byTestId('overview-page')
    expect(await overview.innerText()).toContain('Quorum Raft')
    expect(await overview.innerText()).toContain('Événements récents')

    await app.goto('nodes')
    // Column headers are shown in capitals by CSS: compare in lower case.
    const nodesPage = (await app.text('nodes-page')).toLowerCase()
    expect(nodesPage).toContain("nom d'hôte")
    expect(nodesPage).toContain('disponibilité')
    expect(nodesPage).toMatch(/\d+ nœuds sur \d+/)
    // A guard warning built in main as a code, worded here in French (the demotion is never made).
    const dialog = await app.nodes.startNodeChange('manager3', 'demote')
    const warnings = await dialog.getByTestId('node-change-warning').allInnerTexts()
    expect(warnings.some((w) => /^2 managers, c'est un nombre pair/.test(w))).toBe(true)
    expect(await dialog.getByTestId('node-change-cancel').innerText()).toBe('Annuler')
    await app.byTestId('node-change-cancel').click()
    await dialog.waitFor({ state: 'detached' })
  })

  it('keeps French after a reload', async () => {
    await page.reload()
    await app.byTestId('transport-badge').waitFor({ timeout: 30_000 })
    expect(await htmlLang()).toBe('fr')
    expect(await app.text('nav-overview')).toBe("Vue d'ensemble")
  })

  it('goes back to the OS language, then to English by choice', async () => {
    await pickLanguage('system')
    await page.waitForFunction("document.documentElement.lang === 'en'")
    expect(await app.text('nav-nodes')).toBe('Nodes')
    expect(await page.evaluate<string | null>("localStorage.getItem('swarmdesk.language')")).toBeNull()
    await pickLanguage('en')
    expect(await page.evaluate<string | null>("localStorage.getItem('swarmdesk.language')")).toBe('en')
    expect(await app.text('nav-overview')).toBe('Overview')
  })

  it('follows a French OS without any choice', async () => {
    const french = await session.browser.newPage({ locale: 'fr-FR' })
    try {
      await french.goto(session.server.url)
      await french.getByTestId('transport-badge').waitFor({ timeout: 30_000 })
      expect(await french.evaluate<string>('document.documentElement.lang')).toBe('fr')
      expect((await french.getByTestId('nav-connections').innerText()).trim()).toBe('Connexions')
    } finally {
      await french.close()
    }
  })

  it('logged no error in the page', () => {
    expect(session.pageErrors()).toEqual([])
  })
})
