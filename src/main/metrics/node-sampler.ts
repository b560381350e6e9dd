// One node's sampler: holds the node's connection lease while some watch needs the node, reads
// the node's own figures (/proc and df over SSH) and its watched tasks' container stats.
import type { MetricsSamples, NodeSample, TaskSample } from '../../shared/metrics'
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { toAppError } from '../docker/engine-errors'
import type { NodeConnections, NodeLease } from '../node-access/node-connections'
import { containerMemory, taskCpuPercent, type CpuCounters } from './container-stats'
import { nodeCpuPercent, parseProcOutput, percentOf, procCommand, type CpuTimes } from './node-proc'
import { runCommand } from './run-command'
import type { WantedTask } from './watch-book'
import { detached } from '../process-faults'

const DEFAULT_DOCKER_ROOT = '/var/lib/docker'
const MAX_RETRY_MS = 30_000

export class NodeSampler {
  private lease: NodeLease | null = null
  private readonly busy = new Set<'node' | 'tasks'>()
  private closed = false
  private dockerRoot: string | null = null
  private cpu: CpuTimes | null = null
  private readonly containers = new Map<string, CpuCounters | null>()
  /** after a node could not be reached: no new attempt before this time (backing off up to 30 s) */
  private retryAt = 0
  private failures = 0

  constructor(
    private readonly clusterId: string,
    readonly nodeId: string,
    private readonly deps: { nodes: Pick<NodeConnections, 'lease'>; readTimeoutMs: number; now: () => number; retryMs: number }
  ) {}

  private leasing: Promise<NodeLease | null> | null = null

  /** The node's lease, taken once for both lanes. */
  private leased(): Promise<NodeLease | null> {
    if (this.lease) return Promise.resolve(this.lease)
    this.leasing ??= this.takeLease().finally(() => (this.leasing = null))
    return this.leasing
  }

  private async takeLease(): Promise<NodeLease | null> {
    let lease: NodeLease
    try {
      lease = await this.deps.nodes.lease(this.clusterId, this.nodeId)
      this.failures = 0
    } catch (error) {
      // Unreachable, SSH refused, an unknown host key: said once, then tried again less and less often.
      this.failures++
      this.retryAt = this.deps.now() + Math.min(MAX_RETRY_MS, this.deps.retryMs * 2 ** (this.failures - 1))
      throw error
    }
    if (this.closed) {
      lease.release()
      return null
    }
    // A connection that dies fails the next read: the fault lets the lease go, and the interval after leases again.
    this.lease = lease
    return lease
  }

  private async readNode(lease: NodeLease): Promise<NodeSample> {
    const signal = AbortSignal.timeout(this.deps.readTimeoutMs)
    this.dockerRoot ??= (await lease.engine.info({ signal })).DockerRootDir || DEFAULT_DOCKER_ROOT
    // the node's /proc is read over SSH: none to the local engine
    if (!lease.ssh) throw refusal('UNAVAILABLE', phrase('nodeAccess.said.no-ssh', { node: lease.node.hostname }))
    const reading = parseProcOutput(await runCommand(lease.ssh, procCommand(this.dockerRoot), this.deps.readTimeoutMs), this.dockerRoot)
    const cpuPercent = nodeCpuPercent(this.cpu, reading.cpu)
    this.cpu = reading.cpu
    return {
      nodeId: this.nodeId,
      at: this.deps.now(),
      cpuPercent,
      cpus: reading.cpus,
      memoryPercent: percentOf(reading.memoryUsedBytes, reading.memoryTotalBytes),
      memoryUsedBytes: reading.memoryUsedBytes,
      memoryTotalBytes: reading.memoryTotalBytes,
      load: reading.load,
      disk: reading.disk
    }
  }

  private async readTask(lease: NodeLease, task: WantedTask): Promise<TaskSample | null> {
    try {
      const stats = await lease.engine.containerStats(task.containerId, { signal: AbortSignal.timeout(this.deps.readTimeoutMs) })
      const { cpuPercent, counters } = taskCpuPercent(this.containers.get(task.containerId) ?? null, stats)
      this.containers.set(task.containerId, counters)
      const memory = containerMemory(stats)
      return { taskId: task.taskId, serviceId: task.serviceId, nodeId: this.nodeId, at: this.deps.now(), cpuPercent, memoryBytes: memory.usedBytes, memoryLimitBytes: memory.limitBytes }
    } catch {
      // The container stopped or was replaced mid-session: the mirror drops the task soon.
      this.containers.delete(task.containerId)
      return null
    }
  }

  /**
   * One interval's readings, in two lanes that do not wait for each other: the node's own figures
   * (quick) and its watched tasks' stats (as slow as the engine). A lane still busy from the
   * interval before skips this one. Each lane's result goes to `publish`.
   */
  sample(wantNode: boolean, tasks: readonly WantedTask[], publish: (samples: MetricsSamples) => void): void {
    if (this.closed || (!this.lease && this.deps.now() < this.retryAt)) return
    // each lane runs on its own (a slow one skips its next turn); lane() reports a failed read itself
    if (wantNode) detached(this.lane('node', publish, async (lease, samples) => void (samples.node = await this.readNode(lease))), 'sampling a node')
    if (tasks.length > 0) {
      detached(
        this.lane('tasks', publish, async (lease, samples) => {
          samples.tasks = (await Promise.all(tasks.map((task) => this.readTask(lease, task)))).filter((s): s is TaskSample => s !== null)
          const running = new Set(tasks.map((t) => t.containerId))
          for (const id of [...this.containers.keys()]) if (!running.has(id)) this.containers.delete(id)
        }),
        'sampling tasks'
      )
    }
  }

  private async lane(name: 'node' | 'tasks', publish: (samples: MetricsSamples) => void, read: (lease: NodeLease, samples: MetricsSamples) => Promise<void>): Promise<void> {
    if (this.busy.has(name)) return
    this.busy.add(name)
    const samples: MetricsSamples = { clusterId: this.clusterId, nodeId: this.nodeId, node: null, tasks: [], fault: null }
    try {
      const lease = await this.leased()
      if (!lease) return
      await read(lease, samples)
    } catch (error) {
      const fault = toAppError(error).toData()
      samples.fault = { code: fault.code, message: fault.message, ...(fault.said ? { said: fault.said } : {}) }
      // A broken connection is let go; the next interval leases the node again.
      this.lease?.release()
      this.lease = null
      this.cpu = null
    } finally {
      this.busy.delete(name)
    }
    if (!this.closed) publish(samples)
  }

  /** Let the node's connection go (it closes once idle, unless someone else uses it). */
  stop(): void {
    this.closed = true
    this.lease?.release()
    this.lease = null
  }
}
