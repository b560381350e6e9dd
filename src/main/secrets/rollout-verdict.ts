// What a rotation waits for, in the terms of the shared convergence verdict
// (rollouts/convergence.ts): every task meant to run mounts the new version (or, rolling back,
// the old one again), and the engine's own rollback of the update is a failure at once — the
// rotation then rolls back every service itself. The table of cases is convergence.spec.ts.
import type { StoredKind } from '../../shared/secrets'
import type { ConvergenceGoal } from '../rollouts/convergence'

export function rolloutGoal(kind: StoredKind, objectId: string): ConvergenceGoal {
  return { voice: 'rotation', version: { kind, objectId }, engineRollback: 'fails-at-once' }
}
