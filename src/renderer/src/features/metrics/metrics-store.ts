import { create } from 'zustand'
import { METRICS_HISTORY_MS, type MetricsHistory, type MetricsSamples } from '../../../../shared/metrics'
import { emptySeries, withHistory, withSamples, type ClusterSeries } from './series'

interface MetricsState {
  clusters: Record<string, ClusterSeries>
  intervalMs: number
  addHistory(clusterId: string, history: MetricsHistory, intervalMs: number): void
  addSamples(samples: MetricsSamples): void
}

/** The samples the open views watch, per cluster (main keeps the same 15 minutes and sends them on watch). */
export const useMetricsStore = create<MetricsState>((set) => ({
  clusters: {},
  intervalMs: 2000,
  addHistory: (clusterId, history, intervalMs) =>
    set((s) => ({ intervalMs, clusters: { ...s.clusters, [clusterId]: withHistory(s.clusters[clusterId] ?? emptySeries(), history, METRICS_HISTORY_MS) } })),
  addSamples: (samples) =>
    set((s) => ({ clusters: { ...s.clusters, [samples.clusterId]: withSamples(s.clusters[samples.clusterId] ?? emptySeries(), samples, METRICS_HISTORY_MS) } }))
}))
