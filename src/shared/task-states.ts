/**
 * The states of a swarm task, in the order swarmkit moves through them. Kept apart from the zod
 * schemas (domain.ts) so that code which only reads engine answers (the command line's quick lists)
 * does not load the schema library.
 */
export const taskStates = [
  'new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting',
  'running', 'complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned'
] as const
