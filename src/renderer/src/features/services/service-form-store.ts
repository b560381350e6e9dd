import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import { emptyServiceDraft, type ServiceDraft, type ServiceEdit, type ServicePlan } from '../../../../shared/services'
import { isDraftDirty } from './service-form-model'

/** The create/update form: the draft being edited, what main planned of it, and the submit. */
interface ServiceFormState {
  opened: boolean
  /** null: create; else the service being updated and the draft the form started from */
  serviceId: string | null
  base: ServiceDraft | null
  edit: ServiceEdit | null
  draft: ServiceDraft
  /** the draft the form was opened with: closing asks first when the draft differs from it */
  start: ServiceDraft
  /** closing was asked for with unsaved edits: the "discard?" question is shown */
  confirmingClose: boolean
  plan: ServicePlan | null
  planError: RpcErrorData | null
  /** the draft the shown plan was made for (a newer draft is being planned when they differ) */
  plannedDraft: ServiceDraft | null
  submitting: boolean
  submitError: RpcErrorData | null
}

interface ServiceFormActions {
  openCreate(): void
  openUpdate(edit: ServiceEdit): void
  close(): void
  /** Escape, the X, a click outside: closes, or asks first when there are unsaved edits */
  requestClose(): void
  keepEditing(): void
  patch(patch: Partial<ServiceDraft>): void
  setPlan(draft: ServiceDraft, result: { plan: ServicePlan } | { error: RpcErrorData }): void
  setSubmitting(submitting: boolean): void
  setSubmitError(error: RpcErrorData | null): void
}

const initialState: ServiceFormState = {
  opened: false,
  serviceId: null,
  base: null,
  edit: null,
  draft: emptyServiceDraft(),
  start: emptyServiceDraft(),
  confirmingClose: false,
  plan: null,
  planError: null,
  plannedDraft: null,
  submitting: false,
  submitError: null
}

export const useServiceFormStore = create<ServiceFormState & ServiceFormActions>()((set, get) => ({
  ...initialState,
  openCreate: () => {
    const draft = emptyServiceDraft()
    set({ ...initialState, opened: true, draft, start: draft })
  },
  openUpdate: (edit) => set({ ...initialState, opened: true, serviceId: edit.serviceId, base: edit.draft, edit, draft: edit.draft, start: edit.draft }),
  close: () => set({ ...initialState }),
  requestClose: () => {
    const { opened, start, draft } = get()
    if (!opened) return
    if (isDraftDirty(start, draft)) set({ confirmingClose: true })
    else set({ ...initialState })
  },
  keepEditing: () => set({ confirmingClose: false }),
  patch: (patch) => set({ draft: { ...get().draft, ...patch }, submitError: null }),
  setPlan: (draft, result) => {
    // an answer for an older draft than the one shown is dropped
    if (get().draft !== draft) return
    if ('plan' in result) set({ plan: result.plan, planError: null, plannedDraft: draft })
    else set({ planError: result.error, plannedDraft: draft })
  },
  setSubmitting: (submitting) => set({ submitting }),
  setSubmitError: (submitError) => set({ submitError })
}))
