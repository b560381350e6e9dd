import type { SwarmNode } from '../../shared/domain'

/**
 * What a role or availability change does to the swarm's Raft quorum, decided before anything
 * is sent. Pure: nodes in, verdict out.
 */
export type NodeChange = { availability: SwarmNode['availability'] } | { role: SwarmNode['role'] }

export interface GuardVerdict {
  /** Set when the change must not be made at all. */
  refusal: string | null
  /** Things the user must read and confirm. */
  warnings: string[]
}

export function quorumOf(managers: number): number {
  return Math.floor(managers / 2) + 1
}

function reachableManagers(nodes: SwarmNode[]): SwarmNode[] {
  return nodes.filter((n) => n.role === 'manager' && n.manager?.reachability === 'reachable' && n.state !== 'down')
}

export function checkNodeChange(nodes: SwarmNode[], nodeId: string, change: NodeChange): GuardVerdict {
  const node = nodes.find((n) => n.id === nodeId)
  if (!node) return { refusal: `no node with id ${nodeId} in this swarm`, warnings: [] }
  const managers = nodes.filter((n) => n.role === 'manager')
  const reachable = reachableManagers(nodes)
  const warnings: string[] = []

  if ('role' in change) {
    if (change.role === node.role) return { refusal: `${node.hostname} is already a ${node.role}`, warnings: [] }
    if (change.role === 'worker') {
      if (managers.length <= 1) {
        return { refusal: `${node.hostname} is the last manager: demoting it would leave the swarm without a manager. Promote another node first.`, warnings: [] }
      }
      const after = managers.length - 1
      const reachableAfter = reachable.filter((n) => n.id !== node.id).length
      if (reachableAfter < quorumOf(after)) {
        warnings.push(`after the demotion only ${reachableAfter} of ${after} managers are reachable: the swarm would lose quorum (needs ${quorumOf(after)})`)
      }
      if (after % 2 === 0) warnings.push(`${after} managers is an even number: it tolerates no more failures than ${after - 1} would`)
      if (node.manager?.leader) warnings.push(`${node.hostname} is the leader: a new leader election will run`)
    } else {
      const after = managers.length + 1
      if (node.state !== 'ready') warnings.push(`${node.hostname} is ${node.state}: a manager that is not ready counts against quorum`)
      if (after % 2 === 0) warnings.push(`${after} managers is an even number: it tolerates no more failures than ${after - 1} would`)
      if (after > 7) warnings.push(`${after} managers: more than 7 slows Raft down without adding useful fault tolerance`)
    }
    return { refusal: null, warnings }
  }

  if (change.availability === node.availability) return { refusal: `${node.hostname} is already ${node.availability}`, warnings: [] }
  if (change.availability === 'drain') {
    const active = nodes.filter((n) => n.availability === 'active' && n.state === 'ready' && n.id !== node.id)
    if (active.length === 0) warnings.push(`no other active node is ready: every task on ${node.hostname} will stay pending`)
    if (node.role === 'manager') {
      warnings.push(`${node.hostname} stays a manager and keeps its Raft vote; draining only moves its tasks away`)
    }
  }
  return { refusal: null, warnings }
}

export { nodeChangeCli } from '../../shared/docker-cli'
