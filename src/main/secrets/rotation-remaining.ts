// What is left to do for a rotation, from its journal and what the engine says now. The journal
// alone cannot tell (a crash can fall between an engine call and its journal line), so every
// decision is taken on the live state, with the journal saying which services and versions are
// involved. Pure: the same function drives a fresh rotation, a resume and a roll back.
import type { RotationRecord } from '../../shared/secrets'
import type { ErrorCode } from '../../shared/errors'
import { phrase, type Phrase } from '../../shared/phrase'
import { withWords } from '../i18n/words'
import { anotherNoun } from './kind-words'

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
  /** the before-exec service: whether it exists and has the new version mounted at the step's target */
  stepService?: { exists: boolean; mounted: boolean }
}

export type RotationAction =
  | { kind: 'create' }
  | { kind: 'mount'; serviceId: string }
  | { kind: 'exec'; serviceId: string }
  | { kind: 'unmount'; serviceId: string }
  | { kind: 'update'; serviceId: string }
  | { kind: 'converge'; serviceId: string }
  | { kind: 'remove-old' }
  | { kind: 'revert'; serviceId: string }
  | { kind: 'revert-converge'; serviceId: string }
  | { kind: 'remove-new' }

export interface Remaining {
  actions: RotationAction[]
  /** nothing can be done this way (the code says why; `said` is `message` as a phrase, for refusal()) */
  blocked: { code: ErrorCode; message: string; said: Phrase } | null
  /** things left alone, said to the user: phrases, worded at the edges (the app in the user's language, the CLI in English) */
  notesSaid: Phrase[]
}

function blocked(code: ErrorCode, said: Phrase): Remaining {
  return { actions: [], blocked: withWords({ code, message: '', said }), notesSaid: [] }
}

/** The notes, as phrases. */
class Notes {
  readonly said: Phrase[] = []
  add(said: Phrase): void {
    this.said.push(said)
  }
}

type Journal = Pick<RotationRecord, 'kind' | 'old' | 'new' | 'removeOld' | 'services'> & Partial<Pick<RotationRecord, 'beforeExec'>>

export function remainingToResume(record: Journal, live: LiveRotationState): Remaining {
  const actions: RotationAction[] = []
  const notes = new Notes()
  if (live.newId === null) {
    if (live.newNameTaken) return blocked('NAME_CLASH', phrase('secrets.said.remaining.newNameTaken', { anotherNoun: anotherNoun(record.kind), name: record.new.name }))
    if (!live.oldExists) return blocked('NOT_FOUND', phrase('secrets.said.remaining.nothingToResume', { old: record.old.name, new: record.new.name }))
    actions.push({ kind: 'create' })
  }
  const step = record.beforeExec ?? null
  if (step && !step.ran) {
    // The command runs before any consumer moves; resumed after a crash, it may run a second time.
    if (!live.stepService?.exists) return blocked('BEFORE_EXEC_SERVICE', phrase('secrets.said.remaining.beforeExecServiceGone', { service: step.serviceName }))
    if (!live.stepService.mounted) actions.push({ kind: 'mount', serviceId: step.serviceId })
    actions.push({ kind: 'exec', serviceId: step.serviceId })
  }
  for (const service of record.services) {
    const state = live.services[service.serviceId]
    if (!state?.exists) {
      notes.add(phrase('secrets.said.remaining.serviceRemoved', { service: service.serviceName }))
      continue
    }
    if (state.onOld > 0) actions.push({ kind: 'update', serviceId: service.serviceId }, { kind: 'converge', serviceId: service.serviceId })
    else if (state.onNew > 0) {
      if (service.state !== 'converged') actions.push({ kind: 'converge', serviceId: service.serviceId })
    } else notes.add(phrase('secrets.said.remaining.serviceMovedAway', { service: service.serviceName, old: record.old.name, new: record.new.name }))
  }
  // A consumer's own update drops the step's mount; any other service gets it removed now.
  const stepMountStays = step && (live.stepService?.mounted || actions.some((a) => a.kind === 'mount'))
  if (step && stepMountStays && !actions.some((a) => a.kind === 'update' && a.serviceId === step.serviceId)) actions.push({ kind: 'unmount', serviceId: step.serviceId })
  if (record.removeOld && live.oldExists) {
    if (live.otherUsersOfOld.length) notes.add(phrase('secrets.said.remaining.oldKept', { old: record.old.name, services: live.otherUsersOfOld.join(', ') }))
    else actions.push({ kind: 'remove-old' })
  }
  return { actions, blocked: null, notesSaid: notes.said }
}

export function remainingToRollBack(record: Journal, live: LiveRotationState, options: { keepNew: boolean }): Remaining {
  const actions: RotationAction[] = []
  const notes = new Notes()
  const onNew = record.services.filter((s) => (live.services[s.serviceId]?.onNew ?? 0) > 0)
  if (!live.oldExists && onNew.length > 0) {
    return blocked('ROLLBACK_IMPOSSIBLE', phrase('secrets.said.remaining.oldGone', { old: record.old.name, services: onNew.map((s) => s.serviceName).join(', ') }))
  }
  // Last updated first: the reverse of the order they were moved in.
  for (const service of [...record.services].reverse()) {
    const state = live.services[service.serviceId]
    if (!state?.exists) continue
    if (state.onNew > 0) actions.push({ kind: 'revert', serviceId: service.serviceId }, { kind: 'revert-converge', serviceId: service.serviceId })
    // Back on the old version already, but a crash may have come before its rollout finished.
    else if (state.onOld > 0 && (service.state === 'updated' || service.state === 'converged')) actions.push({ kind: 'revert-converge', serviceId: service.serviceId })
  }
  // The before-exec mount goes with the service's revert, or on its own.
  const step = record.beforeExec ?? null
  if (step && live.stepService?.mounted && !actions.some((a) => a.kind === 'revert' && a.serviceId === step.serviceId)) actions.push({ kind: 'unmount', serviceId: step.serviceId })
  if (live.newId !== null && !options.keepNew) {
    if (live.otherUsersOfNew.length) notes.add(phrase('secrets.said.remaining.newKept', { new: record.new.name, services: live.otherUsersOfNew.join(', ') }))
    else actions.push({ kind: 'remove-new' })
  }
  return { actions, blocked: null, notesSaid: notes.said }
}
