// The pure parts of a port-forward: which of the container's addresses its node should try, in
// what order, and the `ssh -L` a user would type for the same forward.
import type { EngineContainer, EngineNetwork } from '../docker/engine-shapes'

/** The network swarm joins every task container to for its way out (it has no name in the container's own inspect). */
export const GATEWAY_BRIDGE = 'docker_gwbridge'

/**
 * The container's IPv4 addresses, in the order its node is likeliest to reach them from its own
 * network namespace: the local `bridge` network (a task without networks), then the node's
 * `docker_gwbridge` (every task on an overlay network has one), then the overlays (reachable only
 * from inside their namespace on most setups), and the routing mesh's `ingress` last.
 */
export function addressCandidates(container: Pick<EngineContainer, 'NetworkSettings'>, gatewayBridge: Pick<EngineNetwork, 'Containers'> | null, containerId: string): string[] {
  const networks = Object.entries(container.NetworkSettings?.Networks ?? {})
  const rank = (name: string): number => (name === 'bridge' ? 0 : name === 'ingress' ? 3 : 2)
  const ranked: [number, string][] = networks.map(([name, network]) => [rank(name), network.IPAddress ?? ''])
  const gateway = gatewayBridge?.Containers?.[containerId]?.IPv4Address
  if (gateway) ranked.push([1, gateway.split('/')[0]])
  const addresses = ranked
    .filter(([, address]) => /^\d+\.\d+\.\d+\.\d+$/.test(address))
    .sort((a, b) => a[0] - b[0])
    .map(([, address]) => address)
  return [...new Set(addresses)]
}

/** The same forward by hand: the node's `ssh` (with its `-J`) and `-N -L LOCAL:ADDRESS:REMOTE`. */
export function forwardCli(sshCommand: string, localPort: number, address: string, remotePort: number): string {
  return `${sshCommand} -N -L ${localPort}:${address}:${remotePort}`
}

/** `web.1`, or `agent @ worker2` for a global service's task. */
export function taskLabel(service: string, slot: number | null, node: string): string {
  return slot !== null ? `${service}.${slot}` : `${service} @ ${node}`
}
