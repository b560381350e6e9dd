import type { Config, Network, Secret, Service } from '../../../../shared/domain'
import type { StackSummary } from '../../../../shared/stacks'

/**
 * The stacks list: the live mirror (every object carrying `com.docker.stack.namespace`, so stacks
 * the docker CLI made are there too) for the counts, `stacks.list` for what only main knows (the
 * files of SwarmDesk's last deploy). Pure.
 */

export interface StackRow {
  name: string
  services: number
  runningTasks: number
  desiredTasks: number
  networks: number
  secrets: number
  configs: number
  /** SwarmDesk kept the files of its last deploy (drift can be checked) */
  deployedAt: string | null
}

export interface StackCollections {
  services: Record<string, Service>
  networks: Record<string, Network>
  secrets: Record<string, Secret>
  configs: Record<string, Config>
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/** One row per stack found in the mirror or in main's list; the mirror's counts win (they are live). */
export function stackRows(model: StackCollections | null, summaries: readonly StackSummary[] | null): StackRow[] {
  const rows = new Map<string, StackRow>()
  const deployedAt = new Map((summaries ?? []).map((s) => [s.name, s.deployedAt]))
  const row = (name: string): StackRow => {
    let found = rows.get(name)
    if (!found) {
      found = { name, services: 0, runningTasks: 0, desiredTasks: 0, networks: 0, secrets: 0, configs: 0, deployedAt: deployedAt.get(name) ?? null }
      rows.set(name, found)
    }
    return found
  }
  if (model) {
    for (const s of Object.values(model.services)) {
      if (s.stack === null) continue
      const r = row(s.stack)
      r.services++
      r.runningTasks += s.runningTasks
      r.desiredTasks += s.desiredTasks
    }
    for (const n of Object.values(model.networks)) if (n.stack !== null) row(n.stack).networks++
    for (const s of Object.values(model.secrets)) if (s.stack !== null) row(s.stack).secrets++
    for (const c of Object.values(model.configs)) if (c.stack !== null) row(c.stack).configs++
  } else {
    for (const s of summaries ?? []) rows.set(s.name, { ...s })
  }
  return [...rows.values()].sort(byName)
}

/** The names of the stacks in the mirror, as one comparable string (re-ask main when it changes). */
export function stackNamesKey(services: Record<string, Pick<Service, 'stack'>> | null): string {
  if (!services) return ''
  return [...new Set(Object.values(services).map((s) => s.stack).filter((s): s is string => s !== null))].sort().join('\n')
}

export interface StackObjects {
  services: Service[]
  secrets: Secret[]
  configs: Config[]
  networks: Network[]
}

/** A stack's objects in the order `docker stack rm` removes them: services, secrets, configs, networks. */
export function stackObjects(model: StackCollections | null, stack: string): StackObjects {
  const of = <T extends { name: string; stack: string | null }>(items: Record<string, T> | undefined): T[] => Object.values(items ?? {}).filter((x) => x.stack === stack).sort(byName)
  return { services: of(model?.services), secrets: of(model?.secrets), configs: of(model?.configs), networks: of(model?.networks) }
}

export function filterRows(rows: readonly StackRow[], filter: string): StackRow[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...rows]
  return rows.filter((r) => words.every((w) => r.name.toLowerCase().includes(w)))
}
