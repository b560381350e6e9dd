import { chromium, type Browser, type Page } from 'playwright-core'
import { existsSync } from 'node:fs'

export const CHROMIUM_PATH = process.env.SWARMDESK_CHROMIUM ?? '/usr/bin/chromium'

/**
 * Debian's Chromium driven by playwright-core (Playwright cannot download its own browser here).
 * Flags: no sandbox as root, no GPU, and no background networking (this machine has no internet).
 * Playwright gives every launch a fresh, empty profile directory of its own.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install chromium) for the e2e suite`)
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
}

/** Fail the test on any error the page logs (a broken renderer must not pass by looking fine). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return errors
}
