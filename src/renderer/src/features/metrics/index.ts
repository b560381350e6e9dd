export { NodeMetricsChart } from './NodeMetricsChart'
export { NodeUsageCell } from './NodeUsage'
export { ServiceMetrics } from './ServiceMetrics'
export { useMetricsWatch } from './use-metrics-watch'
