// Secret and config references inside a service spec (TaskTemplate.ContainerSpec.Secrets/Configs),
// read and swapped as generic JSON so that every other field of the spec goes back untouched. Pure.
import type { StoredKind } from '../../shared/secrets'
import { isJsonObject, type Json, type JsonObject } from '../docker/live-shapes'

export interface ObjectId {
  id: string
  name: string
}

const listKey = (kind: StoredKind): 'Secrets' | 'Configs' => (kind === 'secret' ? 'Secrets' : 'Configs')
const idKey = (kind: StoredKind): 'SecretID' | 'ConfigID' => (kind === 'secret' ? 'SecretID' : 'ConfigID')
const nameKey = (kind: StoredKind): 'SecretName' | 'ConfigName' => (kind === 'secret' ? 'SecretName' : 'ConfigName')

function containerSpecOf(spec: JsonObject): JsonObject | null {
  const template = spec.TaskTemplate
  if (!isJsonObject(template)) return null
  const container = template.ContainerSpec
  return isJsonObject(container) ? container : null
}

function referencesIn(spec: JsonObject, kind: StoredKind): JsonObject[] {
  const list = containerSpecOf(spec)?.[listKey(kind)]
  return Array.isArray(list) ? list.filter(isJsonObject) : []
}

/** How many references of the spec point at the object (by ID: names can be reused after a removal). */
export function countReferences(spec: JsonObject, kind: StoredKind, objectId: string): number {
  return referencesIn(spec, kind).filter((ref) => ref[idKey(kind)] === objectId).length
}

/** The references to the object: target (null for a Runtime target), uid, gid, mode. */
export function referencesTo(spec: JsonObject, kind: StoredKind, objectId: string): { target: string | null; uid: string; gid: string; mode: number }[] {
  return referencesIn(spec, kind)
    .filter((ref) => ref[idKey(kind)] === objectId)
    .map((ref) => {
      const file = isJsonObject(ref.File) ? ref.File : null
      return {
        target: file ? String(file.Name ?? '') : null,
        uid: file ? String(file.UID ?? '0') : '0',
        gid: file ? String(file.GID ?? '0') : '0',
        mode: file && typeof file.Mode === 'number' ? file.Mode : 0o444
      }
    })
}

/**
 * The spec with every reference to `from` now pointing at `to`: same File (target, uid, gid,
 * mode) or Runtime target, same position in the list. This is `--secret-rm FROM --secret-add
 * source=TO,...` in a single update. Null when nothing refers to `from` (already swapped).
 */
export function swapReferences(spec: JsonObject, kind: StoredKind, from: ObjectId, to: ObjectId): JsonObject | null {
  if (countReferences(spec, kind, from.id) === 0) return null
  const copy = JSON.parse(JSON.stringify(spec)) as JsonObject
  const container = containerSpecOf(copy) as JsonObject
  const list = container[listKey(kind)] as Json[]
  container[listKey(kind)] = list.map((ref) =>
    isJsonObject(ref) && ref[idKey(kind)] === from.id ? { ...ref, [idKey(kind)]: to.id, [nameKey(kind)]: to.name } : ref
  )
  return copy
}

/** The spec with UpdateConfig.Order set (`--update-order`); null when it already is. */
export function withUpdateOrder(spec: JsonObject, order: 'start-first' | 'stop-first'): JsonObject | null {
  const current = isJsonObject(spec.UpdateConfig) ? spec.UpdateConfig : {}
  if ((current.Order ?? 'stop-first') === order) return null
  return { ...spec, UpdateConfig: { ...current, Order: order } }
}

const isStepMount = (ref: Json, kind: StoredKind, objectId: string, target: string): boolean =>
  isJsonObject(ref) && ref[idKey(kind)] === objectId && isJsonObject(ref.File) && ref.File.Name === target

/** The before-exec mount is in place: the new version at its own target. */
export function hasStepMount(spec: JsonObject, kind: StoredKind, objectId: string, target: string): boolean {
  return referencesIn(spec, kind).some((ref) => isStepMount(ref, kind, objectId, target))
}

/**
 * The spec with the new version also mounted at `target` (root-owned, world-readable like the
 * CLI's default), for the before-exec step: `--secret-add source=NEW,target=NEW`. Null when it is.
 */
export function withStepMount(spec: JsonObject, kind: StoredKind, object: ObjectId, target: string): JsonObject | null {
  if (hasStepMount(spec, kind, object.id, target)) return null
  const copy = JSON.parse(JSON.stringify(spec)) as JsonObject
  if (!isJsonObject(copy.TaskTemplate)) copy.TaskTemplate = {}
  const template = copy.TaskTemplate as JsonObject
  if (!isJsonObject(template.ContainerSpec)) template.ContainerSpec = {}
  const container = template.ContainerSpec as JsonObject
  const list = Array.isArray(container[listKey(kind)]) ? (container[listKey(kind)] as Json[]) : []
  container[listKey(kind)] = [...list, { File: { Name: target, UID: '0', GID: '0', Mode: 0o444 }, [idKey(kind)]: object.id, [nameKey(kind)]: object.name }]
  return copy
}

/** The spec without the before-exec mount (`--secret-rm` of that one reference). Null when it has none. */
export function withoutStepMount(spec: JsonObject, kind: StoredKind, objectId: string, target: string): JsonObject | null {
  if (!hasStepMount(spec, kind, objectId, target)) return null
  const copy = JSON.parse(JSON.stringify(spec)) as JsonObject
  const container = containerSpecOf(copy) as JsonObject
  container[listKey(kind)] = (container[listKey(kind)] as Json[]).filter((ref) => !isStepMount(ref, kind, objectId, target))
  return copy
}
