import type { ApiClient } from '../../api/client'
import type { MetricsTarget } from '../../../../shared/metrics'
import { useMetricsStore } from './metrics-store'

/**
 * Watch a target while a view is open: samples flow into the store until the returned stop is
 * called, which ends the watch in main (also when the watch is still being opened).
 */
export function watchMetrics(api: ApiClient, clusterId: string, target: MetricsTarget): () => void {
  const store = useMetricsStore.getState()
  const off = api.on('metrics.samples', (samples) => {
    if (samples.clusterId === clusterId) store.addSamples(samples)
  })
  let stopped = false
  let watchId: string | null = null
  api
    .call('metrics.watch', { clusterId, target })
    .then((opened) => {
      watchId = opened.watchId
      if (stopped) void api.call('metrics.unwatch', { watchId }).catch(() => undefined)
      else store.addHistory(clusterId, opened.history, opened.intervalMs)
    })
    .catch(() => undefined) // the cluster closed or the service went: nothing to show
  return () => {
    stopped = true
    off()
    if (watchId) void api.call('metrics.unwatch', { watchId }).catch(() => undefined)
  }
}
