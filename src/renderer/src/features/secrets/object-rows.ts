import type { Secret, Service } from '../../../../shared/domain'
import {
  ROTATED_FROM_LABEL,
  ROTATION_ID_LABEL,
  VALUE_HMAC_KEY_LABEL,
  VALUE_HMAC_LABEL,
  type Consumer,
  type StoredKind
} from '../../../../shared/secrets'

/**
 * The rows of the Secrets & configs lists, from the live mirror: each object with the labels a
 * user wrote, SwarmDesk's own labels set apart, and every service reference to it. Pure.
 */

/** Labels SwarmDesk writes on the versions it makes (rotation bookkeeping, the value's HMAC). */
export const swarmDeskLabels: readonly string[] = [ROTATED_FROM_LABEL, ROTATION_ID_LABEL, VALUE_HMAC_LABEL, VALUE_HMAC_KEY_LABEL]

export interface ObjectRow {
  id: string
  kind: StoredKind
  name: string
  /** the labels people wrote, by key order */
  labels: [string, string][]
  /** SwarmDesk's own labels, hidden behind a mark */
  swarmDesk: Record<string, string>
  /** the version it was rotated from, when SwarmDesk made it by rotation */
  rotatedFrom: string | null
  stack: string | null
  createdAt: string
  updatedAt: string
  consumers: Consumer[]
  /** distinct services among the consumers */
  serviceCount: number
}

export function splitLabels(labels: Record<string, string>): { user: [string, string][]; swarmDesk: Record<string, string> } {
  const user: [string, string][] = []
  const swarmDesk: Record<string, string> = {}
  for (const [key, value] of Object.entries(labels)) {
    if (swarmDeskLabels.includes(key)) swarmDesk[key] = value
    else user.push([key, value])
  }
  user.sort((a, b) => a[0].localeCompare(b[0]))
  return { user, swarmDesk }
}

type ServiceRefs = Pick<Service, 'id' | 'name' | 'stack' | 'secrets' | 'configs'>

/**
 * Consumers of every object in one pass over the services (consumersOf per object would walk
 * every service once per object), in consumersOf's order: service name, then target.
 */
export function consumerIndex(kind: StoredKind, services: Iterable<ServiceRefs>): Map<string, Consumer[]> {
  const index = new Map<string, Consumer[]>()
  for (const service of services) {
    for (const ref of kind === 'secret' ? service.secrets : service.configs) {
      let list = index.get(ref.id)
      if (!list) index.set(ref.id, (list = []))
      list.push({ serviceId: service.id, serviceName: service.name, stack: service.stack, target: ref.target, uid: ref.uid, gid: ref.gid, mode: ref.mode })
    }
  }
  for (const list of index.values()) list.sort((a, b) => a.serviceName.localeCompare(b.serviceName) || (a.target ?? '').localeCompare(b.target ?? ''))
  return index
}

export function objectRows(kind: StoredKind, objects: Iterable<Secret>, services: Iterable<ServiceRefs>): ObjectRow[] {
  const consumers = consumerIndex(kind, services)
  const rows: ObjectRow[] = []
  for (const object of objects) {
    const { user, swarmDesk } = splitLabels(object.labels)
    const used = consumers.get(object.id) ?? []
    rows.push({
      id: object.id,
      kind,
      name: object.name,
      labels: user,
      swarmDesk,
      rotatedFrom: swarmDesk[ROTATED_FROM_LABEL] ?? null,
      stack: object.stack,
      createdAt: object.createdAt,
      updatedAt: object.updatedAt,
      consumers: used,
      serviceCount: new Set(used.map((c) => c.serviceId)).size
    })
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name))
}

/** Case-insensitive match on the name (the stack's name too, so `shop` finds shop_db_password). */
export function filterObjectRows(rows: readonly ObjectRow[], filter: string): readonly ObjectRow[] {
  const needle = filter.trim().toLowerCase()
  if (!needle) return rows
  return rows.filter((row) => row.name.toLowerCase().includes(needle) || (row.stack ?? '').toLowerCase().includes(needle))
}

/** The services using an object, each named once, in the consumers' order. */
export function serviceNamesOf(consumers: readonly Pick<Consumer, 'serviceName'>[]): string[] {
  return [...new Set(consumers.map((c) => c.serviceName))]
}

/** The same as a phrase ("api, web"). */
export function consumerSummary(consumers: readonly Pick<Consumer, 'serviceName'>[]): string {
  return serviceNamesOf(consumers).join(', ')
}
