// Which spec does a task run? Swarm copies the service's TaskTemplate into each task it creates
// (swarmkit orchestrator NewTask), so a task is on the service's current spec exactly when its
// Spec equals the service's Spec.TaskTemplate — whatever changed: image, env, a secret, a mount,
// a forced update. Comparing images alone cannot tell an env-only rollout's old tasks from its new
// ones. Pure: a short, stable key of a task spec; equal specs give equal keys.
//
// Left out of the key, as swarmkit's IsTaskDirty leaves them out or the Engine shows them on one
// side only:
// - `Runtime`: the Engine shows it on the service's TaskTemplate, never on the task's Spec;
// - `Placement`: a constraint-only change does not replace a task whose node still qualifies
//   (IsTaskDirtyPlacementConstraintsOnly), so its spec keeps the old placement and is not old.

const LEFT_OUT = new Set(['Runtime', 'Placement'])

/** JSON with object keys sorted, so two equal specs serialise the same whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** FNV-1a over UTF-16 code units, two 32-bit lanes: a compact key (tasks can number 100,000). */
function fnv1a64(text: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193 ^ text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 7), 0x01000193) >>> 0
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')
}

/**
 * Keys by the spec's plain JSON. The tasks of one service version carry the same spec, which the
 * Engine serialises the same way each time: 100,000 tasks have a few thousand distinct specs, so a
 * native JSON.stringify and a lookup replace most canonical serialisations and hashes (they took
 * about 1 s of a 100,000-task snapshot). A miss (a spec seen for the first time, or the same spec
 * with its keys in another order) is computed in full: the key never depends on the cache.
 * Bounded: emptied when full, as a snapshot's distinct specs fit in it many times over.
 */
const keyByJson = new Map<string, string>()
const KEY_CACHE_LIMIT = 20_000

/** The key of a task spec (a task's `Spec`, a service's `Spec.TaskTemplate`); null when absent. */
export function taskSpecKey(spec: unknown): string | null {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return null
  const json = JSON.stringify(spec)
  const known = keyByJson.get(json)
  if (known !== undefined) return known
  const kept = Object.fromEntries(Object.entries(spec as Record<string, unknown>).filter(([key]) => !LEFT_OUT.has(key)))
  const key = fnv1a64(canonical(kept))
  if (keyByJson.size >= KEY_CACHE_LIMIT) keyByJson.clear()
  keyByJson.set(json, key)
  return key
}
