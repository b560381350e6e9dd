/**
 * npm run bench:metrics — what sampling costs the main process, on the real lab.
 *
 * 50 sleeper tasks spread over the 5 nodes (BENCH_METRICS_TASKS), the cluster reached over SSH to
 * manager1 only (workers through it as a jump host, like a user's setup), one service watched
 * (every task's container stats every 2 s) and every node watched (/proc and df every 2 s).
 * Prints the main process's CPU time over ~30 s of sampling (BENCH_METRICS_SECONDS) as a share of
 * one core (process.cpuUsage: this process is main here), with samples and faults counted.
 * Figures printed, no assertion. The issue's bar: <= 5 % of one core.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MetricsSamples } from '../src/shared/metrics'
import { createServices } from '../src/main/composition'
import { createNodePlatform } from '../src/main/platform/node-platform'
// The dispatcher is main's edge: loading it words the app's phrases in English, as main does.
import { createDispatcher } from '../src/main/rpc/dispatcher'
import { docker, manager1SshEndpoint, requireLab, tempDir, uniqueName, waitFor } from '../tests/support/lab'

const TASKS = Number(process.env.BENCH_METRICS_TASKS ?? 50)
const SECONDS = Number(process.env.BENCH_METRICS_SECONDS ?? 30)

async function main(): Promise<void> {
  const lab = requireLab()
  const scratch = tempDir('sd-bench-metrics-')
  writeFileSync(join(scratch, 'ssh_config'), '')
  const name = uniqueName('bench-metrics')
  const services = createServices({ platform: createNodePlatform(scratch), env: {}, userKnownHostsPath: lab.ssh.knownHosts, sshConfigPath: join(scratch, 'ssh_config') })
  try {
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', name, '--replicas', String(TASKS), '--replicas-max-per-node', String(Math.ceil(TASKS / 5)), lab.images.sleeper])
    const profile = await services.profiles.save({
      name: 'bench over ssh',
      endpoints: [manager1SshEndpoint(lab)]
    })
    const { clusterId } = await services.registry.open(profile)
    const session = services.registry.get(clusterId)
    const service = await waitFor(`${TASKS} tasks running`, async () => (await session.snapshot()).services.find((s) => s.name === name && s.runningTasks === TASKS), 180_000)
    const spread = new Map<string, number>()
    for (const task of (await session.snapshot()).tasks) if (task.serviceId === service.id && task.state === 'running') spread.set(task.nodeId ?? '', (spread.get(task.nodeId ?? '') ?? 0) + 1)
    const nodes = (await session.snapshot()).nodes
    const hostname = (id: string) => nodes.find((n) => n.id === id)?.hostname ?? id
    console.log(`${TASKS} tasks: ${[...spread].map(([id, n]) => `${hostname(id)} ${n}`).join(', ')}`)

    let samples = 0
    let taskSamples = 0
    let faults = 0
    services.bus.subscribe((event, payload) => {
      if (event !== 'metrics.samples') return
      const s = payload as MetricsSamples
      if (s.node) samples++
      taskSamples += s.tasks.length
      if (s.fault) faults++
    })
    const nodeIds = (await session.snapshot()).nodes.map((n) => n.id)
    // Through the contract, as the renderer asks.
    const dispatcher = createDispatcher(services.router)
    const watch = async (target: { serviceId: string } | { nodeIds: string[] }): Promise<string> => {
      const response = await dispatcher.dispatch('metrics.watch', { clusterId, target }, { transport: 'direct' })
      if (!response.ok) throw new Error(response.error.message)
      return (response.result as { watchId: string }).watchId
    }
    const watches = [await watch({ serviceId: service.id }), await watch({ nodeIds })]
    // Warm-up: connections to every node opened, the first samples in.
    await new Promise((r) => setTimeout(r, 6000))
    samples = taskSamples = faults = 0
    const cpu = process.cpuUsage()
    const started = performance.now()
    await new Promise((r) => setTimeout(r, SECONDS * 1000))
    const used = process.cpuUsage(cpu)
    const wall = performance.now() - started
    const share = ((used.user + used.system) / 1000 / wall) * 100
    console.log(`sampling ${TASKS} tasks and ${nodeIds.length} nodes every 2 s for ${(wall / 1000).toFixed(1)} s:`)
    console.log(`  main process CPU: ${share.toFixed(2)} % of one core (user ${(used.user / 1000).toFixed(0)} ms, system ${(used.system / 1000).toFixed(0)} ms)`)
    const intervals = wall / 2000
    console.log(`  node samples: ${samples} (${(samples / intervals).toFixed(1)} per interval of ${nodeIds.length}), task samples: ${taskSamples} (${(taskSamples / intervals).toFixed(1)} per interval of ${TASKS}), faults: ${faults}`)
    for (const watchId of watches) services.metrics.unwatch(watchId)
  } finally {
    services.dispose()
    await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
