import type { MantineColor } from '@mantine/core'
import type { ClusterPhase } from '../../../shared/connections'
import type { SwarmNode, Task, UpdateStatus } from '../../../shared/domain'

/** Every state word the screens show as a badge; each has a label under `status.` in the catalogue. */
export type StatusValue =
  | ClusterPhase
  | SwarmNode['state']
  | SwarmNode['availability']
  | NonNullable<SwarmNode['manager']>['reachability']
  | SwarmNode['role']
  | Task['state']
  | UpdateStatus['state']
  | 'leader'
  /** a manager whose engine waits for the unlock key (autolock) */
  | 'locked'

const tones: Record<StatusValue, MantineColor> = {
  // cluster phases
  connecting: 'blue',
  ready: 'green',
  'no-swarm': 'yellow',
  'not-manager': 'orange',
  reconnecting: 'orange',
  failed: 'red',
  closed: 'gray',
  // node state / availability / reachability / role
  unknown: 'gray',
  down: 'red',
  disconnected: 'orange',
  active: 'green',
  pause: 'yellow',
  drain: 'orange',
  unreachable: 'red',
  reachable: 'green',
  manager: 'violet',
  worker: 'gray',
  leader: 'yellow',
  locked: 'red',
  // task states
  new: 'gray',
  allocated: 'blue',
  pending: 'yellow',
  assigned: 'blue',
  accepted: 'blue',
  preparing: 'blue',
  starting: 'blue',
  running: 'green',
  complete: 'teal',
  shutdown: 'gray',
  rejected: 'red',
  remove: 'gray',
  orphaned: 'orange',
  // update status
  updating: 'blue',
  paused: 'yellow',
  completed: 'green',
  rollback_started: 'orange',
  rollback_paused: 'orange',
  rollback_completed: 'yellow'
}

export function toneOf(status: StatusValue): MantineColor {
  return tones[status]
}

/** Whether a word is one of the state words the catalogue has under `status.` (engine attributes may carry others). */
export function isStatus(word: string): word is StatusValue {
  return Object.prototype.hasOwnProperty.call(tones, word)
}
