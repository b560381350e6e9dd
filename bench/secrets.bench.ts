/**
 * npm run bench:secrets — rotating a secret used by BENCH_SERVICES (default 4) services on the lab,
 * by hand with the docker CLI (the way the docs say: `docker secret create`, then one
 * `docker service update --secret-rm OLD --secret-add source=NEW,target=...` per service, which
 * waits for the rollout, then `docker secret rm OLD`) and by SwarmDesk's rotation engine (the core
 * the app and `swarmdesk secret rotate` use: same steps, plus the journal and the rollout checks),
 * interleaved, BENCH_RUNS (default 3) times each. Prints every run, the medians and the ratio.
 * The services are sleepers updated start-first with a 1 s monitor, so the figures measure the
 * orchestration, not the image.
 */
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { createServices } from '../src/main/composition'
import { createNodePlatform } from '../src/main/platform/node-platform'
import { createDispatcher } from '../src/main/rpc/dispatcher'
import { labNode, requireLab, tempDir, uniqueName } from '../tests/support/lab'

const run = promisify(execFile)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const SERVICES = Number(process.env.BENCH_SERVICES ?? 4)

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const seconds = (value: number) => `${(value / 1000).toFixed(1).padStart(6)} s`

async function main(): Promise<void> {
  const lab = requireLab()
  const host = `unix://${labNode(lab, 'manager1').socket}`
  const docker = async (args: string[]) => (await run('docker', ['-H', host, ...args], { timeout: 600_000 })).stdout.trim()
  const base = uniqueName('h2-bench')
  const services = Array.from({ length: SERVICES }, (_, i) => `${base}-s${i + 1}`)
  const file = join(tempDir('h2-bench-'), 'value')
  const app = createServices({ platform: createNodePlatform(tempDir('h2-bench-data-')), env: { DOCKER_HOST: host } })
  const dispatcher = createDispatcher(app.router)
  const call = async (name: string, input: unknown) => {
    const response = await dispatcher.dispatch(name, input, { transport: 'direct' })
    if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`)
    return response.result as { outcome?: string; clusterId?: string }
  }
  try {
    writeFileSync(file, 'v1')
    let current = `${base}-tok`
    await docker(['secret', 'create', current, file])
    for (const name of services) {
      await docker(['service', 'create', '--detach', '--name', name, '--secret', `source=${current},target=tok`, '--update-order', 'start-first', '--update-monitor', '1s', `10.77.0.1:5000/swarmdesk/sleeper:1`])
    }
    for (const name of services) await docker(['service', 'update', '--force', '--update-order', 'start-first', name]) // waits until each runs
    const clusterId = (await call('clusters.open', { profileId: 'default' })).clusterId as string
    const times: Record<'docker CLI' | 'SwarmDesk', number[]> = { 'docker CLI': [], SwarmDesk: [] }
    let version = 1
    for (let i = 0; i < RUNS; i++) {
      for (const way of ['docker CLI', 'SwarmDesk'] as const) {
        version++
        const next = `${base}-tok-${version}`
        const started = performance.now()
        if (way === 'docker CLI') {
          writeFileSync(file, `v${version}`)
          await docker(['secret', 'create', next, file])
          for (const name of services) await docker(['service', 'update', '--secret-rm', current, '--secret-add', `source=${next},target=tok,uid=0,gid=0,mode=0444`, name])
          await docker(['secret', 'rm', current])
        } else {
          const result = await call('secrets.rotate', { clusterId, kind: 'secret', objectId: current, newName: next, value: { text: `v${version}` }, removeOld: true })
          if (result.outcome !== 'completed') throw new Error(`rotation ${result.outcome}`)
        }
        const elapsed = performance.now() - started
        times[way].push(elapsed)
        console.log(`run ${i + 1} ${way.padEnd(10)} ${seconds(elapsed)}`)
        current = next
      }
    }
    const cli = median(times['docker CLI'])
    const ours = median(times.SwarmDesk)
    console.log(`\nrotation of a secret used by ${SERVICES} services (median of ${RUNS}):`)
    console.log(`  docker CLI by hand ${seconds(cli)}`)
    console.log(`  SwarmDesk          ${seconds(ours)}   ratio ${(ours / cli).toFixed(2)}`)
  } finally {
    await docker(['service', 'rm', ...services]).catch(() => undefined)
    await new Promise((r) => setTimeout(r, 5000))
    const left = (await docker(['secret', 'ls', '--format', '{{.Name}}'])).split('\n').filter((n) => n.startsWith(base))
    if (left.length) await docker(['secret', 'rm', ...left]).catch(() => undefined)
    app.dispose()
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
