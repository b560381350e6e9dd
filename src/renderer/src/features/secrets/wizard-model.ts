import type { Phrase } from '../../../../shared/phrase'
import { objectNameProblem, objectNameProblemSaid, type RotationPlan, type StoredKind, type ValueSource } from '../../../../shared/secrets'
import { valueProblem, valueSourceOf, type ValueDraft, type ValueProblem } from './value-draft'

/**
 * The rotation wizard as data. Step 1 chooses the object and the new value, step 2 shows main's
 * plan for the options chosen (new name, start-first, remove old), step 3 applies it. Pure: what
 * may be asked, what is sent, whether the plan shown is the plan of the options shown.
 */

export const wizardSteps = ['choose', 'plan', 'apply'] as const
export type WizardStep = (typeof wizardSteps)[number]

export interface WizardDraft {
  kind: StoredKind
  objectId: string | null
  value: ValueDraft
  /** '' = the plan's default (`<base>_v<N>`) */
  newName: string
  startFirst: boolean
  /** service ids updated start-first when not all are */
  startFirstServices: string[]
  removeOld: boolean
  /** a command run in a task of a service before any service moves (`sh -c COMMAND`) */
  beforeExec: BeforeExecDraft
}

export interface BeforeExecDraft {
  on: boolean
  serviceId: string | null
  command: string
}

export const noBeforeExec: BeforeExecDraft = { on: false, serviceId: null, command: '' }

/** What the plan gets: the command run by a shell in the chosen service's task; null until both are given. */
export function beforeExecOf(draft: BeforeExecDraft): { service: string; command: string[] } | null {
  if (!draft.on || !draft.serviceId || draft.command.trim() === '') return null
  return { service: draft.serviceId, command: ['sh', '-c', draft.command.trim()] }
}

export type ChooseProblem = { code: 'noObject' } | { code: 'value'; problem: ValueProblem }

export function chooseProblem(draft: Pick<WizardDraft, 'kind' | 'objectId' | 'value'>): ChooseProblem | null {
  if (!draft.objectId) return { code: 'noObject' }
  const problem = valueProblem(draft.value, draft.kind)
  return problem ? { code: 'value', problem } : null
}

/** An edited name's problem; the empty field means the default and is fine. */
export function newNameProblem(newName: string): string | null {
  return newName.trim() === '' ? null : objectNameProblem(newName.trim())
}

/** The same problem as a phrase, for the form to word in the user's language. */
export function newNameProblemSaid(newName: string): Phrase | null {
  return newName.trim() === '' ? null : objectNameProblemSaid(newName.trim())
}

export interface PlanRequest {
  kind: StoredKind
  objectId: string
  newName?: string
  startFirst: boolean
  startFirstServices: string[]
  removeOld: boolean
  beforeExec: { service: string; command: string[] } | null
  value: ValueSource
}

/** What `secrets.planRotation` (and then `secrets.rotate`) gets, or null while step 1 or the name has a problem. */
export function planRequestOf(draft: WizardDraft): PlanRequest | null {
  if (chooseProblem(draft) || newNameProblem(draft.newName)) return null
  const value = valueSourceOf(draft.value, draft.kind) as ValueSource
  const newName = draft.newName.trim()
  return {
    kind: draft.kind,
    objectId: draft.objectId as string,
    ...(newName ? { newName } : {}),
    startFirst: draft.startFirst,
    startFirstServices: draft.startFirst ? [] : [...draft.startFirstServices].sort(),
    removeOld: draft.removeOld,
    beforeExec: beforeExecOf(draft.beforeExec),
    value
  }
}

/**
 * Identifies the options a plan was made for. The value is left out on purpose: it can only
 * change in step 1, and going back there drops the plan.
 */
export function planKeyOf(request: PlanRequest): string {
  return JSON.stringify([request.kind, request.objectId, request.newName ?? '', request.startFirst, request.startFirstServices, request.removeOld, request.beforeExec])
}

export function toggleService(list: readonly string[], serviceId: string, on: boolean): string[] {
  const without = list.filter((id) => id !== serviceId)
  return on ? [...without, serviceId] : without
}

/** Asked for a command but not given both the service and the command: the plan cannot be applied yet. */
export function beforeExecIncomplete(draft: BeforeExecDraft): boolean {
  return draft.on && beforeExecOf(draft) === null
}

/** Applying sends exactly the plan shown: only when it is the current options' plan and refuses nothing. */
export function canApply(input: { plan: RotationPlan | null; shownKey: string | null; currentKey: string | null; planning: boolean; running: boolean }): boolean {
  return Boolean(input.plan && input.plan.refusals.length === 0 && input.shownKey !== null && input.shownKey === input.currentKey && !input.planning && !input.running)
}

/** Whether a consumer is updated start-first under the options (all, or this one). */
export function isStartFirst(draft: Pick<WizardDraft, 'startFirst' | 'startFirstServices'>, serviceId: string): boolean {
  return draft.startFirst || draft.startFirstServices.includes(serviceId)
}
