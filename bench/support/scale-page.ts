/**
 * The renderer at scale, in Chromium over web mode (the built headless server, its own process, the
 * lab's manager1 as the default engine): how soon the shell, the overview and the services table
 * paint, a scroll of the services table frame by frame, the tasks table of the biggest service,
 * the renderer's heap and the server's (main's) resident memory. Figures only.
 */
import { readFileSync } from 'node:fs'
import { launchChromium } from '../../tests/e2e/support/browser'
import { startWebServer } from '../../tests/e2e/support/web-server'
import { watchMarks } from './page-marks'

export interface PageFigures {
  /** from navigation start */
  shellMs: number
  overviewMs: number
  /** from navigation start to the task list in the renderer's model (the snapshot's second phase) */
  tasksInMs: number
  /** from navigation start to the services table's first rows, through the Overview */
  servicesFromNavigationMs: number
  /** from the click on Services to its first rows */
  servicesPageMs: number
  scrollFrames: number
  scrollP50Ms: number
  scrollP95Ms: number
  tasksTableMs: number
  tasksTitle: string
  rendererHeapMb: number
  mainRssMb: number
}

/** In the page before its scripts: when the shell, and the overview with the managers, first appear. */
const WATCH = watchMarks('__scaleMarks', { shell: '[data-testid="nav-overview"]', overview: '[data-testid="manager-row-manager1"]', tasks: '[data-tasks-loaded="true"]' })

/**
 * Click `click`, then wait for `appear` in the DOM, checked every frame: [time since the click, time
 * since navigation] when it appeared (a string: the page runs it as it is).
 */
const clickUntil = (click: string, appear: string): string => `new Promise((resolve) => {
  const started = performance.now()
  document.querySelector(${JSON.stringify(click)}).click()
  const look = () => (document.querySelector(${JSON.stringify(appear)}) ? resolve([performance.now() - started, performance.now()]) : requestAnimationFrame(look))
  requestAnimationFrame(look)
})`

/** Scroll the element down by a screen's third each frame for up to 3 s; the frame intervals. */
const SCROLL = `new Promise((resolve) => {
  const el = document.querySelector('[data-testid="services-table"]')
  const frames = []
  let last = performance.now()
  const end = last + 3000
  const step = (now) => {
    frames.push(now - last)
    last = now
    el.scrollTop += Math.round(el.clientHeight / 3)
    if (now < end && el.scrollTop + el.clientHeight < el.scrollHeight - 1) requestAnimationFrame(step)
    else resolve(frames)
  }
  requestAnimationFrame(step)
})`

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN
}

/** Opens the app on `socket`'s engine in a fresh browser and measures; `biggestService` is the one whose tasks table is opened. */
export async function measurePage(socket: string, biggestService: string): Promise<PageFigures> {
  const server = await startWebServer({ DOCKER_HOST: `unix://${socket}` })
  const browser = await launchChromium()
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    const page = await context.newPage()
    await page.addInitScript(WATCH)
    await page.goto(server.url)
    await page.locator('[data-testid="manager-row-manager1"]').waitFor({ timeout: 180_000 })
    let marks = (await page.evaluate('window.__scaleMarks')) as { shell?: number; overview?: number }
    while (marks.overview === undefined) {
      await page.waitForTimeout(20)
      marks = (await page.evaluate('window.__scaleMarks')) as { shell?: number; overview?: number }
    }
    const [servicesPageMs, servicesFromNavigationMs] = (await page.evaluate(clickUntil('[data-testid="nav-services"]', '[data-testid^="service-row-"]'))) as [number, number]
    // the scroll and the tasks table once the tasks are in (their arrival is one long frame of its own)
    await page.locator('[data-tasks-loaded="true"]').waitFor({ timeout: 180_000 })
    const tasksInMs = ((await page.evaluate('window.__scaleMarks')) as { tasks?: number }).tasks ?? NaN
    const frames = (await page.evaluate(SCROLL)) as number[]
    // the biggest service's drawer: its tasks table
    await page.getByTestId('services-filter').fill(biggestService)
    await page.getByTestId(`service-row-${biggestService}`).waitFor({ timeout: 60_000 })
    const [tasksTableMs] = (await page.evaluate(clickUntil(`[data-testid="service-row-${biggestService}"]`, '[data-testid^="task-row-"]'))) as [number, number]
    const tasksTitle = (await page.getByTestId('tasks-table').locator('[role="table"]').getAttribute('aria-label')) ?? ''
    const cdp = await context.newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
    const pid = server.process.pid
    return {
      shellMs: marks.shell ?? NaN,
      overviewMs: marks.overview,
      tasksInMs,
      servicesFromNavigationMs,
      servicesPageMs,
      scrollFrames: frames.length,
      scrollP50Ms: quantile(frames, 0.5),
      scrollP95Ms: quantile(frames, 0.95),
      tasksTableMs,
      tasksTitle,
      rendererHeapMb: heap.usedSize / 1024 / 1024,
      mainRssMb: pid === undefined ? NaN : rssMb(pid)
    }
  } finally {
    await browser.close()
    await server.stop()
  }
}
