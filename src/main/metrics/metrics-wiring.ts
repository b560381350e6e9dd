// Metrics wired to the rest of main: sampled over the node connections, from the mirror's tasks,
// and the contract's procedures mapped onto the service (each watch ends with its caller's client).
import type { ClusterRegistry } from '../clusters/cluster-registry'
import type { NodeConnections } from '../node-access/node-connections'
import type { Router } from '../rpc/dispatcher'
import type { EventBus } from '../rpc/event-bus'
import { createMetricsService } from './metrics-service'

export function createMetrics(deps: { registry: ClusterRegistry; bus: EventBus; nodes: NodeConnections; intervalMs?: number }) {
  const service = createMetricsService({ nodes: deps.nodes, bus: deps.bus, snapshot: (clusterId) => deps.registry.get(clusterId).currentSnapshot(), intervalMs: deps.intervalMs })
  const routes: Pick<Router, 'metrics.watch' | 'metrics.unwatch'> = {
    'metrics.watch': ({ clusterId, target }, ctx) => service.watch(clusterId, target, ctx.client),
    'metrics.unwatch': async ({ watchId }) => ({ stopped: service.unwatch(watchId) })
  }
  return { service, routes }
}
