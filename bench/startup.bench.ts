/**
 * npm run bench:startup — how soon the app paints in Chromium (web mode, the built renderer),
 * opened on the lab's manager1 as the default engine, each run in a fresh browser context (no
 * cache): first contentful paint, the shell painted (header and navigation), the overview page
 * painted with the lab's nodes, and the script bytes loaded by then.
 *
 * Prints the median (min–max) of each figure. A table, no assertions. BENCH_RUNS (default 7).
 * Needs `npm run build` (the headless server and the renderer are the built ones).
 */
import { launchChromium } from '../tests/e2e/support/browser'
import { startWebServer } from '../tests/e2e/support/web-server'
import { labNode, requireLab } from '../tests/support/lab'
import { watchMarks } from './support/page-marks'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** In the page before any of its scripts: when the shell and the overview first appear. */
const WATCH = watchMarks('__startupMarks', { shell: '[data-testid="nav-overview"]', overview: '[data-testid="overview-page"]' })

/** The figures, read in the page once the overview painted (a string: the page runs it as it is). */
const READ = `(() => {
  const marks = window.__startupMarks
  const fcp = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint')?.startTime ?? NaN
  const scripts = performance.getEntriesByType('resource').filter((r) => /\\.js(\\?|$)/.test(r.name))
  const kbBy = (time) => scripts.filter((r) => r.responseEnd <= time).reduce((n, r) => n + r.decodedBodySize, 0) / 1024
  return { fcp, shell: marks.shell, overview: marks.overview, scriptKbAtShell: kbBy(marks.shell), scriptKbAtOverview: kbBy(marks.overview), scripts: scripts.length }
})()`

interface Run {
  fcp: number
  shell: number
  overview: number
  scriptKbAtShell: number
  scriptKbAtOverview: number
  scripts: number
}

async function main(): Promise<void> {
  const lab = requireLab()
  const server = await startWebServer({ DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}` })
  const browser = await launchChromium()
  const runs: Run[] = []
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
      const page = await context.newPage()
      await page.addInitScript(WATCH)
      await page.goto(server.url)
      await page.locator('[data-testid="overview-page"]').waitFor({ timeout: 60_000 })
      let run = (await page.evaluate(READ)) as Run
      // the in-page watch notes the overview at its next frame
      while (run.overview === undefined) {
        await page.waitForTimeout(20)
        run = (await page.evaluate(READ)) as Run
      }
      if (i > 0) runs.push(run) // the first run warms the server and the disk cache
      await context.close()
    }
  } finally {
    await browser.close()
    await server.stop()
  }
  const figure = (pick: (r: Run) => number, unit: string) => {
    const values = runs.map(pick)
    return `${median(values).toFixed(0)} ${unit} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`
  }
  console.log(`bench:startup — ${RUNS} runs, Chromium, web mode, fresh context each (no cache); default engine: lab manager1`)
  console.log('median (min–max), times from navigation start\n')
  const rows = [
    ['first contentful paint', figure((r) => r.fcp, 'ms')],
    ['shell painted (header, navigation)', figure((r) => r.shell, 'ms')],
    ['overview painted (lab nodes)', figure((r) => r.overview, 'ms')],
    ['script loaded when the shell painted', figure((r) => r.scriptKbAtShell, 'kB')],
    ['script loaded when the overview painted', figure((r) => r.scriptKbAtOverview, 'kB')],
    ['script files by then', figure((r) => r.scripts, '')]
  ]
  const width = Math.max(...rows.map((r) => r[0].length))
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}   ${value}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
