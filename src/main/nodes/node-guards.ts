import type { SwarmNode } from '../../shared/domain'
import type { NodeRefusal, NodeWarning } from '../../shared/node-guard-notices'

/**
 * What a role or availability change does to the swarm's Raft quorum, decided before anything
 * is sent. Pure: nodes in, verdict out (codes and numbers; node-guard-text.ts and the renderer
 * word them).
 */
export type NodeChange = { availability: SwarmNode['availability'] } | { role: SwarmNode['role'] }

export interface GuardVerdict {
  /** Set when the change must not be made at all. */
  refusal: NodeRefusal | null
  /** Things the user must read and confirm. */
  warnings: NodeWarning[]
}

/** Docker's advice: more managers than this slow every change down without useful fault tolerance. */
export const MAX_USEFUL_MANAGERS = 7

export function quorumOf(managers: number): number {
  return Math.floor(managers / 2) + 1
}

function reachableManagers(nodes: SwarmNode[]): SwarmNode[] {
  return nodes.filter((n) => n.role === 'manager' && n.manager?.reachability === 'reachable' && n.state !== 'down')
}

const refused = (refusal: NodeRefusal): GuardVerdict => ({ refusal, warnings: [] })

export function checkNodeChange(nodes: SwarmNode[], nodeId: string, change: NodeChange): GuardVerdict {
  const node = nodes.find((n) => n.id === nodeId)
  if (!node) return refused({ code: 'unknown-node', nodeId })
  const managers = nodes.filter((n) => n.role === 'manager')
  const reachable = reachableManagers(nodes)
  const warnings: NodeWarning[] = []

  if ('role' in change) {
    if (change.role === node.role) return refused({ code: 'already-role', node: node.hostname, role: node.role })
    if (change.role === 'worker') {
      if (managers.length <= 1) return refused({ code: 'last-manager', node: node.hostname })
      const after = managers.length - 1
      const reachableAfter = reachable.filter((n) => n.id !== node.id).length
      if (reachableAfter < quorumOf(after)) warnings.push({ code: 'quorum-loss', managers: after, reachable: reachableAfter, quorum: quorumOf(after) })
      if (after % 2 === 0) warnings.push({ code: 'even-managers', managers: after, fewer: after - 1 })
      if (node.manager?.leader) warnings.push({ code: 'leader-election', node: node.hostname })
    } else {
      const after = managers.length + 1
      if (node.state !== 'ready') warnings.push({ code: 'manager-not-ready', node: node.hostname, state: node.state })
      if (after % 2 === 0) warnings.push({ code: 'even-managers', managers: after, fewer: after - 1 })
      if (after > MAX_USEFUL_MANAGERS) warnings.push({ code: 'too-many-managers', managers: after, max: MAX_USEFUL_MANAGERS })
    }
    return { refusal: null, warnings }
  }

  if (change.availability === node.availability) return refused({ code: 'already-availability', node: node.hostname, availability: node.availability })
  if (change.availability === 'drain') {
    const active = nodes.filter((n) => n.availability === 'active' && n.state === 'ready' && n.id !== node.id)
    if (active.length === 0) warnings.push({ code: 'no-active-node', node: node.hostname })
    // Draining moves tasks, not votes: people expect it to take a manager out of Raft; it does not.
    if (node.role === 'manager') warnings.push({ code: 'manager-keeps-vote', node: node.hostname })
  }
  return { refusal: null, warnings }
}

export { nodeChangeCli } from '../../shared/docker-cli'
