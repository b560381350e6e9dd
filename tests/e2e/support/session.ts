import { tempDir } from '../../support/lab'
import type { Browser, Page } from 'playwright-core'
import { SwarmDeskApp } from '../pages/swarmdesk-app'
import { collectPageErrors, launchChromium } from './browser'
import { startWebServer, type WebServer } from './web-server'

export interface BrowserSession {
  server: WebServer
  browser: Browser
  page: Page
  app: SwarmDeskApp
  /** Errors the page logged, minus resource misses (a refused default engine is not one). */
  pageErrors(): string[]
  stop(): Promise<void>
}

/** A web-mode server of its own plus a fresh Chromium page on it: what every e2e file starts with. */
/**
 * The environment of a user whose docker CLI points nowhere useful (a socket that does not exist,
 * an empty docker config): the app must say so, and the tests then open the lab explicitly.
 */
export function noDefaultEngineEnv(): Record<string, string> {
  return { DOCKER_HOST: `unix://${tempDir('sd-e2e-nothing-')}/docker.sock`, DOCKER_CONFIG: tempDir('sd-e2e-docker-') }
}

export async function startBrowserSession(env: Record<string, string | undefined>): Promise<BrowserSession> {
  const server = await startWebServer(env)
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  const errors = collectPageErrors(page)
  return {
    server,
    browser,
    page,
    app: new SwarmDeskApp(page),
    pageErrors: () => errors.filter((e) => !/Failed to load resource/.test(e)),
    async stop() {
      await browser.close()
      await server.stop()
    }
  }
}
