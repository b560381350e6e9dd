// What a row of the secrets list needs: who uses a secret or config, how file modes are printed,
// the labels of SwarmDesk's value HMAC. Part of the secrets contract (secrets.ts re-exports it),
// kept apart from its zod schemas so that the command line's quick `secret ls` does not load them.
import type { Service } from './domain'
import { compareText } from './text-order'

/** HMAC-SHA256 of a secret's value, keyed by a random key that stays in the user data dir. */
export const VALUE_HMAC_LABEL = 'com.swarmdesk.value-hmac'
/** Which key made the HMAC (first 16 hex of SHA-256 of the key), so another key is not taken for "different". */
export const VALUE_HMAC_KEY_LABEL = 'com.swarmdesk.value-hmac-key'

type ServiceRefs = Pick<Service, 'id' | 'name' | 'stack' | 'secrets' | 'configs'>

/** One row of consumersOf (the contract's `Consumer`). */
interface ConsumerRow {
  serviceId: string
  serviceName: string
  stack: string | null
  target: string | null
  uid: string
  gid: string
  mode: number
}

/** Every service mounting the object, one row per reference, sorted by service name then target. */
export function consumersOf(kind: 'secret' | 'config', objectId: string, services: readonly ServiceRefs[]): ConsumerRow[] {
  const rows: ConsumerRow[] = []
  for (const service of services) {
    const refs = kind === 'secret' ? service.secrets : service.configs
    for (const ref of refs) {
      if (ref.id !== objectId) continue
      rows.push({ serviceId: service.id, serviceName: service.name, stack: service.stack, target: ref.target, uid: ref.uid, gid: ref.gid, mode: ref.mode })
    }
  }
  return rows.sort((a, b) => compareText(a.serviceName, b.serviceName) || compareText(a.target ?? '', b.target ?? ''))
}

/** Octal the way the docker CLI prints file modes (`0444`). */
export function formatMode(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`
}
