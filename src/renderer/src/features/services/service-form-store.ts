import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import { emptyServiceDraft, type ServiceDraft, type ServiceEdit, type ServicePlan } from '../../../../shared/services'

/** The create/update form: the draft being edited, what main planned of it, and the submit. */
interface ServiceFormState {
  opened: boolean
  /** null: create; else the service being updated and the draft the form started from */
  serviceId: string | null
  base: ServiceDraft | null
  edit: ServiceEdit | null
  draft: ServiceDraft
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
  plan: null,
  planError: null,
  plannedDraft: null,
  submitting: false,
  submitError: null
}

export const useServiceFormStore = create<ServiceFormState & ServiceFormActions>()((set, get) => ({
  ...initialState,
  openCreate: () => set({ ...initialState, opened: true, draft: emptyServiceDraft() }),
  openUpdate: (edit) => set({ ...initialState, opened: true, serviceId: edit.serviceId, base: edit.draft, edit, draft: edit.draft }),
  close: () => set({ ...initialState }),
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
