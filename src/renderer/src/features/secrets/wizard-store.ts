import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { RotationPlan, StoredKind } from '../../../../shared/secrets'
import { blankValueDraft, patchValue, withoutValue, type ValueDraft } from './value-draft'
import { noBeforeExec, toggleService, type BeforeExecDraft, type WizardDraft, type WizardStep } from './wizard-model'

/**
 * The rotation wizard. The new value (when typed) stays here from step 1 until the rotation is
 * sent and answered, or the wizard is left: never longer, never anywhere else.
 */
interface WizardState {
  step: WizardStep
  draft: WizardDraft
  plan: RotationPlan | null
  /** planKeyOf the request the plan shown was made for */
  shownKey: string | null
  /** the key being planned, null when no plan is in flight */
  planningKey: string | null
  planError: { key: string; error: RpcErrorData } | null
}

interface WizardActions {
  start(kind: StoredKind, objectId: string | null): void
  setObject(objectId: string | null): void
  setValue(patch: Partial<ValueDraft>): void
  setNewName(newName: string): void
  setStartFirst(on: boolean): void
  setServiceStartFirst(serviceId: string, on: boolean): void
  setRemoveOld(on: boolean): void
  setBeforeExec(patch: Partial<BeforeExecDraft>): void
  goto(step: WizardStep): void
  planning(key: string): void
  planned(key: string, plan: RotationPlan): void
  planFailed(key: string, error: RpcErrorData): void
  /** the value has been used: drop it (typed text only; a path or a length is not secret) */
  dropValue(): void
  reset(): void
}

const blankDraft = (kind: StoredKind, objectId: string | null): WizardDraft => ({
  kind,
  objectId,
  value: blankValueDraft(kind === 'secret' ? 'generate' : 'text'),
  newName: '',
  startFirst: false,
  startFirstServices: [],
  removeOld: true,
  beforeExec: noBeforeExec
})

const noPlan = { plan: null, shownKey: null, planningKey: null, planError: null }

export const useWizardStore = create<WizardState & WizardActions>()((set) => ({
  step: 'choose',
  draft: blankDraft('secret', null),
  ...noPlan,
  start: (kind, objectId) => set({ step: 'choose', draft: blankDraft(kind, objectId), ...noPlan }),
  setObject: (objectId) => set((s) => ({ draft: { ...s.draft, objectId, newName: '', startFirstServices: [], beforeExec: noBeforeExec }, ...noPlan })),
  setValue: (patch) => set((s) => ({ draft: { ...s.draft, value: patchValue(s.draft.value, patch) } })),
  setNewName: (newName) => set((s) => ({ draft: { ...s.draft, newName } })),
  setStartFirst: (startFirst) => set((s) => ({ draft: { ...s.draft, startFirst } })),
  setServiceStartFirst: (serviceId, on) => set((s) => ({ draft: { ...s.draft, startFirstServices: toggleService(s.draft.startFirstServices, serviceId, on) } })),
  setRemoveOld: (removeOld) => set((s) => ({ draft: { ...s.draft, removeOld } })),
  setBeforeExec: (patch) => set((s) => ({ draft: { ...s.draft, beforeExec: { ...s.draft.beforeExec, ...patch } } })),
  // Back to step 1 drops the plan: a new value means a new plan (identity, size).
  goto: (step) => set(step === 'choose' ? { step, ...noPlan } : { step }),
  planning: (planningKey) => set({ planningKey }),
  planned: (key, plan) => set((s) => ({ plan, shownKey: key, planningKey: s.planningKey === key ? null : s.planningKey, planError: null })),
  planFailed: (key, error) => set((s) => ({ planError: { key, error }, planningKey: s.planningKey === key ? null : s.planningKey })),
  dropValue: () => set((s) => ({ draft: { ...s.draft, value: withoutValue(s.draft.value) } })),
  reset: () => set((s) => ({ step: 'choose', draft: blankDraft(s.draft.kind, null), ...noPlan }))
}))
