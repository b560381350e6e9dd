// What is left to do for a rotation, from its journal and what the engine says now. The journal
// alone cannot tell (a crash can fall between an engine call and its journal line), so every
// decision is taken on the live state, with the journal saying which services and versions are
// involved. Pure: the same function drives a fresh rotation, a resume and a roll back.
import type { RotationRecord } from '../../shared/secrets'
import type { ErrorCode } from '../../shared/errors'

export interface LiveServiceRefs {
  exists: boolean
  /** references to the old version */
  onOld: number
  /** references to the new version */
  onNew: number
}

export interface LiveRotationState {
  oldExists: boolean
  /** the new version: by the journaled id, or by name when it carries this rotation's label */
  newId: string | null
  /** an object not made by this rotation holds the new name */
  newNameTaken: boolean
  services: Record<string, LiveServiceRefs>
  /** services outside this rotation that use the old version (it cannot be removed then) */
  otherUsersOfOld: string[]
  /** services outside this rotation that use the new version */
  otherUsersOfNew: string[]
}

export type RotationAction =
  | { kind: 'create' }
  | { kind: 'update'; serviceId: string }
  | { kind: 'converge'; serviceId: string }
  | { kind: 'remove-old' }
  | { kind: 'revert'; serviceId: string }
  | { kind: 'revert-converge'; serviceId: string }
  | { kind: 'remove-new' }

export interface Remaining {
  actions: RotationAction[]
  /** nothing can be done this way (the code says why) */
  blocked: { code: ErrorCode; message: string } | null
  /** things left alone, said to the user */
  notes: string[]
}

type Journal = Pick<RotationRecord, 'kind' | 'old' | 'new' | 'removeOld' | 'services'>

export function remainingToResume(record: Journal, live: LiveRotationState): Remaining {
  const actions: RotationAction[] = []
  const notes: string[] = []
  if (live.newId === null) {
    if (live.newNameTaken) {
      return { actions: [], blocked: { code: 'NAME_CLASH', message: `another ${record.kind} named ${record.new.name} was created meanwhile (not by this rotation): roll back, then rotate with another name` }, notes }
    }
    if (!live.oldExists) return { actions: [], blocked: { code: 'NOT_FOUND', message: `${record.old.name} no longer exists and ${record.new.name} was never created: nothing to resume` }, notes }
    actions.push({ kind: 'create' })
  }
  for (const service of record.services) {
    const state = live.services[service.serviceId]
    if (!state?.exists) {
      notes.push(`${service.serviceName} was removed meanwhile: skipped`)
      continue
    }
    if (state.onOld > 0) actions.push({ kind: 'update', serviceId: service.serviceId }, { kind: 'converge', serviceId: service.serviceId })
    else if (state.onNew > 0) {
      if (service.state !== 'converged') actions.push({ kind: 'converge', serviceId: service.serviceId })
    } else notes.push(`${service.serviceName} no longer uses ${record.old.name} or ${record.new.name}: skipped`)
  }
  if (record.removeOld && live.oldExists) {
    if (live.otherUsersOfOld.length) notes.push(`${record.old.name} is kept: ${live.otherUsersOfOld.join(', ')} still use it`)
    else actions.push({ kind: 'remove-old' })
  }
  return { actions, blocked: null, notes }
}

export function remainingToRollBack(record: Journal, live: LiveRotationState, options: { keepNew: boolean }): Remaining {
  const actions: RotationAction[] = []
  const notes: string[] = []
  const onNew = record.services.filter((s) => (live.services[s.serviceId]?.onNew ?? 0) > 0)
  if (!live.oldExists && onNew.length > 0) {
    return { actions: [], blocked: { code: 'ROLLBACK_IMPOSSIBLE', message: `${record.old.name} is already removed, so ${onNew.map((s) => s.serviceName).join(', ')} cannot go back to it: resume the rotation instead` }, notes }
  }
  // Last updated first: the reverse of the order they were moved in.
  for (const service of [...record.services].reverse()) {
    const state = live.services[service.serviceId]
    if (!state?.exists) continue
    if (state.onNew > 0) actions.push({ kind: 'revert', serviceId: service.serviceId }, { kind: 'revert-converge', serviceId: service.serviceId })
    // Back on the old version already, but a crash may have come before its rollout finished.
    else if (state.onOld > 0 && (service.state === 'updated' || service.state === 'converged')) actions.push({ kind: 'revert-converge', serviceId: service.serviceId })
  }
  if (live.newId !== null && !options.keepNew) {
    if (live.otherUsersOfNew.length) notes.push(`${record.new.name} is kept: ${live.otherUsersOfNew.join(', ')} use it too`)
    else actions.push({ kind: 'remove-new' })
  }
  return { actions, blocked: null, notes }
}
