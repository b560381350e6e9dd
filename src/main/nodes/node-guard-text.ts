import type { NodeRefusal, NodeWarning } from '../../shared/node-guard-notices'

/**
 * The English wording of the node guard codes, for the CLI and for error details. The app words
 * the same codes through i18n (nodes.change.refusal.* / nodes.change.warning.*).
 */
export function nodeRefusalText(refusal: NodeRefusal): string {
  switch (refusal.code) {
    case 'unknown-node':
      return `no node with id ${refusal.nodeId} in this swarm`
    case 'already-role':
      return `${refusal.node} is already a ${refusal.role}`
    case 'already-availability':
      return `${refusal.node} is already ${refusal.availability}`
    case 'last-manager':
      return `${refusal.node} is the last manager: demoting it would leave the swarm without a manager. Promote another node first.`
  }
}

export function nodeWarningText(warning: NodeWarning): string {
  switch (warning.code) {
    case 'quorum-loss':
      return `after the demotion only ${warning.reachable} of ${warning.managers} managers are reachable: the swarm would lose quorum (needs ${warning.quorum})`
    case 'even-managers':
      return `${warning.managers} managers is an even number: it tolerates no more failures than ${warning.fewer} would`
    case 'too-many-managers':
      return `${warning.managers} managers: more than ${warning.max} slows Raft down without adding useful fault tolerance`
    case 'leader-election':
      return `${warning.node} is the leader: a new leader election will run`
    case 'manager-not-ready':
      return `${warning.node} is ${warning.state}: a manager that is not ready counts against quorum`
    case 'no-active-node':
      return `no other active node is ready: every task on ${warning.node} will stay pending`
    case 'manager-keeps-vote':
      return `${warning.node} stays a manager and keeps its Raft vote; draining only moves its tasks away`
  }
}
