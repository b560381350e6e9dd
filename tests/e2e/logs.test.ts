import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator } from 'playwright-core'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { deployTalkingStack, TALKING_STACK_LINES } from '../support/log-stack'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { openServiceLogs } from './support/log-viewer'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// A service's live logs in the browser against the real lab: a service made with the docker CLI
// writes numbered lines on stdout and stderr, then ticks; the drawer's Logs viewer shows them with
// their `service.slot` prefixes, finds them with a regex, follows new ticks and stops following
// when the user scrolls up.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const SERVICE = uniqueName('h4-e2e-logs')
const STACK = uniqueName('h4lgs')

beforeAll(async () => {
  lab = requireLab()
  await docker(lab, 'manager1', [
    'service', 'create', '--detach', '--name', SERVICE, '--replicas', '2', lab.images.sleeper, 'sh', '-c',
    'i=0; while [ $i -lt 100 ]; do i=$((i+1)); echo "out $i"; echo "err $i" >&2; done; j=0; while :; do j=$((j+1)); echo "tick $j"; sleep 1; done'
  ])
  session = await startBrowserSession(noDefaultEngineEnv())
  app = session.app
})

afterAll(async () => {
  await docker(lab, 'manager1', ['service', 'rm', SERVICE]).catch(() => undefined)
  await docker(lab, 'manager1', ['stack', 'rm', STACK]).catch(() => undefined)
  await session?.stop()
})

async function lineTexts(viewer: Locator): Promise<string[]> {
  return viewer.getByTestId('log-text').allInnerTexts()
}

describe('service logs in the browser', () => {
  let viewer: Locator

  it("opens a service's logs from its drawer: lines with their service.slot prefix, stderr marked", async () => {
    viewer = await openServiceLogs(app, session.server.url, labNode(lab, 'manager1').socket, SERVICE)
    // Both replicas have sent lines.
    for (const slot of [1, 2]) {
      await viewer.locator(`[data-testid="log-line"][data-prefix="${SERVICE}.${slot}"]`).first().waitFor({ timeout: 60_000 })
    }
    // The numbered lines come first, ticks after them (one a second per task: the numbered lines
    // stay within the last 200 for 200 s). Their order is the engine's: it drains a task's stdout
    // and stderr pipes in chunks, so on a loaded machine a whole screen of "out" lines can come
    // before any "err". Scrolled up, the view stops following, even when a batch of lines comes
    // before the scroll event; then the list is read a screen at a time (it is virtual: only the
    // rows near the view exist) until a stderr row is found.
    const rows = viewer.getByTestId('log-rows')
    await rows.evaluate((el) => (el.scrollTop = 0))
    await viewer.locator('[data-testid="log-rows"][data-follow="false"]').waitFor({ timeout: 10_000 })
    const stderrTexts = viewer.locator('[data-testid="log-line"][data-stream="stderr"] [data-testid="log-text"]')
    await waitFor('a line marked stderr, with its text', async () => {
      const { height, view } = await rows.evaluate((el) => ({ height: el.scrollHeight, view: el.clientHeight }))
      // short of the bottom, where the view would follow again
      for (let top = 0; top < height - 2 * view; top += view) {
        // a few frames for the virtual list to render the rows of its new position
        await rows.evaluate((el, to) => {
          el.scrollTop = to
          return new Promise<void>((resolve) => setTimeout(resolve, 60))
        }, top)
        if ((await stderrTexts.allInnerTexts()).some((text) => /^err \d+$/.test(text))) return true
      }
      return false
    }, 30_000)
    expect(await app.text('log-cli-command')).toBe(`docker service logs --follow --tail 200 ${SERVICE}`)
  })

  it('reads all lines when tail is cleared, then searches with a regular expression, says when it is not one, and jumps between matches', async () => {
    // Tail 200 per task would let the oldest numbered lines go as ticks come: ask for all of them.
    const tail = viewer.getByTestId('log-tail')
    await tail.fill('')
    await tail.press('Enter')
    await waitFor('the equivalent command without --tail', async () => (await app.text('log-cli-command')) === `docker service logs --follow ${SERVICE}`, 30_000)
    await viewer.locator('[data-testid="log-status"][data-status="streaming"]').waitFor({ timeout: 30_000 })
    const search = viewer.getByTestId('log-search')
    await search.fill('(unclosed')
    await viewer.getByText(/Not a valid regular expression/).waitFor()
    await search.fill('^err [12]0$')
    // err 10 and err 20 of each of the two tasks.
    await viewer.locator('[data-testid="log-search-count"][data-count="4"]').waitFor({ timeout: 30_000 })
    await viewer.getByTestId('log-search-next').click()
    const current = viewer.locator('[data-testid="log-line"] mark').first()
    await current.waitFor()
    expect(await current.innerText()).toMatch(/^err [12]0$/)
    expect(await viewer.getByTestId('log-rows').getAttribute('data-follow')).toBe('false')
    expect(await app.text('log-search-count')).toBe('1 of 4')
    await viewer.getByTestId('log-search-next').click()
    expect(await app.text('log-search-count')).toBe('2 of 4')
    await search.fill('')
  })

  it('follows new lines at the bottom, stops when scrolled up, resumes at the bottom', async () => {
    const rows = viewer.getByTestId('log-rows')
    await rows.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await viewer.locator('[data-testid="log-rows"][data-follow="true"]').waitFor()
    const lastTick = async (): Promise<number> => {
      const ticks = (await lineTexts(viewer)).filter((t) => t.startsWith('tick ')).map((t) => Number(t.slice(5)))
      return ticks.length ? Math.max(...ticks) : 0
    }
    const before = await waitFor('a tick at the bottom', async () => (await lastTick()) || null, 30_000)
    // New ticks come into view without the user scrolling: the view follows.
    await waitFor('newer ticks in view', async () => (await lastTick()) >= before + 3, 30_000)
    await rows.evaluate((el) => (el.scrollTop = 0))
    await viewer.locator('[data-testid="log-rows"][data-follow="false"]').waitFor()
    const top = await rows.evaluate((el) => el.scrollTop)
    const linesThen = Number(await viewer.getByTestId('log-status').getAttribute('data-lines'))
    await waitFor('three more lines to arrive', async () => Number(await viewer.getByTestId('log-status').getAttribute('data-lines')) >= linesThen + 3, 30_000)
    // Not following: the lines in view stay where they are.
    expect(await rows.evaluate((el) => el.scrollTop)).toBe(top)
    await rows.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await viewer.locator('[data-testid="log-rows"][data-follow="true"]').waitFor()
    expect(session.pageErrors()).toEqual([])
    if (process.env.SWARMDESK_SCREENSHOTS) await viewer.screenshot({ path: `${process.env.SWARMDESK_SCREENSHOTS}/logs.png` })
  })

  it("shows a whole stack's logs, its services merged, from the stack's page", async () => {
    await deployTalkingStack(lab, STACK)
    // Closing the service drawer ends its log session.
    await app.page.keyboard.press('Escape')
    await app.byTestId('service-detail').waitFor({ state: 'detached' })
    await app.stacks.gotoStacks()
    await app.byTestId(`stack-row-${STACK}`).click()
    const detail = app.byTestId('stack-detail')
    await detail.getByTestId('logs-open').click()
    const stackViewer = detail.getByTestId('log-viewer')
    for (const [service, { stream, text }] of Object.entries(TALKING_STACK_LINES)) {
      const line = stackViewer.locator(`[data-testid="log-line"][data-prefix="${STACK}_${service}.1"][data-stream="${stream}"]`)
      await line.waitFor({ timeout: 120_000 })
      expect(await line.getByTestId('log-text').innerText()).toBe(text)
    }
    expect(await stackViewer.getByTestId('log-cli-command').innerText()).toBe(`docker service logs --follow --tail 200 ${STACK}_back\ndocker service logs --follow --tail 200 ${STACK}_front`)
    expect(session.pageErrors()).toEqual([])
  })
})
