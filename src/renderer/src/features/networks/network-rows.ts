import type { Network, Service } from '../../../../shared/domain'
import { servicesOnNetwork, type NetworkUser } from '../../../../shared/network-usage'
import type { NetworkDraft, NetworkProblem } from '../../../../shared/networks'

/** One row of the networks table: the mirrored network and the services its users are. Pure. */
export interface NetworkRow {
  network: Network
  services: NetworkUser[]
  encrypted: boolean
}

export function networkRows(networks: readonly Network[], services: readonly Service[]): NetworkRow[] {
  return networks.map((network) => ({
    network,
    services: servicesOnNetwork(network, services),
    encrypted: network.options !== undefined && 'encrypted' in network.options
  }))
}

/** Every word must appear in the name, stack, driver, a subnet or a service name. */
export function rowMatches(row: NetworkRow, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = [row.network.name, row.network.stack ?? '', row.network.driver, ...row.network.subnets, ...row.services.map((s) => s.name)].join(' ').toLowerCase()
  return words.every((word) => haystack.includes(word))
}

export function emptyDraft(): NetworkDraft {
  return { name: '', attachable: false, internal: false, encrypted: false, subnet: '', gateway: '', labels: [] }
}

/** The problems for one field (labels: for one row), errors first. */
export function problemsFor(problems: readonly NetworkProblem[], field: NetworkProblem['field'], index?: number): NetworkProblem[] {
  return problems
    .filter((p) => p.field === field && (index === undefined || p.index === index))
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
}
