import { createStore } from 'zustand/vanilla'
import type { EventPayload } from '../../../../shared/contract'
import type { Snapshot } from '../../../../shared/domain'
import { applyDeltas, modelFromSnapshot, type MirrorModel } from '../../../../shared/mirror-model'

/**
 * The live model of every open cluster, as the screens read it. Vanilla (no React import) so the
 * mirror benchmark and tests drive the very same store in Node; views use `useMirror` below.
 */
interface MirrorState {
  models: Record<string, MirrorModel>
  /** Clusters whose deltas skipped a number: a fresh snapshot is on its way. */
  stale: Record<string, boolean>
  /** Incremented on every applied batch or reset; the benchmark watches it. */
  updates: number
}

interface MirrorActions {
  reset(clusterId: string, snapshot: Snapshot): void
  /** Returns false when the batch does not follow the model (gap): the caller must resync. */
  applyBatch(batch: EventPayload<'mirror.deltas'>): boolean
  drop(clusterId: string): void
}

export type MirrorStore = MirrorState & MirrorActions

export function createMirrorStore() {
  return createStore<MirrorStore>()((set, get) => ({
    models: {},
    stale: {},
    updates: 0,
    reset(clusterId, snapshot) {
      set((state) => ({
        models: { ...state.models, [clusterId]: modelFromSnapshot(snapshot) },
        stale: { ...state.stale, [clusterId]: false },
        updates: state.updates + 1
      }))
    },
    applyBatch(batch) {
      const model = get().models[batch.clusterId]
      if (!model) return false
      if (batch.toSeq <= model.seq) return true // already contained in a newer snapshot
      if (batch.fromSeq !== model.seq + 1) {
        set((state) => ({ stale: { ...state.stale, [batch.clusterId]: true } }))
        return false
      }
      set((state) => ({
        models: { ...state.models, [batch.clusterId]: applyDeltas(model, batch.deltas, batch.toSeq) },
        updates: state.updates + 1
      }))
      return true
    },
    drop(clusterId) {
      set((state) => {
        const models = { ...state.models }
        const stale = { ...state.stale }
        delete models[clusterId]
        delete stale[clusterId]
        return { models, stale, updates: state.updates + 1 }
      })
    }
  }))
}

export type MirrorStoreApi = ReturnType<typeof createMirrorStore>
