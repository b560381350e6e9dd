import type { SwarmNode } from '../../../../shared/domain'

/** Every word of the filter must appear somewhere in the node (hostname, role, state, labels...). */
export function nodeMatches(node: SwarmNode, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = [
    node.hostname,
    node.role,
    node.availability,
    node.state,
    node.address,
    node.engineVersion,
    node.os,
    node.arch,
    node.manager?.leader ? 'leader' : '',
    node.manager?.reachability ?? '',
    ...Object.entries(node.labels).map(([k, v]) => `${k}=${v}`)
  ]
    .join(' ')
    .toLowerCase()
  return words.every((word) => haystack.includes(word))
}

export type LabelFilter =
  | { op: 'has'; key: string }
  | { op: 'eq' | 'ne'; key: string; value: string }

/**
 * A label condition as a learner writes it: `zone`, `zone=east`, or the constraint form
 * `node.labels.zone==east` / `node.labels.zone!=east`. Keys match exactly (constraints are
 * case-sensitive); null for an empty text.
 */
export function parseLabelFilter(text: string): LabelFilter | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const match = /^(.*?)\s*(!=|==|=)\s*(.*)$/.exec(trimmed)
  const strip = (key: string) => key.trim().replace(/^node\.labels\./, '')
  if (!match) return { op: 'has', key: strip(trimmed) }
  return { op: match[2] === '!=' ? 'ne' : 'eq', key: strip(match[1]), value: match[3].trim() }
}

export function labelMatches(labels: Record<string, string>, filter: LabelFilter | null): boolean {
  if (!filter) return true
  const has = Object.prototype.hasOwnProperty.call(labels, filter.key)
  if (filter.op === 'has') return has
  // Like a placement constraint: `!=` also holds for nodes without the label.
  if (filter.op === 'ne') return !has || labels[filter.key] !== filter.value
  return has && labels[filter.key] === filter.value
}

export interface NodeFilters {
  text: string
  role: SwarmNode['role'] | 'all'
  availability: SwarmNode['availability'] | 'all'
  label: string
}

export function nodeMatchesFilters(node: SwarmNode, filters: NodeFilters): boolean {
  return (
    (filters.role === 'all' || node.role === filters.role) &&
    (filters.availability === 'all' || node.availability === filters.availability) &&
    labelMatches(node.labels, parseLabelFilter(filters.label)) &&
    nodeMatches(node, filters.text)
  )
}

/** Suggestions for the label filter: every key, then every key=value, of the given nodes. */
export function labelFilterSuggestions(nodes: readonly SwarmNode[]): string[] {
  const keys = new Set<string>()
  const pairs = new Set<string>()
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node.labels)) {
      keys.add(key)
      pairs.add(`${key}=${value}`)
    }
  }
  const collator = new Intl.Collator(undefined, { numeric: true })
  return [...[...keys].sort(collator.compare), ...[...pairs].sort(collator.compare)]
}
