import type { NodeSample, TaskSample } from '../../../../shared/metrics'
import { alignSeries, lastValue, sumLine, type ChartData } from './series'

/** A node's chart: CPU % and memory % on one time axis. Pure. */
export function nodeChartData(samples: readonly NodeSample[], intervalMs: number): ChartData {
  return alignSeries(
    [samples.map((s) => ({ at: s.at, value: s.cpuPercent })), samples.map((s) => ({ at: s.at, value: s.memoryPercent }))],
    intervalMs
  )
}

/** A service's chart of one measure: the sum first, then one line per task (in the order given). Pure. */
export function serviceChartData(tasks: readonly { taskId: string; samples: readonly TaskSample[] }[], measure: (s: TaskSample) => number | null, intervalMs: number): { data: ChartData; last: number | null } {
  const [x, ...ys] = alignSeries(tasks.map((t) => t.samples.map((s) => ({ at: s.at, value: measure(s) }))), intervalMs)
  const sum = sumLine(ys, x.length)
  return { data: [x, sum, ...ys], last: lastValue(sum) }
}
