/**
 * npm run bench:scale — SwarmDesk on a big real lab, side by side with the docker CLI in the same
 * run (issue 14's figures). Make the lab first, as big as this machine holds:
 *
 *   npm run lab:up -- --workers 47          # 3 managers + 47 workers = 50 nodes
 *   npm run lab:scale -- --services 5000 --replicas 20 --running 300
 *   npm run build && npm run bench:scale
 *   npm run lab:scale -- --clean && npm run lab:up -- --workers 2   # back to the suites' lab
 *
 * Prints, for whatever size the lab has: opening the cluster in the core (connect + snapshot) and
 * its Engine API calls, against `docker service ls` and `docker service ps` of every service; in
 * Chromium over web mode: shell, overview and services table painted, a scroll of the services
 * table frame by frame, the biggest service's tasks table, the renderer's heap and main's RSS; the
 * placement of every service on every node; an event storm (CLI updates while the mirror follows:
 * lag p50/p95, then the mirror compared field by field with a fresh snapshot); one-shot CLI commands
 * against the docker CLI and a bare Node start. Figures and goals, no assertions.
 *
 * BENCH_RUNS (default 3) opens of the core; BENCH_CLI_RUNS (default 7); BENCH_STORM_UPDATES
 * (default 1000; 0 skips the storm). The storm updates lab:scale's services (found by their label)
 * and 20 running services it makes and removes itself.
 */
import { labNode, requireLab } from '../tests/support/lab'
import { describeDifferences } from '../tests/support/model-diff'
import { runStorm, stormLines } from '../tests/support/storm'
import { median, printTable, timeCliCommands } from './support/cli-timing'
import { measureCore } from './support/scale-core'
import { measurePage } from './support/scale-page'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 7)
const STORM_UPDATES = Number(process.env.BENCH_STORM_UPDATES ?? 1000)

const ms = (value: number) => `${value.toFixed(0)} ms`
const spread = (values: number[]) => `${ms(median(values))} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`
const goal = (value: number, limit: number, unit = 'ms') => `<= ${limit} ${unit}: ${value <= limit ? 'met' : 'not met'}`

async function main(): Promise<void> {
  const lab = requireLab({ anySize: true })
  const socket = labNode(lab, 'manager1').socket
  const host = `unix://${socket}`
  console.log(`bench:scale — lab of ${lab.nodes.length} nodes (manager1 ${host}); node ${process.version}`)

  const core = await measureCore(socket, RUNS)
  console.log(`cluster: ${core.nodes} nodes, ${core.services} services, ${core.tasks} tasks (biggest service: ${core.biggestService})\n`)

  const page = await measurePage(socket, core.biggestService)

  const rows: string[][] = [
    ['open the cluster in the core: ready, snapshot first phase (all but tasks), median (min–max)', spread(core.openMs), 'docker service ls: ' + spread(core.serviceLsMs), goal(median(core.openMs), 2000)],
    ['open the cluster in the core: complete, tasks included, median (min–max)', spread(core.completeMs), '', ''],
    ['Engine API calls to open', String(core.apiCalls), '', goal(core.apiCalls, 12, 'calls')],
    ['docker service ps of every service (one command)', ms(core.servicePsMs), '', ''],
    ['Chromium: shell painted (from navigation)', ms(page.shellMs), '', ''],
    ['Chromium: overview painted with the managers (from navigation)', ms(page.overviewMs), '', ''],
    ['Chromium: every task in the model (from navigation; the snapshot\'s second phase)', ms(page.tasksInMs), '', ''],
    ['Chromium: services table painted (from navigation, through the overview)', ms(page.servicesFromNavigationMs), '', goal(page.servicesFromNavigationMs, 2000)],
    ['Chromium: services table painted (from the click on Services)', ms(page.servicesPageMs), '', ''],
    [`Chromium: services table scroll, ${page.scrollFrames} frames, p50 / p95`, `${ms(page.scrollP50Ms)} / ${ms(page.scrollP95Ms)}`, '', goal(page.scrollP95Ms, 20)],
    [`Chromium: tasks table first paint (${page.tasksTitle})`, ms(page.tasksTableMs), '', goal(page.tasksTableMs, 200)],
    ['renderer heap (after a GC)', `${page.rendererHeapMb.toFixed(0)} MB`, '', goal(page.rendererHeapMb, 150, 'MB')],
    ['main RSS (the web-mode server)', `${page.mainRssMb.toFixed(0)} MB`, '', goal(page.mainRssMb, 400, 'MB')],
    [`placement of every service on every node (${core.placementRows} services), median`, spread(core.placementMs), '', goal(median(core.placementMs), 500)]
  ]
  printTable(['figure', 'swarmdesk', 'docker CLI', 'goal'], rows)

  if (STORM_UPDATES > 0) {
    // the storm updates lab:scale's own services (a filled lab) plus 20 running ones it makes and removes
    console.log(`\nevent storm: ${STORM_UPDATES} docker service updates at 20/s while a core's mirror follows (the app as it ships, full re-reads on)`)
    const storm = await runStorm(lab, { pendingServices: 0, existingLabel: 'swarmdesk.scale=1', runningServices: 20, updates: STORM_UPDATES, perSecond: 20 })
    for (const line of stormLines(storm)) console.log(`  ${line}`)
    console.log(`  goal: lag p95 <= 1000 ms: ${storm.lag.p95 <= 1000 ? 'met' : 'not met'}; mirror equal to a fresh snapshot: ${storm.equality.differences.length === 0 ? 'met' : 'not met'}`)
    if (storm.equality.differences.length) console.log(describeDifferences(storm.equality.differences).replace(/^/gm, '    '))
  }

  console.log('\none-shot CLI commands (whole process), median (min–max)')
  await timeCliCommands(host, CLI_RUNS)
}

main().catch((error: unknown) => {
  console.error(`bench:scale failed: ${(error as Error).stack ?? String(error)}`)
  process.exit(1)
})
