import { create } from 'zustand'
import type { RpcErrorData } from '../../../../shared/errors'
import type { StackPlan } from '../../../../shared/stacks'
import { defaultStackOptions, openedFileTarget, type EditorBuffer, type PlanRequest, type SourceMode, type StackOptions } from './stack-input'

/** A place in a buffer the editor should move to (a problem clicked in the list). */
export interface FocusRequest {
  buffer: number
  line: number
  column: number
  /** increments, so clicking the same problem twice moves there twice */
  seq: number
}

/** The plan shown, with exactly what it was made from: deploying sends that, not the editor's current text. */
export interface ShownPlan {
  clusterId: string
  key: string
  request: PlanRequest
  /** the file names as the user knows them (for the CLI equivalent) */
  files: string[]
  plan: StackPlan
}

interface StackEditorState {
  name: string
  mode: SourceMode
  buffers: EditorBuffer[]
  active: number
  /** compose files on disk, read by main at every plan and deploy */
  paths: string[]
  options: StackOptions
  /** the key of the request being planned, null when none is in flight */
  planningKey: string | null
  shown: ShownPlan | null
  planError: { key: string; error: RpcErrorData } | null
  focus: FocusRequest | null
  /** opened from a deployed stack (its last deployed files), not a blank editor */
  origin: { stack: string; deployedAt: string } | null
}

interface StackEditorActions {
  setName(name: string): void
  /** The stack the editor came from was deployed again (at `deployedAt`): the subtitle follows. */
  redeployed(stack: string, deployedAt: string): void
  setMode(mode: SourceMode): void
  setText(index: number, text: string): void
  setBufferPath(index: number, path: string): void
  addBuffer(): void
  removeBuffer(index: number): void
  setActive(index: number): void
  /** a file read from disk (stacks.readFile): into the blank current buffer, else as a new override buffer; it keeps its real path */
  openFile(file: { path: string; text: string }): void
  setPath(index: number, path: string): void
  addPath(): void
  removePath(index: number): void
  setOption<K extends keyof StackOptions>(key: K, value: StackOptions[K]): void
  startPlan(key: string): void
  planned(shown: ShownPlan): void
  planFailed(key: string, error: RpcErrorData): void
  clearPlan(): void
  focusAt(buffer: number, line: number, column: number): void
  /** a blank editor (New deploy) */
  reset(): void
  /** files and options from a previous deploy (Open in editor) */
  load(input: { name: string; buffers: { path: string; text: string; unsaved?: boolean }[]; paths?: string[]; options: Partial<StackOptions>; origin: StackEditorState['origin'] }): void
}

let nextBufferId = 1
const newBuffer = (path = '', text = ''): EditorBuffer => ({ id: `b${nextBufferId++}`, path, text })

const blank = (): StackEditorState => ({
  name: '',
  mode: 'editor',
  buffers: [newBuffer()],
  active: 0,
  paths: [''],
  options: { ...defaultStackOptions },
  planningKey: null,
  shown: null,
  planError: null,
  focus: null,
  origin: null
})

const replaceAt = <T>(items: readonly T[], index: number, value: T): T[] => items.map((item, i) => (i === index ? value : item))

export const useStackEditorStore = create<StackEditorState & StackEditorActions>()((set) => ({
  ...blank(),
  setName: (name) => set({ name }),
  setMode: (mode) => set({ mode }),
  setText: (index, text) => set((s) => (s.buffers[index] ? { buffers: replaceAt(s.buffers, index, { ...s.buffers[index], text }) } : {})),
  setBufferPath: (index, path) => set((s) => (s.buffers[index] ? { buffers: replaceAt(s.buffers, index, { ...s.buffers[index], path }) } : {})),
  addBuffer: () => set((s) => ({ buffers: [...s.buffers, newBuffer()], active: s.buffers.length })),
  removeBuffer: (index) =>
    set((s) => {
      if (index === 0 || !s.buffers[index]) return {}
      const buffers = s.buffers.filter((_, i) => i !== index)
      return { buffers, active: Math.min(s.active >= index ? s.active - 1 : s.active, buffers.length - 1) }
    }),
  setActive: (active) => set({ active }),
  openFile: (file) =>
    set((s) => {
      const { index, append } = openedFileTarget(s.buffers, s.active)
      const opened = newBuffer(file.path, file.text)
      return { mode: 'editor', buffers: append ? [...s.buffers, opened] : replaceAt(s.buffers, index, opened), active: index }
    }),
  setPath: (index, path) => set((s) => ({ paths: replaceAt(s.paths, index, path) })),
  addPath: () => set((s) => ({ paths: [...s.paths, ''] })),
  removePath: (index) => set((s) => (s.paths.length > 1 ? { paths: s.paths.filter((_, i) => i !== index) } : { paths: [''] })),
  setOption: (key, value) => set((s) => ({ options: { ...s.options, [key]: value } })),
  startPlan: (planningKey) => set({ planningKey }),
  planned: (shown) => set((s) => ({ shown, planningKey: s.planningKey === shown.key ? null : s.planningKey, planError: null })),
  planFailed: (key, error) => set((s) => ({ planError: { key, error }, planningKey: s.planningKey === key ? null : s.planningKey })),
  clearPlan: () => set({ shown: null, planError: null, planningKey: null }),
  focusAt: (buffer, line, column) => set((s) => ({ active: s.mode === 'editor' && s.buffers[buffer] ? buffer : s.active, focus: { buffer, line, column, seq: (s.focus?.seq ?? 0) + 1 } })),
  reset: () => set(blank()),
  redeployed: (stack, deployedAt) => set((s) => (s.origin?.stack === stack ? { origin: { stack, deployedAt } } : {})),
  load: ({ name, buffers, paths, options, origin }) =>
    set({
      ...blank(),
      name,
      ...(paths && paths.length > 0 ? { mode: 'paths' as const, paths: [...paths] } : {}),
      // a file that only lived in the editor gets no path back (main resolved a made-up name against its own directory)
      buffers: buffers.length > 0 ? buffers.map((b) => newBuffer(b.unsaved ? '' : b.path, b.text)) : [newBuffer()],
      options: { ...defaultStackOptions, ...options },
      origin
    })
}))
