/**
 * npm run bench:mirror — the live mirror on the real lab, compared with the docker CLI in the same run.
 *
 * Prints:
 *  - latency from a `docker node update` made with the CLI to the renderer's mirror store seeing
 *    it (the same store code the UI uses, fed over the real WebSocket transport): median and p95;
 *  - snapshot time and the number of Engine API calls it makes, with few services and with at
 *    least 200 services, against the wall time of `docker service ls` on the same cluster.
 */
import { execFile } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import Dockerode from 'dockerode'
import WebSocket from 'ws'
import { createServices } from '../src/main/composition'
import { createNodePlatform } from '../src/main/platform/node-platform'
import { createDispatcher } from '../src/main/rpc/dispatcher'
import { startWsTransport } from '../src/main/rpc/ws-transport'
import { ApiCallCounter } from '../src/main/docker/call-counter'
import { createApiClient, createWsBridge, type WebSocketLike } from '../src/renderer/src/api/client'
import { createMirrorStore } from '../src/renderer/src/features/mirror/mirror-store'
import { startMirrorSync } from '../src/renderer/src/features/mirror/mirror-sync'
import { labNode, requireLab, tempDir } from '../tests/support/lab'

const run = promisify(execFile)
const TARGET_SERVICES = Number(process.env.BENCH_SERVICES ?? 200)
const LATENCY_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30)
const SNAPSHOT_RUNS = 7
const BENCH_LABEL = 'swarmdesk.bench'

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
}
const median = (values: number[]) => quantile(values, 0.5)
const ms = (value: number) => `${value.toFixed(1)} ms`

async function timeCli(socket: string, args: string[], runs: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await run('docker', ['-H', `unix://${socket}`, ...args], { maxBuffer: 64 * 1024 * 1024 })
    times.push(performance.now() - started)
  }
  return times
}

/**
 * Open the cluster from nothing (new services, new connection) and time until the whole model is
 * loaded; each run is paired with a `docker service ls` so both see the same machine load.
 */
async function measureSnapshot(dockerHost: string, socket: string): Promise<{ times: number[]; cli: number[]; calls: number; services: number; tasks: number }> {
  const times: number[] = []
  const cli: number[] = []
  let calls = 0
  let services = 0
  let tasks = 0
  for (let i = 0; i < SNAPSHOT_RUNS + 1; i++) {
    const cliTime = (await timeCli(socket, ['service', 'ls'], 1))[0]
    const counter = new ApiCallCounter()
    const instance = createServices({ platform: createNodePlatform(tempDir('sd-bench-')), env: { DOCKER_HOST: dockerHost }, counter })
    const call = createDispatcher(instance.router)
    const started = performance.now()
    const response = await call.dispatch('clusters.open', { profileId: 'default' }, { transport: 'direct' })
    if (!response.ok) throw new Error(`open failed: ${response.error.message}`)
    const clusterId = (response.result as { clusterId: string }).clusterId
    // until the whole model is in, tasks included (the snapshot's second phase)
    const snapshot = await instance.registry.get(clusterId).snapshot()
    const elapsed = performance.now() - started
    // The open probe's `GET /info` (reused by the snapshot) plus the snapshot's own calls; the
    // probe's `GET /version` is not part of the snapshot.
    calls = counter.calls - counter.of('version')
    services = snapshot.services.length
    tasks = snapshot.tasks.length
    // The first run warms the process (module loading, JIT); it is not counted.
    if (i > 0) {
      times.push(elapsed)
      cli.push(cliTime)
    }
    instance.dispose()
  }
  return { times, cli, calls, services, tasks }
}

async function ensureServices(docker: Dockerode, image: string, wanted: number): Promise<number> {
  const existing = (await docker.listServices()).length
  const missing = Math.max(0, wanted - existing)
  const prefix = `bench-${Date.now().toString(36)}`
  for (let start = 0; start < missing; start += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, missing - start) }, (_, j) =>
        docker.createService({
          Name: `${prefix}-${start + j}`,
          Labels: { [BENCH_LABEL]: 'true' },
          TaskTemplate: { ContainerSpec: { Image: image }, Resources: { Limits: { MemoryBytes: 16 * 1024 * 1024 } } },
          Mode: { Replicated: { Replicas: 1 } }
        })
      )
    )
  }
  return missing
}

async function removeBenchServices(docker: Dockerode): Promise<void> {
  const services = await docker.listServices({ filters: { label: [`${BENCH_LABEL}=true`] } })
  for (let i = 0; i < services.length; i += 20) {
    await Promise.all(services.slice(i, i + 20).map((s) => docker.getService(s.ID).remove().catch(() => undefined)))
  }
}

async function measureLatency(dockerHost: string, socket: string): Promise<{ fromStart: number[]; fromExit: number[]; cli: number[] }> {
  const instance = createServices({ platform: createNodePlatform(tempDir('sd-bench-')), env: { DOCKER_HOST: dockerHost } })
  const transport = await startWsTransport({ dispatcher: createDispatcher(instance.router), bus: instance.bus })
  const bridge = await createWsBridge(transport.wsUrl, (url) => new WebSocket(url) as unknown as WebSocketLike)
  const api = createApiClient(bridge, 'ws')
  const store = createMirrorStore()
  const stopSync = startMirrorSync(api, store)
  const { clusterId } = await api.call('clusters.open', { profileId: 'default' })
  const deadline = Date.now() + 30_000
  while (!store.getState().models[clusterId] && Date.now() < deadline) {
    store.getState().reset(clusterId, await api.call('clusters.snapshot', { clusterId }))
  }
  const fromStart: number[] = []
  const fromExit: number[] = []
  const cli: number[] = []
  const worker = 'worker1'
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const value = `v${i}-${Date.now()}`
    const seen = new Promise<number>((resolve) => {
      const check = () => {
        const model = store.getState().models[clusterId]
        return model && Object.values(model.nodes).some((n) => n.hostname === worker && n.labels['bench.latency'] === value)
      }
      const unsubscribe = store.subscribe(() => {
        if (check()) {
          unsubscribe()
          resolve(performance.now())
        }
      })
    })
    const started = performance.now()
    await run('docker', ['-H', `unix://${socket}`, 'node', 'update', '--label-add', `bench.latency=${value}`, worker])
    const exited = performance.now()
    const at = await Promise.race([seen, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('change not seen within 10 s')), 10_000))])
    fromStart.push(at - started)
    fromExit.push(at - exited)
    cli.push(exited - started)
    await new Promise((r) => setTimeout(r, 250))
  }
  await run('docker', ['-H', `unix://${socket}`, 'node', 'update', '--label-rm', 'bench.latency', worker]).catch(() => undefined)
  stopSync()
  bridge.close()
  await transport.close()
  instance.dispose()
  return { fromStart, fromExit, cli }
}

async function main(): Promise<void> {
  const lab = requireLab()
  const socket = labNode(lab, 'manager1').socket
  const dockerHost = `unix://${socket}`
  const docker = new Dockerode({ socketPath: socket })

  console.log(`SwarmDesk mirror benchmark — lab of ${lab.nodes.length} nodes, engine ${(await docker.version()).Version}`)

  const small = await measureSnapshot(dockerHost, socket)
  console.log(`\nSnapshot with ${small.services} services / ${small.tasks} tasks: median ${ms(median(small.times))}, ${small.calls} API calls`)

  const created = await ensureServices(docker, lab.images.sleeper, TARGET_SERVICES)
  if (created) console.log(`(created ${created} sleeper services for the benchmark; waiting for their tasks)`)
  const waitUntil = Date.now() + 240_000
  while (Date.now() < waitUntil) {
    const services = (await docker.listServices({ status: true } as Dockerode.ServiceListOptions)) as { ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number } }[]
    if (services.every((s) => (s.ServiceStatus?.RunningTasks ?? 0) >= (s.ServiceStatus?.DesiredTasks ?? 0))) break
    await new Promise((r) => setTimeout(r, 2000))
  }

  const large = await measureSnapshot(dockerHost, socket)
  const cliLs = large.cli
  console.log(`Snapshot with ${large.services} services / ${large.tasks} tasks: median ${ms(median(large.times))}, ${large.calls} API calls`)
  console.log(`docker service ls on the same cluster: median ${ms(median(cliLs))}`)
  console.log(`Ratio snapshot / docker service ls: ${(median(large.times) / median(cliLs)).toFixed(2)} (target <= 1.5)`)
  console.log(`API calls per snapshot: ${small.calls} with ${small.services} services, ${large.calls} with ${large.services} services (target: constant)`)
  console.log('  (plus one read of the last hour of events for the feed, made after the snapshot is shown)')

  const latency = await measureLatency(dockerHost, socket)
  console.log(`\nCLI change -> renderer store, ${latency.fromStart.length} changes (docker node update --label-add):`)
  console.log(`  from CLI start: median ${ms(median(latency.fromStart))}, p95 ${ms(quantile(latency.fromStart, 0.95))} (target p95 <= 300 ms)`)
  console.log(`  from CLI exit:  median ${ms(median(latency.fromExit))}, p95 ${ms(quantile(latency.fromExit, 0.95))}`)
  console.log(`  the CLI command itself: median ${ms(median(latency.cli))}`)

  if (!process.argv.includes('--keep')) {
    await removeBenchServices(docker)
    console.log('\n(removed the benchmark services; pass --keep to keep them)')
  }
}

main().catch((error: unknown) => {
  console.error(`bench:mirror failed: ${(error as Error).stack ?? String(error)}`)
  process.exit(1)
})
