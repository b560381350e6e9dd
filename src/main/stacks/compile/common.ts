// What every part of the compiler shares: the stack namespace (`<stack>_<key>` names and the
// stack label), Go's byte-order string sort, omitempty helpers, and the sink a part reports its
// problems to (as phrases: the compiler words them once, where it makes its issues).
import type { PhraseValue } from '../../../shared/phrase'
import type { Labels } from '../../docker/engine-specs'

export const LABEL_NAMESPACE = 'com.docker.stack.namespace'
export const LABEL_IMAGE = 'com.docker.stack.image'
export const DEFAULT_NETWORK = 'default'

export interface Namespace {
  name: string
  scope(key: string): string
  descope(name: string): string
}

export function namespace(stack: string): Namespace {
  return {
    name: stack,
    scope: (key) => `${stack}_${key}`,
    descope: (name) => (name.startsWith(`${stack}_`) ? name.slice(stack.length + 1) : name)
  }
}

/** container.NetworkMode(name).IsUserDefined() on Linux */
export function isUserDefinedNetwork(name: string): boolean {
  return !['default', 'bridge', 'host', 'none'].includes(name) && !name.startsWith('container:')
}

/**
 * Where a part of a service reports what the CLI would refuse (`fail`) or what it drops silently
 * and we warn about (`warn`). `path` is relative to `services.<key>`; `problem` is the phrase that
 * goes after the service's name.
 */
export interface ServiceProblems {
  fail(path: string, problem: PhraseValue): void
  warn(path: string, problem: PhraseValue): void
}

export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

export function withStackLabel(ns: Namespace, labels: Labels | null | undefined): Labels {
  return { ...(labels ?? {}), [LABEL_NAMESPACE]: ns.name }
}

export const nonEmpty = <T>(list: T[] | null | undefined): T[] | undefined => (list && list.length > 0 ? list : undefined)
export const nonEmptyMap = (map: Record<string, string> | null | undefined): Record<string, string> | undefined => (map && Object.keys(map).length > 0 ? map : undefined)

