import { z } from 'zod'
import { phraseSchema } from './phrase'

/**
 * Live metrics, sampled only while a view that shows them is open. A view opens a watch
 * (`metrics.watch`): main samples the watched nodes (over each node's SSH connection: /proc and
 * df) and the running tasks of a watched service (the node engine's container stats) every
 * interval, pushes each node's sample as `metrics.samples`, and keeps the last 15 minutes per
 * node and task, sent in full with the watch so a chart fills at once. A watch ends with
 * `metrics.unwatch`, with the connection that opened it, or with its cluster; nothing is sampled
 * when nobody watches.
 */

/** How long main keeps samples per node and per task. */
export const METRICS_HISTORY_MS = 15 * 60_000
export const METRICS_INTERVAL_MS = 2_000

export const metricsTargetSchema = z.union([
  z.object({ nodeIds: z.array(z.string().min(1).max(200)).min(1).max(1000) }).strict(),
  z.object({ serviceId: z.string().min(1).max(200) }).strict()
])
export type MetricsTarget = z.infer<typeof metricsTargetSchema>

export const nodeSampleSchema = z.object({
  nodeId: z.string(),
  /** ms since the epoch */
  at: z.number(),
  /** busy share of all the node's CPUs, 0..100; null on the first sample (it needs two) */
  cpuPercent: z.number().nullable(),
  cpus: z.number().int(),
  /** (MemTotal - MemAvailable) / MemTotal, 0..100 */
  memoryPercent: z.number().nullable(),
  memoryUsedBytes: z.number(),
  memoryTotalBytes: z.number(),
  /** the load average over 1, 5 and 15 minutes */
  load: z.tuple([z.number(), z.number(), z.number()]).nullable(),
  /** the file system holding the engine's data (`docker info` DockerRootDir) */
  disk: z.object({ path: z.string(), usedBytes: z.number(), totalBytes: z.number(), percent: z.number().nullable() }).nullable()
})
export type NodeSample = z.infer<typeof nodeSampleSchema>

export const taskSampleSchema = z.object({
  taskId: z.string(),
  serviceId: z.string(),
  nodeId: z.string(),
  at: z.number(),
  /** like `docker stats`: 100 = one CPU fully busy; null when the engine gave no CPU counters */
  cpuPercent: z.number().nullable(),
  /** usage less the page cache, like `docker stats` */
  memoryBytes: z.number(),
  /** the container's memory limit (the node's memory without one) */
  memoryLimitBytes: z.number()
})
export type TaskSample = z.infer<typeof taskSampleSchema>

export const metricsFaultSchema = z.object({ code: z.string(), message: z.string(), said: phraseSchema.optional() })

export const metricsSamplesSchema = z.object({
  clusterId: z.string(),
  nodeId: z.string(),
  /** the node's own figures, when a watch asks for them and they could be read */
  node: nodeSampleSchema.nullable(),
  tasks: z.array(taskSampleSchema),
  /** why this node could not be sampled this time (unreachable, SSH refused...) */
  fault: metricsFaultSchema.nullable()
})
export type MetricsSamples = z.infer<typeof metricsSamplesSchema>

export const metricsHistorySchema = z.object({ nodes: z.array(nodeSampleSchema), tasks: z.array(taskSampleSchema) })
export type MetricsHistory = z.infer<typeof metricsHistorySchema>

const clusterRef = z.object({ clusterId: z.string().min(1).max(200) })

export const metricsProcedures = {
  /** Start sampling nodes, or a service's tasks; answers with what main kept of the last 15 minutes. */
  'metrics.watch': {
    input: clusterRef.extend({ target: metricsTargetSchema }),
    output: z.object({ watchId: z.string(), intervalMs: z.number().int(), history: metricsHistorySchema })
  },
  'metrics.unwatch': { input: z.object({ watchId: z.string().min(1).max(100) }), output: z.object({ stopped: z.boolean() }) }
} as const

export const metricsEvents = {
  /** One node's sample of one interval (its own figures, the watched tasks on it), or why it failed. */
  'metrics.samples': metricsSamplesSchema
} as const
