import type { z } from 'zod'

/**
 * Bounded, replayable fuzzing: a seeded PRNG (mulberry32) and a generator of hostile values shaped
 * by a zod schema. The seed is printed by every run; SWARMDESK_FUZZ_SEED replays one.
 */
export function fuzzSeed(): number {
  const given = process.env.SWARMDESK_FUZZ_SEED
  return given ? Number(given) >>> 0 : 0x5eed1313
}

export interface Rng {
  next(): number
  int(max: number): number
  pick<T>(items: readonly T[]): T
  chance(p: number): boolean
}

export function rng(seed: number): Rng {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (max: number): number => Math.floor(next() * max)
  return { next, int, pick: (items) => items[int(items.length)], chance: (p) => next() < p }
}

/** Strings an attacker or an unlucky user would send: traversal, NUL bytes, shell and YAML syntax, odd Unicode. */
const HOSTILE_PIECES = ['../', '..\\', '/etc/passwd', '\0', '%00', '%2e%2e%2f', '$(id)', '`id`', '${HOME}', '\n', '\r\n', '"', "'", '{{x}}', '<script>', '\u202e', '\ud800', '😀', 'é', '*', '!', '|1|', '[', ']', ':', '=', ' ', '\t', '-', '--', 'x']

export function hostileString(r: Rng, maxLength: number, minLength = 0): string {
  const cap = Math.min(maxLength, 1_000_000)
  const mode = r.int(6)
  let text: string
  if (mode === 0) text = ''
  else if (mode === 1) text = 'A'.repeat(cap) // a huge string at the limit
  else if (mode === 2) text = '../'.repeat(Math.ceil(cap / 3)).slice(0, cap)
  else if (mode === 3) text = '\0'.repeat(Math.min(cap, 64))
  else {
    const parts: string[] = []
    const count = 1 + r.int(12)
    for (let i = 0; i < count; i++) parts.push(r.pick(HOSTILE_PIECES))
    text = parts.join('')
  }
  if (text.length > cap) text = text.slice(0, cap)
  while (text.length < minLength) text += 'x'
  return text
}

type Def = { type: string; [key: string]: unknown }
type Check = { check: string; maximum?: number; minimum?: number; value?: number; inclusive?: boolean; format?: string }

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def
const checksOf = (def: Def): Check[] => ((def.checks as { _zod: { def: Check } }[] | undefined) ?? []).map((c) => c._zod.def)

function lengthBounds(def: Def, fallbackMax: number): { min: number; max: number } {
  let min = 0
  let max = fallbackMax
  for (const check of checksOf(def)) {
    if (check.check === 'max_length' && check.maximum !== undefined) max = Math.min(max, check.maximum)
    if (check.check === 'min_length' && check.minimum !== undefined) min = check.minimum
  }
  return { min, max }
}

function hostileNumber(r: Rng, def: Def): number {
  let lo = -Number.MAX_SAFE_INTEGER
  let hi = Number.MAX_SAFE_INTEGER
  let integer = false
  for (const check of checksOf(def)) {
    if (check.check === 'greater_than' && check.value !== undefined) lo = check.value
    if (check.check === 'less_than' && check.value !== undefined) hi = check.value
    if (check.check === 'number_format') integer = true
  }
  const choice = r.pick([lo, hi, 0, -1, 1, 2 ** 31, -(2 ** 31), Number.MAX_SAFE_INTEGER, 0.5])
  const value = Math.min(hi, Math.max(lo, choice))
  return integer ? Math.trunc(value) : value
}

/** A value shaped by `schema` (mostly valid, at its limits and full of hostile text); depth-bounded. */
export function hostileValue(r: Rng, schema: z.ZodType, depth = 0): unknown {
  const def = defOf(schema)
  const inner = (key: string) => def[key] as z.ZodType
  switch (def.type) {
    case 'string': {
      const { min, max } = lengthBounds(def, 4096)
      return hostileString(r, max, min)
    }
    case 'number':
      return hostileNumber(r, def)
    case 'boolean':
      return r.chance(0.5)
    case 'literal':
      return r.pick(def.values as unknown[])
    case 'enum':
      return r.pick(Object.values(def.entries as Record<string, unknown>))
    case 'optional':
    case 'default':
    case 'prefault':
      return r.chance(0.3) ? undefined : hostileValue(r, inner('innerType'), depth)
    case 'nullable':
      return r.chance(0.3) ? null : hostileValue(r, inner('innerType'), depth)
    case 'readonly':
    case 'catch':
      return hostileValue(r, inner('innerType'), depth)
    case 'pipe':
      return hostileValue(r, inner('in'), depth)
    case 'lazy':
      return depth > 6 ? 'x' : hostileValue(r, (def.getter as () => z.ZodType)(), depth + 1)
    case 'union':
      return hostileValue(r, r.pick(def.options as z.ZodType[]), depth)
    case 'intersection':
      return { ...(hostileValue(r, inner('left'), depth) as object), ...(hostileValue(r, inner('right'), depth) as object) }
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>
      const out: Record<string, unknown> = {}
      for (const [key, field] of Object.entries(shape)) {
        const value = hostileValue(r, field, depth + 1)
        if (value !== undefined) out[key] = value
      }
      return out
    }
    case 'array': {
      const { min, max } = lengthBounds(def, 50)
      const count = depth > 4 ? min : Math.min(max, min + r.int(Math.max(1, Math.min(max, 50) - min + 1)))
      return Array.from({ length: count }, () => hostileValue(r, inner('element'), depth + 1))
    }
    case 'record': {
      const out: Record<string, unknown> = {}
      const count = depth > 4 ? 0 : r.int(20)
      for (let i = 0; i < count; i++) out[hostileString(r, 200, 1)] = hostileValue(r, inner('valueType'), depth + 1)
      return out
    }
    case 'tuple':
      return (def.items as z.ZodType[]).map((item) => hostileValue(r, item, depth + 1))
    case 'unknown':
    case 'any':
      return deepNesting(r.int(2000))
    default:
      return null
  }
}

/** `[[[...]]]` `depth` deep: what a parser or a recursive walker may trip on. */
export function deepNesting(depth: number): unknown {
  let value: unknown = 'x'
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value }
  return value
}
