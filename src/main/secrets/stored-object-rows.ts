// The rows of `secrets.list` (the secrets page, `swarmdesk secret ls`): each object with the
// services using it and whether this install can tell a new value from its own. Pure but for the
// HMAC key check, which the caller provides (secret-values.ts, loaded only when a label asks).
import type { Secret, Service } from '../../shared/domain'
import { consumersOf } from '../../shared/secret-rows'
import type { StoredKind, StoredObject } from '../../shared/secrets'
import { compareText } from '../../shared/text-order'

export async function storedObjectRows(
  kind: StoredKind,
  objects: readonly Secret[],
  services: readonly Pick<Service, 'id' | 'name' | 'stack' | 'secrets' | 'configs'>[],
  canCheck: (labels: Record<string, string>, id: string) => Promise<boolean>
): Promise<StoredObject[]> {
  const rows: StoredObject[] = []
  for (const object of [...objects].sort((a, b) => compareText(a.name, b.name))) {
    rows.push({ ...object, kind, consumers: consumersOf(kind, object.id, services), identityCheckable: kind === 'secret' && (await canCheck(object.labels, object.id)) })
  }
  return rows
}
