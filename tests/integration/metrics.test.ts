import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MetricsSamples } from '../../src/shared/metrics'
import { createClientLink } from '../../src/main/rpc/dispatcher'
import { docker, manager1SshEndpoint, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

// Metrics over the real lab, the cluster reached over SSH to manager1 only: worker1's figures
// through manager1 as a jump host, a task's container stats from worker1's own engine, and
// nothing left sampling (or connected) once the watches end.
let lab: LabStatus
let h: ReturnType<typeof startServices>
let clusterId: string
const created: string[] = []

const samplesOf = (nodeId: string, since: number) =>
  h.received.filter((e) => e.name === 'metrics.samples' && e.at >= since && (e.payload as MetricsSamples).nodeId === nodeId).map((e) => e.payload as MetricsSamples)

beforeAll(async () => {
  lab = requireLab()
  const scratch = tempDir('sd-metrics-')
  writeFileSync(join(scratch, 'ssh_config'), '')
  h = startServices({ userKnownHostsPath: lab.ssh.knownHosts, sshConfigPath: join(scratch, 'ssh_config'), nodeIdleMs: 300, metricsIntervalMs: 1000 })
  const profile = await h.call('connections.save', {
    name: 'metrics over ssh',
    endpoints: [manager1SshEndpoint(lab)]
  })
  clusterId = (await h.call('clusters.open', { profileId: profile.id })).clusterId
}, 60_000)

afterAll(async () => {
  h?.services.dispose()
  for (const name of created) await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
})

describe('metrics', () => {
  it("reads worker1's CPU, memory, load and docker-root disk over SSH through manager1", async () => {
    const worker1 = (await h.call('clusters.snapshot', { clusterId })).nodes.find((n) => n.hostname === 'worker1')
    expect(worker1).toBeDefined()
    const since = Date.now()
    const { watchId, intervalMs } = await h.call('metrics.watch', { clusterId, target: { nodeIds: [worker1!.id] } })
    expect(intervalMs).toBe(1000)
    const sample = await waitFor('two samples of worker1 (CPU % needs two)', () => samplesOf(worker1!.id, since).find((s) => s.node?.cpuPercent !== null && s.node !== null)?.node, 20_000)
    expect(sample.cpuPercent).toBeGreaterThanOrEqual(0)
    expect(sample.cpuPercent).toBeLessThanOrEqual(100)
    expect(sample.cpus).toBeGreaterThan(0)
    expect(sample.memoryTotalBytes).toBeGreaterThan(0)
    expect(sample.memoryPercent).toBeGreaterThan(0)
    expect(sample.load).toHaveLength(3)
    expect(sample.disk).toMatchObject({ path: expect.stringMatching(/^\//) })
    expect(sample.disk!.totalBytes).toBeGreaterThan(0)
    expect(samplesOf(worker1!.id, since).every((s) => s.fault === null)).toBe(true)
    expect(h.services.nodeAccess.openCount).toBe(1)

    // A second watch of the same node gets what was kept so far, at once.
    const again = await h.call('metrics.watch', { clusterId, target: { nodeIds: ['worker1'] } })
    expect(again.history.nodes.length).toBeGreaterThanOrEqual(2)
    await h.call('metrics.unwatch', { watchId: again.watchId })
    expect(await h.call('metrics.unwatch', { watchId })).toEqual({ stopped: true })
  }, 40_000)

  it("samples a running task's CPU and memory from its node's engine", async () => {
    const name = uniqueName('it-metrics')
    created.push(name)
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', name, '--constraint', 'node.hostname==worker1', '--limit-memory', '64M', lab.images.sleeper])
    const service = await waitFor('the service running', () => Object.values(h.model(clusterId)?.services ?? {}).find((s) => s.name === name && s.runningTasks === 1), 60_000)
    const since = Date.now()
    const { watchId } = await h.call('metrics.watch', { clusterId, target: { serviceId: service.id } })
    // CPU % is the delta between two one-shot readings: from the second sample on.
    const taskSamples = () => h.received.filter((e) => e.name === 'metrics.samples' && e.at >= since).flatMap((e) => (e.payload as MetricsSamples).tasks).filter((t) => t.serviceId === service.id)
    const task = await waitFor('a task sample with its CPU %', () => taskSamples().find((t) => t.cpuPercent !== null), 20_000)
    expect(taskSamples()[0].cpuPercent).toBeNull()
    expect(task.cpuPercent).toBeGreaterThanOrEqual(0)
    expect(task.memoryBytes).toBeGreaterThan(0)
    expect(task.memoryLimitBytes).toBe(64 * 1024 * 1024)
    const history = await h.call('metrics.watch', { clusterId, target: { serviceId: service.id } })
    expect(history.history.tasks.some((t) => t.taskId === task.taskId)).toBe(true)
    await h.call('metrics.unwatch', { watchId: history.watchId })
    await h.call('metrics.unwatch', { watchId })
  }, 90_000)

  it('samples nothing and holds no node connection once the watches end (also with the client that opened them)', async () => {
    const client = createClientLink()
    await h.services.metrics.watch(clusterId, { nodeIds: ['worker1', 'worker2'] }, client)
    await waitFor('both workers sampled', () => h.services.nodeAccess.openCount === 2 && h.services.metrics.samplerCount === 2, 20_000)
    client.close()
    expect(h.services.metrics.watchCount).toBe(0)
    expect(h.services.metrics.samplerCount).toBe(0)
    await waitFor('the node connections closed once idle', () => h.services.nodeAccess.openCount === 0, 10_000)
    const quiet = Date.now() + 500 // a sample already in flight may still land
    await new Promise((r) => setTimeout(r, 3000))
    expect(h.received.filter((e) => e.name === 'metrics.samples' && e.at > quiet)).toEqual([])
    expect(h.services.nodeAccess.openCount).toBe(0)
  }, 40_000)

  it('refuses an unknown service', async () => {
    await expect(h.call('metrics.watch', { clusterId, target: { serviceId: 'nope' } })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
