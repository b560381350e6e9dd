import { useEffect } from 'react'
import type { MetricsTarget } from '../../../../shared/metrics'
import { useApi } from '../../api/api-context'
import { watchMetrics } from './metrics-actions'

/** Samples of the target while the calling view is mounted (null: nothing to watch). */
export function useMetricsWatch(clusterId: string, target: MetricsTarget | null): void {
  const api = useApi()
  const key = target ? JSON.stringify(target) : null
  useEffect(() => {
    if (!key) return
    return watchMetrics(api, clusterId, JSON.parse(key) as MetricsTarget)
  }, [api, clusterId, key])
}
