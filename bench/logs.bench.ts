/**
 * npm run bench:logs — streaming service logs on the real lab, compared with the docker CLI in the same run.
 * Needs the lab up and a build (`npm run build`: the browser part runs the built web mode).
 *
 * A service writes BENCH_LOG_LINES numbered lines (default 100,000) and then idles. Prints:
 *  (a) lines per second read from the start of its logs by
 *      - `docker service logs -f` (lines the CLI writes to its stdout),
 *      - SwarmDesk main -> the real WebSocket transport -> the renderer's log store, in Node,
 *      - the same into the browser's store (the Logs viewer in Chromium, following);
 *  (b) the browser's frame time while the viewer follows until 100,000 lines are buffered:
 *      intervals between requestAnimationFrame callbacks (median, p95, max).
 */
import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import WebSocket from 'ws'
import { createServices } from '../src/main/composition'
import { createNodePlatform } from '../src/main/platform/node-platform'
import { createDispatcher } from '../src/main/rpc/dispatcher'
import { startWsTransport } from '../src/main/rpc/ws-transport'
import { createApiClient, createWsBridge, type WebSocketLike } from '../src/renderer/src/api/client'
import { openLogStream } from '../src/renderer/src/features/logs/log-stream'
import { createLogViewStore, LOG_BUFFER_CAPACITY } from '../src/renderer/src/features/logs/logs-store'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor } from '../tests/support/lab'
import { openServiceLogs } from '../tests/e2e/support/log-viewer'
import { startBrowserSession } from '../tests/e2e/support/session'
import { ROOT } from '../tests/e2e/support/web-server'

const LINES = Number(process.env.BENCH_LOG_LINES ?? LOG_BUFFER_CAPACITY)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}
const median = (values: number[]) => quantile(values, 0.5)
const rate = (lines: number, ms: number) => `${Math.round((lines / ms) * 1000).toLocaleString('en')} lines/s`

/** `docker service logs -f`: time until its stdout has carried every line. */
function cliRead(socket: string, service: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn('docker', ['-H', `unix://${socket}`, 'service', 'logs', '-f', service], { stdio: ['ignore', 'pipe', 'ignore'] })
    let count = 0
    child.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) count++
      if (count >= LINES) {
        const elapsed = performance.now() - started
        child.kill()
        resolve(elapsed)
      }
    })
    child.on('exit', () => reject(new Error(`docker service logs ended after ${count} of ${LINES} lines`)))
  })
}

/** SwarmDesk in Node: main's session -> WebSocket -> the renderer's store code, acknowledging as the renderer does. */
async function nodeStoreRead(dockerHost: string, service: string): Promise<number> {
  const instance = createServices({ platform: createNodePlatform(tempDir('sd-bench-')), env: { DOCKER_HOST: dockerHost } })
  const transport = await startWsTransport({ dispatcher: createDispatcher(instance.router), bus: instance.bus })
  try {
    const bridge = await createWsBridge(transport.wsUrl, (url) => new WebSocket(url) as unknown as WebSocketLike)
    const api = createApiClient(bridge, 'ws')
    const { clusterId } = await api.call('clusters.open', { profileId: 'default' })
    const store = createLogViewStore()
    const started = performance.now()
    let done: (ms: number) => void = () => undefined
    const finished = new Promise<number>((resolve) => (done = resolve))
    // No animation frames in Node: the next turn of the event loop stands in for one.
    const stop = openLogStream(
      api,
      { clusterId, target: { serviceIds: [service] }, follow: true, tail: null, since: null },
      {
        apply: (lines, meta) => {
          store.getState().append(lines, meta)
          const { ring } = store.getState()
          if (ring.first + ring.size >= LINES) done(performance.now() - started)
        },
        started: () => undefined,
        failed: (error) => {
          throw error
        }
      },
      { request: (callback) => Number(setImmediate(callback)), cancel: () => undefined }
    )
    const elapsed = await finished
    stop()
    bridge.close()
    return elapsed
  } finally {
    await transport.close()
    instance.dispose()
  }
}

interface BrowserRun {
  elapsedMs: number
  frames: number[]
}

async function browserRead(socket: string, service: string): Promise<BrowserRun> {
  const session = await startBrowserSession({ DOCKER_HOST: `unix://${tempDir('sd-bench-nothing-')}/docker.sock`, DOCKER_CONFIG: tempDir('sd-bench-docker-') })
  try {
    const { app, page } = session
    const viewer = await openServiceLogs(app, session.server.url, socket, service)
    await viewer.getByTestId('log-rows').scrollIntoViewIfNeeded()
    // Record every animation frame from the moment the full read starts.
    // As a string: the bundler used by tsx would wrap named functions in helpers the page does not have.
    await page.evaluate(`(() => {
      window.__frames = []
      window.__start = performance.now()
      const tick = (now) => { window.__frames.push(now); requestAnimationFrame(tick) }
      requestAnimationFrame(tick)
    })()`)
    // BENCH_CPU_PROFILE=file.cpuprofile: the page's CPU profile during the read (open it in Chrome's DevTools).
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    const metric = async (): Promise<Record<string, number>> => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
    const before = await metric()
    if (process.env.BENCH_CPU_PROFILE) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
    }
    const tail = viewer.getByTestId('log-tail')
    await tail.fill('')
    await tail.press('Enter')
    const target = Math.min(LINES, LOG_BUFFER_CAPACITY)
    const handle = await page.waitForFunction(
      // Runs in the page (typed here without the DOM library).
      (wanted: number) => {
        const page = globalThis as unknown as { document: { querySelector(selector: string): { dataset: Record<string, string | undefined> } | null } }
        return Number(page.document.querySelector('[data-testid="log-status"]')?.dataset.lines ?? 0) >= wanted ? performance.now() : false
      },
      target,
      { polling: 50, timeout: 600_000 }
    )
    const doneAt = (await handle.jsonValue()) as number
    const after = await metric()
    if (process.env.BENCH_CPU_PROFILE) writeFileSync(process.env.BENCH_CPU_PROFILE, JSON.stringify((await cdp.send('Profiler.stop')).profile))
    const spent = (name: string) => `${((after[name] - before[name]) * 1000).toFixed(0)} ms`
    console.log(`  (browser main thread during the read: script ${spent('ScriptDuration')}, style ${spent('RecalcStyleDuration')}, layout ${spent('LayoutDuration')}, all tasks ${spent('TaskDuration')})`)
    const { start, frames } = (await page.evaluate('({ start: window.__start, frames: window.__frames })')) as { start: number; frames: number[] }
    const counted = frames.filter((t) => t <= doneAt)
    const intervals = counted.map((t, i, all) => (i === 0 ? t - start : t - all[i - 1]))
    const longest = intervals.indexOf(Math.max(...intervals))
    console.log(`  (longest frame ends ${(counted[longest] - start).toFixed(0)} ms into the read; frames over 50 ms: ${intervals.filter((f) => f > 50).map((f) => f.toFixed(0)).join(', ')})`)
    if (session.pageErrors().length) throw new Error(`the page logged errors: ${session.pageErrors().join('; ')}`)
    return { elapsedMs: doneAt - start, frames: intervals }
  } finally {
    await session.stop()
  }
}

async function main(): Promise<void> {
  const lab = requireLab()
  if (!existsSync(join(ROOT, 'out', 'main', 'headless.js'))) throw new Error('run `npm run build` first: the browser part runs the built web mode')
  const socket = labNode(lab, 'manager1').socket
  const service = uniqueName('h4-bench-logs')
  console.log(`bench:logs — ${LINES.toLocaleString('en')} lines from one task of ${service}, ${RUNS} runs each`)
  await docker(lab, 'manager1', [
    'service', 'create', '--detach', '--name', service, '--log-opt', 'max-size=200m', lab.images.sleeper, 'sh', '-c',
    `i=0; while [ $i -lt ${LINES} ]; do i=$((i+1)); echo "line $i: the quick brown fox jumps over the lazy dog"; done; exec sleep 100000`
  ])
  try {
    await waitFor(
      'the service to have written every line',
      async () => (await docker(lab, 'manager1', ['service', 'logs', '--raw', '--tail', '1', service])).startsWith(`line ${LINES}:`),
      600_000
    )
    const cli: number[] = []
    const node: number[] = []
    for (let run = 0; run < RUNS; run++) {
      cli.push(await cliRead(socket, service))
      node.push(await nodeStoreRead(`unix://${socket}`, service))
    }
    console.log('\n(a) ingest, whole log from the start (median of runs)')
    console.log(`  docker service logs -f (CLI stdout)          ${rate(LINES, median(cli))}   (${median(cli).toFixed(0)} ms)`)
    console.log(`  SwarmDesk: main -> WebSocket -> store (Node) ${rate(LINES, median(node))}   (${median(node).toFixed(0)} ms)`)
    const browser = await browserRead(socket, service)
    const inBrowser = Math.min(LINES, LOG_BUFFER_CAPACITY)
    console.log(`  SwarmDesk: into the browser's Logs viewer    ${rate(inBrowser, browser.elapsedMs)}   (${browser.elapsedMs.toFixed(0)} ms, Chromium headless, one run)`)
    console.log(`\n(b) browser frame time while following until ${inBrowser.toLocaleString('en')} lines are buffered (${browser.frames.length} frames)`)
    console.log(`  median ${median(browser.frames).toFixed(1)} ms   p95 ${quantile(browser.frames, 0.95).toFixed(1)} ms   max ${Math.max(...browser.frames).toFixed(1)} ms`)
  } finally {
    await docker(lab, 'manager1', ['service', 'rm', service]).catch(() => undefined)
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
