// Port-forwards wired to the rest of main: the service over the node connections, its forwards
// ended with their cluster and with their task (checked when the mirror moves), and its procedures.
import type { ClusterState } from '../../shared/connections'
import { phrase } from '../../shared/phrase'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { refusal } from '../i18n/words'
import type { NodeConnections } from '../node-access/node-connections'
import type { Router } from '../rpc/dispatcher'
import type { EventBus } from '../rpc/event-bus'
import { createForwardService } from './forward-service'

export function createForwards(deps: { registry: ClusterRegistry; bus: EventBus; nodes: NodeConnections; probeTimeoutMs?: number }) {
  const { registry, bus } = deps
  const forwards = createForwardService({ bus, nodes: deps.nodes, snapshot: (clusterId) => registry.get(clusterId).snapshot(), probeTimeoutMs: deps.probeTimeoutMs })
  bus.subscribe((name, payload) => {
    if (name === 'mirror.deltas' || name === 'mirror.reset') forwards.checkTasks((payload as { clusterId: string }).clusterId)
    else if (name === 'cluster.state' && (payload as ClusterState).phase === 'closed') {
      forwards.closeAll((payload as ClusterState).clusterId, refusal('UNAVAILABLE', phrase('forwards.said.cluster-closed')))
    }
  })
  const routes: Pick<Router, 'forwards.open' | 'forwards.list' | 'forwards.close'> = {
    'forwards.open': (input) => forwards.open(input),
    'forwards.list': async ({ clusterId }) => forwards.list(clusterId),
    'forwards.close': async ({ forwardId }) => ({ closed: forwards.close(forwardId) })
  }
  return { forwards, routes }
}
