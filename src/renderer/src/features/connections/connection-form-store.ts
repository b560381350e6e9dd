import { create } from 'zustand'
import type { ConnectionProfile } from '../../../../shared/connections'
import type { RpcErrorData } from '../../../../shared/errors'
import {
  blankEndpoint,
  formValuesFrom,
  placeIssues,
  type ConnectionFormValues,
  type EndpointFormValues,
  type Issue
} from './connection-form-model'

let keyCounter = 0
const nextKey = (): string => `endpoint-${++keyCounter}`

interface ConnectionFormState {
  opened: boolean
  values: ConnectionFormValues
  /** Server validation messages by field path (`name`, `endpoints.0.socketPath`). */
  fieldErrors: Record<string, string>
  otherIssues: Issue[]
  saving: boolean
  saveError: RpcErrorData | null
}

interface ConnectionFormActions {
  startNew(first?: Partial<Omit<EndpointFormValues, 'key'>>, name?: string): void
  startEdit(profile: ConnectionProfile): void
  close(): void
  setName(name: string): void
  setEndpoint(index: number, patch: Partial<Omit<EndpointFormValues, 'key'>>): void
  addEndpoint(): void
  removeEndpoint(index: number): void
  moveEndpoint(index: number, delta: -1 | 1): void
  setSaving(saving: boolean): void
  /** INVALID_INPUT: place issues on fields; anything else: keep the error for the alert. */
  setSaveError(error: RpcErrorData | null): void
}

const emptyValues = (): ConnectionFormValues => ({ id: null, name: '', endpoints: [blankEndpoint(nextKey())] })

const initialState: ConnectionFormState = {
  opened: false,
  values: emptyValues(),
  fieldErrors: {},
  otherIssues: [],
  saving: false,
  saveError: null
}

const cleared = { fieldErrors: {}, otherIssues: [], saveError: null, saving: false }

export const useConnectionFormStore = create<ConnectionFormState & ConnectionFormActions>()((set) => ({
  ...initialState,
  startNew: (first, name = '') =>
    set({ opened: true, values: { id: null, name, endpoints: [{ ...blankEndpoint(nextKey()), ...first }] }, ...cleared }),
  startEdit: (profile) => set({ opened: true, values: formValuesFrom(profile, nextKey), ...cleared }),
  close: () => set({ opened: false, values: emptyValues(), ...cleared }),
  setName: (name) => set((state) => ({ values: { ...state.values, name } })),
  setEndpoint: (index, patch) =>
    set((state) => {
      const endpoints = [...state.values.endpoints]
      endpoints[index] = { ...endpoints[index], ...patch }
      return { values: { ...state.values, endpoints } }
    }),
  addEndpoint: () =>
    set((state) => {
      // A new manager of the same cluster most likely uses the same way in: copy the last kind.
      const last = state.values.endpoints[state.values.endpoints.length - 1]
      const next = last
        ? { ...last, key: nextKey(), host: '', socketPath: last.socketPath, dockerHost: '', contextName: '', passphrase: '', hasPassphrase: false }
        : blankEndpoint(nextKey())
      return { values: { ...state.values, endpoints: [...state.values.endpoints, next] } }
    }),
  removeEndpoint: (index) =>
    set((state) => ({
      values: { ...state.values, endpoints: state.values.endpoints.filter((_, i) => i !== index) },
      // Field errors are indexed: after a removal they no longer point at the right endpoint.
      fieldErrors: {},
      otherIssues: []
    })),
  moveEndpoint: (index, delta) =>
    set((state) => {
      const target = index + delta
      const endpoints = [...state.values.endpoints]
      if (target < 0 || target >= endpoints.length) return {}
      ;[endpoints[index], endpoints[target]] = [endpoints[target], endpoints[index]]
      return { values: { ...state.values, endpoints }, fieldErrors: {}, otherIssues: [] }
    }),
  setSaving: (saving) => set({ saving }),
  setSaveError: (error) =>
    set((state) => {
      if (!error) return { saveError: null, fieldErrors: {}, otherIssues: [] }
      if (error.code === 'INVALID_INPUT' && error.issues) {
        const placed = placeIssues(error.issues, state.values)
        return { saveError: placed.other.length > 0 ? { ...error, issues: placed.other } : null, fieldErrors: placed.byField, otherIssues: placed.other }
      }
      return { saveError: error, fieldErrors: {}, otherIssues: [] }
    })
}))
