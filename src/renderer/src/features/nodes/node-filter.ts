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
