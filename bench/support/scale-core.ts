/**
 * The core at scale, in this process (the same services main runs): opening the cluster from
 * nothing (connect + snapshot), with the number of Engine API calls it made, and the placement of
 * every service against every node (`placement.matrix`, what the Placement page asks for); against
 * the docker CLI's `service ls` and `service ps` of every service on the same engine, in the same run.
 */
import { execFile } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { createServices } from '../../src/main/composition'
import { ApiCallCounter } from '../../src/main/docker/call-counter'
import { createNodePlatform } from '../../src/main/platform/node-platform'
import { createDispatcher } from '../../src/main/rpc/dispatcher'
import { tempDir } from '../../tests/support/lab'

const run = promisify(execFile)

export interface CoreFigures {
  nodes: number
  services: number
  tasks: number
  /** the biggest service by task count */
  biggestService: string
  /** clusters.open until ready: the snapshot's first phase (everything but the tasks), what the app paints first */
  openMs: number[]
  /** clusters.open until the task list is in too (the snapshot's second phase) */
  completeMs: number[]
  apiCalls: number
  placementMs: number[]
  placementRows: number
  serviceLsMs: number[]
  /** `docker service ps` of every service, one command */
  servicePsMs: number
}

async function timeDocker(socket: string, args: string[]): Promise<number> {
  const started = performance.now()
  await run('docker', ['-H', `unix://${socket}`, ...args], { maxBuffer: 1024 * 1024 * 1024 })
  return performance.now() - started
}

/** `runs` opens from a fresh core each (after one to warm the process), each paired with a `docker service ls`. */
export async function measureCore(socket: string, runs: number): Promise<CoreFigures> {
  const openMs: number[] = []
  const completeMs: number[] = []
  const serviceLsMs: number[] = []
  const placementMs: number[] = []
  let apiCalls = 0
  let placementRows = 0
  let shape = { nodes: 0, services: 0, tasks: 0, biggestService: '' }
  for (let i = 0; i <= runs; i++) {
    const cliTime = await timeDocker(socket, ['service', 'ls'])
    const counter = new ApiCallCounter()
    const instance = createServices({ platform: createNodePlatform(tempDir('sd-bench-scale-')), env: { DOCKER_HOST: `unix://${socket}` }, counter })
    try {
      const dispatcher = createDispatcher(instance.router)
      const started = performance.now()
      const opened = await dispatcher.dispatch('clusters.open', { profileId: 'default' }, { transport: 'direct' })
      const elapsed = performance.now() - started
      if (!opened.ok) throw new Error(`open failed: ${opened.error.message}`)
      const clusterId = (opened.result as { clusterId: string }).clusterId
      const snapshot = await instance.registry.get(clusterId).snapshot()
      const complete = performance.now() - started
      // the open probe's GET /version is not part of the snapshot (its GET /info is reused by it),
      // nor are the liveness pings made while the task list loads
      apiCalls = counter.calls - counter.of('version') - counter.of('ping')
      const perService = new Map<string, number>()
      for (const task of snapshot.tasks) perService.set(task.serviceId, (perService.get(task.serviceId) ?? 0) + 1)
      const biggest = [...perService.entries()].sort((a, b) => b[1] - a[1])[0]
      shape = {
        nodes: snapshot.nodes.length,
        services: snapshot.services.length,
        tasks: snapshot.tasks.length,
        biggestService: snapshot.services.find((s) => s.id === biggest?.[0])?.name ?? ''
      }
      const placementStarted = performance.now()
      const matrix = await dispatcher.dispatch('placement.matrix', { clusterId, changes: [] }, { transport: 'direct' })
      const placementElapsed = performance.now() - placementStarted
      if (!matrix.ok) throw new Error(`placement.matrix failed: ${matrix.error.message}`)
      placementRows = (matrix.result as { services: unknown[] }).services.length
      // the first run warms the process (module loading, JIT); it is not counted
      if (i > 0) {
        openMs.push(elapsed)
        completeMs.push(complete)
        serviceLsMs.push(cliTime)
        placementMs.push(placementElapsed)
      }
    } finally {
      instance.dispose()
    }
  }
  const ids = (await run('docker', ['-H', `unix://${socket}`, 'service', 'ls', '-q'], { maxBuffer: 64 * 1024 * 1024 })).stdout.split('\n').filter(Boolean)
  const servicePsMs = await timeDocker(socket, ['service', 'ps', ...ids])
  return { ...shape, openMs, completeMs, apiCalls, placementMs, placementRows, serviceLsMs, servicePsMs }
}
