import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { RotationRecord } from '../../../../shared/secrets'
import { withRecord } from './unfinished-model'
import { blankValueDraft, patchValue, withoutValue, type ValueDraft } from './value-draft'

/**
 * Rotations SwarmDesk did not finish, per cluster (`secrets.rotations` at open and on the page),
 * and the value asked again when a resume needs it (VALUE_REQUIRED): dropped once sent.
 */
interface UnfinishedState {
  /** records by cluster id; absent = not asked yet */
  byCluster: Record<string, RotationRecord[]>
  loadError: { clusterId: string; error: RpcErrorData } | null
  /** the rotation whose resume asks for the value again */
  valueFor: string | null
  value: ValueDraft
  keepNew: Record<string, boolean>
  hidden: Record<string, boolean>
}

interface UnfinishedActions {
  loaded(clusterId: string, records: RotationRecord[]): void
  loadFailed(clusterId: string, error: RpcErrorData): void
  replace(clusterId: string, record: RotationRecord): void
  askValue(rotationId: string | null): void
  setValue(patch: Partial<ValueDraft>): void
  dropValue(): void
  setKeepNew(rotationId: string, keepNew: boolean): void
  /** the banner, not the rotation: it stays listed on the Secrets page */
  hide(rotationId: string): void
}

export const useUnfinishedStore = create<UnfinishedState & UnfinishedActions>()((set) => ({
  byCluster: {},
  loadError: null,
  valueFor: null,
  value: blankValueDraft(),
  keepNew: {},
  hidden: {},
  loaded: (clusterId, records) => set((s) => ({ byCluster: { ...s.byCluster, [clusterId]: records }, loadError: s.loadError?.clusterId === clusterId ? null : s.loadError })),
  loadFailed: (clusterId, error) => set({ loadError: { clusterId, error } }),
  replace: (clusterId, record) => set((s) => ({ byCluster: { ...s.byCluster, [clusterId]: withRecord(s.byCluster[clusterId] ?? [], record) } })),
  askValue: (valueFor) => set({ valueFor, value: blankValueDraft() }),
  setValue: (patch) => set((s) => ({ value: patchValue(s.value, patch) })),
  dropValue: () => set((s) => ({ value: withoutValue(s.value) })),
  setKeepNew: (rotationId, keepNew) => set((s) => ({ keepNew: { ...s.keepNew, [rotationId]: keepNew } })),
  hide: (rotationId) => set((s) => ({ hidden: { ...s.hidden, [rotationId]: true } }))
}))
