import type { SwarmNode } from '../../shared/domain'
import { compareText } from '../../shared/text-order'
import { formatTable } from './table'

/** `swarmdesk node ls`, the columns of `docker node ls` plus labels. Pure. */
export function nodeTable(nodes: SwarmNode[], selfId: string): string {
  const sorted = [...nodes].sort((a, b) => compareText(a.hostname, b.hostname))
  const rows = sorted.map((n) => [
    `${n.id}${n.id === selfId ? ' *' : ''}`,
    n.hostname,
    n.state.charAt(0).toUpperCase() + n.state.slice(1),
    n.availability.charAt(0).toUpperCase() + n.availability.slice(1),
    n.manager ? (n.manager.leader ? 'Leader' : n.manager.reachability.charAt(0).toUpperCase() + n.manager.reachability.slice(1)) : '',
    n.engineVersion,
    Object.entries(n.labels)
      .sort(([a], [b]) => compareText(a, b))
      .map(([k, v]) => `${k}=${v}`)
      .join(',')
  ])
  return formatTable(['ID', 'HOSTNAME', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS', 'ENGINE VERSION', 'LABELS'], rows)
}

/** `KEY=VALUE` arguments of `node label add`; a bare KEY means an empty value, like the docker CLI. */
export function parseLabelArgs(args: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const arg of args) {
    const at = arg.indexOf('=')
    if (at === -1) out[arg] = ''
    else out[arg.slice(0, at)] = arg.slice(at + 1)
  }
  return out
}

export function resolveNode(nodes: SwarmNode[], ref: string): SwarmNode | null {
  return nodes.find((n) => n.id === ref) ?? nodes.find((n) => n.hostname === ref) ?? (ref.length >= 3 ? nodes.find((n) => n.id.startsWith(ref)) ?? null : null)
}
