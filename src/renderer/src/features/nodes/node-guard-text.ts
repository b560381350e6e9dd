import type { TFunction } from 'i18next'
import type { NodeRefusal, NodeWarning } from '../../../../shared/node-guard-notices'

/** Words main's node guard codes in the current language; roles, availabilities and states as the status badges say them. */
export function nodeRefusalText(t: TFunction, refusal: NodeRefusal): string {
  switch (refusal.code) {
    case 'unknown-node':
      return t('nodes.change.refusal.unknown-node', { nodeId: refusal.nodeId })
    case 'already-role':
      return t('nodes.change.refusal.already-role', { node: refusal.node, role: t(`status.${refusal.role}`) })
    case 'already-availability':
      return t('nodes.change.refusal.already-availability', { node: refusal.node, availability: t(`status.${refusal.availability}`) })
    case 'last-manager':
      return t('nodes.change.refusal.last-manager', { node: refusal.node })
  }
}

export function nodeWarningText(t: TFunction, warning: NodeWarning): string {
  switch (warning.code) {
    case 'quorum-loss':
      return t('nodes.change.warning.quorum-loss', { managers: warning.managers, reachable: warning.reachable, quorum: warning.quorum })
    case 'even-managers':
      return t('nodes.change.warning.even-managers', { managers: warning.managers, fewer: warning.fewer })
    case 'too-many-managers':
      return t('nodes.change.warning.too-many-managers', { managers: warning.managers, max: warning.max })
    case 'manager-not-ready':
      return t('nodes.change.warning.manager-not-ready', { node: warning.node, state: t(`status.${warning.state}`) })
    case 'leader-election':
    case 'no-active-node':
    case 'manager-keeps-vote':
      return t(`nodes.change.warning.${warning.code}`, { node: warning.node })
  }
}
