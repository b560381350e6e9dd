import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { MirrorStore, MirrorStoreApi } from './mirror-store'
import type { MirrorModel } from '../../../../shared/mirror-model'

/** The app's one mirror store instance (vanilla, created at startup), shared through context. */
const MirrorContext = createContext<MirrorStoreApi | null>(null)

export function MirrorProvider({ store, children }: { store: MirrorStoreApi; children: ReactNode }): ReactNode {
  return <MirrorContext value={store}>{children}</MirrorContext>
}

export function useMirrorStoreApi(): MirrorStoreApi {
  const store = useContext(MirrorContext)
  if (!store) throw new Error('useMirror() used outside <MirrorProvider>')
  return store
}

/** Subscribe to one slice of the mirror; return stable references (a collection, a field). */
export function useMirror<T>(selector: (state: MirrorStore) => T): T {
  return useStore(useMirrorStoreApi(), selector)
}

/** One collection of one cluster's model, or null while there is no model. */
export function useModelField<K extends keyof MirrorModel>(clusterId: string | null, key: K): MirrorModel[K] | null {
  return useMirror((state) => (clusterId ? (state.models[clusterId]?.[key] ?? null) : null))
}
