import { create } from 'zustand'
import { emptyDraftForm, type DraftForm } from './draft-model'

/** The draft planner's form: kept while the user goes elsewhere and comes back. */
interface DraftState {
  form: DraftForm
}

interface DraftActions {
  setField<K extends keyof DraftForm>(key: K, value: DraftForm[K]): void
  setForm(form: DraftForm): void
  reset(): void
}

export const useDraftStore = create<DraftState & DraftActions>()((set) => ({
  form: emptyDraftForm,
  setField: (key, value) => set((state) => ({ form: { ...state.form, [key]: value } })),
  setForm: (form) => set({ form }),
  reset: () => set({ form: emptyDraftForm })
}))
