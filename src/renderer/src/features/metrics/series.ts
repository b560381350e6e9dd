import type { MetricsHistory, MetricsSamples, NodeSample, TaskSample } from '../../../../shared/metrics'

/** A cluster's samples as the charts read them: per node and per task, oldest first. */
export interface ClusterSeries {
  nodes: Record<string, NodeSample[]>
  tasks: Record<string, TaskSample[]>
  /** why a node could not be read at its last attempt (null once it could) */
  faults: Record<string, MetricsSamples['fault']>
}

export const emptySeries = (): ClusterSeries => ({ nodes: {}, tasks: {}, faults: {} })

/** Samples added in time order, each once (two views watching the same node both hear its samples), the span kept. Pure. */
export function appendSamples<T extends { at: number }>(list: readonly T[] | undefined, added: readonly T[], spanMs: number): T[] {
  let out = list ? [...list] : []
  for (const sample of [...added].sort((a, b) => a.at - b.at)) {
    const last = out.length > 0 ? out[out.length - 1].at : -Infinity
    if (sample.at > last) out.push(sample)
    else if (!out.some((s) => s.at === sample.at)) out = [...out, sample].sort((a, b) => a.at - b.at)
  }
  const oldest = (out.length > 0 ? out[out.length - 1].at : 0) - spanMs
  const first = out.findIndex((s) => s.at >= oldest)
  return first > 0 ? out.slice(first) : out
}

export function withHistory(series: ClusterSeries, history: MetricsHistory, spanMs: number): ClusterSeries {
  const nodes = { ...series.nodes }
  const tasks = { ...series.tasks }
  for (const sample of history.nodes) nodes[sample.nodeId] = appendSamples(nodes[sample.nodeId], [sample], spanMs)
  for (const sample of history.tasks) tasks[sample.taskId] = appendSamples(tasks[sample.taskId], [sample], spanMs)
  return { ...series, nodes, tasks }
}

export function withSamples(series: ClusterSeries, samples: MetricsSamples, spanMs: number): ClusterSeries {
  const faults = { ...series.faults, [samples.nodeId]: samples.fault }
  const nodes = samples.node ? { ...series.nodes, [samples.nodeId]: appendSamples(series.nodes[samples.nodeId], [samples.node], spanMs) } : series.nodes
  let tasks = series.tasks
  if (samples.tasks.length > 0) {
    tasks = { ...series.tasks }
    for (const task of samples.tasks) tasks[task.taskId] = appendSamples(tasks[task.taskId], [task], spanMs)
  }
  return { nodes, tasks, faults }
}

/** uPlot's data: the shared x (seconds) and one y array per line, null where a line has no sample. */
export type ChartData = [number[], ...(number | null)[][]]

/**
 * Lines sampled at slightly different moments (each node answers on its own) put on one time
 * axis: each sample falls in its interval's bucket. Pure.
 */
export function alignSeries(lines: readonly { at: number; value: number | null }[][], intervalMs: number): ChartData {
  const bucket = (at: number): number => Math.round(at / intervalMs)
  const buckets = [...new Set(lines.flatMap((line) => line.map((p) => bucket(p.at))))].sort((a, b) => a - b)
  const index = new Map(buckets.map((b, i) => [b, i]))
  const ys = lines.map((line) => {
    const y: (number | null)[] = new Array(buckets.length).fill(null)
    for (const p of line) y[index.get(bucket(p.at)) as number] = p.value
    return y
  })
  return [buckets.map((b) => (b * intervalMs) / 1000), ...ys]
}

/** A line that sums the others per point (null where none has a value). Pure. */
export function sumLine(ys: readonly (number | null)[][], length: number): (number | null)[] {
  const sum: (number | null)[] = new Array(length).fill(null)
  for (const y of ys) for (let i = 0; i < length; i++) if (y[i] !== null) sum[i] = (sum[i] ?? 0) + (y[i] as number)
  return sum
}

/** The last value a line has, for the figure shown beside a chart. */
export function lastValue(y: readonly (number | null)[] | undefined): number | null {
  if (!y) return null
  for (let i = y.length - 1; i >= 0; i--) if (y[i] !== null) return y[i]
  return null
}
