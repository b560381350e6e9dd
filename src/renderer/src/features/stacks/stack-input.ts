import type { ResolveImageMode, StackSource } from '../../../../shared/stacks'
import { parse } from 'yaml'
import { defaultFileName } from './stack-cli'

/**
 * What the editor sends to `stacks.plan` (and, unchanged, to `stacks.deploy`), built from what
 * the user typed. Pure.
 */

export interface EditorBuffer {
  /** stable React key */
  id: string
  /** where the file lives (relative `file:`, `env_file` and `.env` are read beside it); '' = not saved anywhere */
  path: string
  text: string
}

export type SourceMode = 'editor' | 'paths'

export interface StackOptions {
  prune: boolean
  resolveImage: ResolveImageMode
  wait: boolean
  useDotEnv: boolean
  withRegistryAuth: boolean
}

export const defaultStackOptions: StackOptions = { prune: false, resolveImage: 'always', wait: true, useDotEnv: false, withRegistryAuth: false }

/** Everything a plan depends on; deploying sends exactly this. */
export interface PlanRequest {
  stack: string
  source: StackSource
  useDotEnv: boolean
  resolveImage: ResolveImageMode
  prune: boolean
  withRegistryAuth: boolean
}

export type StackNameProblem = 'required' | 'invalid' | 'tooLong'

/** A service is named `<stack>_<key>`, and swarm wants every service name to be a DNS label. */
const DNS_LABEL = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/
export const MAX_STACK_NAME = 62

export function stackNameProblem(name: string): StackNameProblem | null {
  if (name.trim() === '') return 'required'
  if (!DNS_LABEL.test(name)) return 'invalid'
  if (name.length > MAX_STACK_NAME) return 'tooLong'
  return null
}

/** The path sent for buffer `index`: the one typed, else a plain file name (main resolves it against its working directory). */
export function bufferPath(buffer: Pick<EditorBuffer, 'path'>, index: number): string {
  return buffer.path.trim() || defaultFileName(index)
}

/**
 * A buffer path names a real place only when absolute: a bare name (a file picked in the browser,
 * which hides its folder) would be resolved against the app's working directory, not the user's.
 */
export function isOnDisk(path: string): boolean {
  const p = path.trim()
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\')
}

/** Where an opened file goes: into the current buffer when it is still blank, else a new buffer (an override file, `-c a -c b`). */
export function openedFileTarget(buffers: readonly Pick<EditorBuffer, 'path' | 'text'>[], active: number): { index: number; append: boolean } {
  const current = buffers[active]
  if (current && current.text.trim() === '' && current.path.trim() === '') return { index: active, append: false }
  return { index: buffers.length, append: true }
}

/** `.env` is read beside the first file: only meaningful once that file has a real place. */
export function dotEnvAvailable(mode: SourceMode, buffers: readonly Pick<EditorBuffer, 'path'>[], paths: readonly string[]): boolean {
  return mode === 'paths' ? paths.some((p) => p.trim() !== '') : isOnDisk(buffers[0]?.path ?? '')
}

export interface EditorInput {
  name: string
  mode: SourceMode
  buffers: readonly EditorBuffer[]
  paths: readonly string[]
  options: StackOptions
}

export type PlanReadiness = { ready: true; request: PlanRequest; key: string; files: string[] } | { ready: false; reason: 'name' | 'empty' | 'noPath' }

/** The request to plan now, or why there is nothing to ask yet. */
export function planRequestOf(input: EditorInput): PlanReadiness {
  if (stackNameProblem(input.name) !== null) return { ready: false, reason: 'name' }
  let source: StackSource
  let files: string[]
  if (input.mode === 'editor') {
    if (input.buffers.length === 0 || input.buffers.every((b) => b.text.trim() === '')) return { ready: false, reason: 'empty' }
    files = input.buffers.map(bufferPath)
    // a buffer without a path is marked: main then refuses its relative file references instead of reading its own working dir
    source = { files: input.buffers.map((b, i) => (isOnDisk(b.path) ? { path: files[i], text: b.text } : { path: files[i], text: b.text, unsaved: true })) }
  } else {
    files = input.paths.map((p) => p.trim()).filter((p) => p !== '')
    if (files.length === 0) return { ready: false, reason: 'noPath' }
    source = { paths: files }
  }
  const useDotEnv = input.options.useDotEnv && dotEnvAvailable(input.mode, input.buffers, input.paths)
  const request: PlanRequest = {
    stack: input.name,
    source,
    useDotEnv,
    resolveImage: input.options.resolveImage,
    prune: input.options.prune,
    withRegistryAuth: input.options.withRegistryAuth
  }
  return { ready: true, request, key: JSON.stringify(request), files }
}

/**
 * The first service the compose text declares (`web` in `services: { web: … }`), or null when the
 * text has none yet or does not parse: the name hint shows `<stack>_<that key>`, never an
 * invented one.
 */
function firstServiceKey(text: string): string | null {
  let doc: unknown
  try {
    doc = parse(text)
  } catch {
    return null
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return null
  const services = (doc as Record<string, unknown>).services
  if (typeof services !== 'object' || services === null || Array.isArray(services)) return null
  return Object.keys(services)[0] ?? null
}

/** What the name hint shows: the first service's full name, or the stack's prefix alone. */
export function serviceNamePrefix(stack: string, text: string): { example: string; service: boolean } {
  const name = stack.trim() || 'NAME'
  const key = firstServiceKey(text)
  return key ? { example: `${name}_${key}`, service: true } : { example: `${name}_`, service: false }
}
