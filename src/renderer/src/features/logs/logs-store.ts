import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RpcErrorData } from '../../../../shared/errors'
import type { LogSessionInfo } from '../../../../shared/logs'
import { RingBuffer, type ViewLine } from './log-buffer'
import { compileSearch, findMatches, lineMatches, pruneMatches, stepMatch, type CompiledSearch } from './log-search'

/** The most lines a viewer holds; older ones are forgotten (the download says so by its first line). */
export const LOG_BUFFER_CAPACITY = 100_000

export interface LogViewState {
  /** Mutable ring of lines; `version` changes whenever it does. */
  ring: RingBuffer<ViewLine>
  version: number
  status: 'starting' | 'streaming' | 'ended' | 'error'
  error: RpcErrorData | null
  info: LogSessionInfo | null
  /** Main stopped reading the engine because this view is behind. */
  paused: boolean
  /** Keep the newest line in view; off as soon as the user scrolls up, on again at the bottom. */
  follow: boolean
  timestamps: boolean
  /** Lines per task from the end; null for all. */
  tail: number | null
  since: string | null
  query: string
  search: CompiledSearch
  /** Absolute numbers of the buffered lines that match, in order. */
  matches: number[]
  currentMatch: number | null
}

export interface LogViewActions {
  restart(): void
  append(lines: ViewLine[], meta: { paused: boolean; ended: boolean }): void
  setStatus(status: LogViewState['status'], extra?: { error?: RpcErrorData | null; info?: LogSessionInfo | null }): void
  setFollow(follow: boolean): void
  setTimestamps(timestamps: boolean): void
  setTail(tail: number | null): void
  setSince(since: string | null): void
  setQuery(query: string): void
  /** Moves to the next (1) or previous (-1) match; returns its line number. */
  jump(direction: 1 | -1): number | null
}

export type LogViewStore = StoreApi<LogViewState & LogViewActions>

/** One store per viewer (a service drawer and a stack can each have theirs). */
export function createLogViewStore(capacity = LOG_BUFFER_CAPACITY): LogViewStore {
  return createStore<LogViewState & LogViewActions>()((set, get) => ({
    ring: new RingBuffer<ViewLine>(capacity),
    version: 0,
    status: 'starting',
    error: null,
    info: null,
    paused: false,
    follow: true,
    timestamps: false,
    tail: 200,
    since: null,
    query: '',
    search: null,
    matches: [],
    currentMatch: null,

    restart() {
      get().ring.clear()
      set((s) => ({ version: s.version + 1, status: 'starting', error: null, paused: false, matches: [], currentMatch: null, follow: true }))
    },
    append(lines, meta) {
      const { ring, search } = get()
      const firstNew = ring.first + ring.size
      ring.push(lines)
      let matches = get().matches
      if (search?.ok) {
        const found = findMatches(search.regex, lines.map((l) => l.text), firstNew).filter((n) => n >= ring.first)
        matches = pruneMatches(found.length ? [...matches, ...found] : matches, ring.first)
      }
      const currentMatch = get().currentMatch
      set((s) => ({
        version: s.version + 1,
        matches,
        currentMatch: currentMatch !== null && currentMatch < ring.first ? null : currentMatch,
        paused: meta.paused,
        status: meta.ended ? 'ended' : s.status === 'starting' ? 'streaming' : s.status
      }))
    },
    setStatus(status, extra = {}) {
      set({ status, ...(extra.error !== undefined ? { error: extra.error } : {}), ...(extra.info !== undefined ? { info: extra.info } : {}) })
    },
    setFollow: (follow) => set({ follow }),
    setTimestamps: (timestamps) => set({ timestamps }),
    setTail: (tail) => set({ tail }),
    setSince: (since) => set({ since }),
    setQuery(query) {
      const search = compileSearch(query)
      const { ring } = get()
      let matches: number[] = []
      if (search?.ok) {
        for (let i = 0; i < ring.size; i++) if (lineMatches(search.regex, (ring.at(i) as ViewLine).text)) matches.push(ring.first + i)
      } else matches = []
      set({ query, search, matches, currentMatch: null })
    },
    jump(direction) {
      const next = stepMatch(get().matches, get().currentMatch, direction)
      set({ currentMatch: next, ...(next !== null ? { follow: false } : {}) })
      return next
    }
  }))
}
