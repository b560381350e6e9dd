import type { NodeRefusal, NodeWarning } from './node-guard-notices'
import { phrase, type Phrase } from './phrase'

/**
 * The node guard codes as phrases of nodes.said.* (worded in English by main's edges for the CLI
 * and error details, in the user's language by the app). Roles, availabilities and states are
 * words of status.json. The one mapping of these codes: the guard dialog says the same phrases
 * as full sentences (see dialogSentence).
 */
export function nodeRefusalPhrase(refusal: NodeRefusal): Phrase {
  switch (refusal.code) {
    case 'unknown-node':
      return phrase('nodes.said.refusal.unknown-node', { nodeId: refusal.nodeId })
    case 'already-role':
      return phrase('nodes.said.refusal.already-role', { node: refusal.node, role: refusal.role === 'manager' ? phrase('status.manager') : phrase('status.worker') })
    case 'already-availability':
      return phrase('nodes.said.refusal.already-availability', { node: refusal.node, availability: availabilityPhrase(refusal.availability) })
    case 'last-manager':
      return phrase('nodes.said.refusal.last-manager', { node: refusal.node })
  }
}

export function nodeWarningPhrase(warning: NodeWarning): Phrase {
  switch (warning.code) {
    case 'quorum-loss':
      return phrase('nodes.said.warning.quorum-loss', { reachable: warning.reachable, managers: warning.managers, quorum: warning.quorum })
    case 'even-managers':
      return phrase('nodes.said.warning.even-managers', { managers: warning.managers, fewer: warning.fewer })
    case 'too-many-managers':
      return phrase('nodes.said.warning.too-many-managers', { managers: warning.managers, max: warning.max })
    case 'leader-election':
      return phrase('nodes.said.warning.leader-election', { node: warning.node })
    case 'manager-not-ready':
      return phrase('nodes.said.warning.manager-not-ready', { node: warning.node, state: statePhrase(warning.state) })
    case 'no-active-node':
      return phrase('nodes.said.warning.no-active-node', { node: warning.node })
    case 'manager-keeps-vote':
      return phrase('nodes.said.warning.manager-keeps-vote', { node: warning.node })
  }
}

/**
 * The node change dialog says a guard phrase as a full sentence (capitalised, with a full stop):
 * nodes.change.refusal.* / nodes.change.warning.* hold the same keys with the same values as
 * nodes.said.*.
 */
export function dialogSentence(said: Phrase): Phrase {
  return { ...said, key: said.key.replace(/^nodes\.said\./, 'nodes.change.') }
}

function availabilityPhrase(availability: 'active' | 'pause' | 'drain'): Phrase {
  switch (availability) {
    case 'active':
      return phrase('status.active')
    case 'pause':
      return phrase('status.pause')
    case 'drain':
      return phrase('status.drain')
  }
}

function statePhrase(state: 'unknown' | 'down' | 'ready' | 'disconnected'): Phrase {
  switch (state) {
    case 'unknown':
      return phrase('status.unknown')
    case 'down':
      return phrase('status.down')
    case 'ready':
      return phrase('status.ready')
    case 'disconnected':
      return phrase('status.disconnected')
  }
}
