// The `docker stack ls` view: services carrying the namespace label, grouped by its value, plus
// the stack's networks, secrets and configs. Four list calls whatever the cluster; read-only.
// Its own module, light on purpose: the command line's quick `stack ls` reads it without the
// compose machinery.
import type { StackSummary } from '../../shared/stacks'
import type { LiveConfig, LiveNetwork, LiveSecret, LiveService } from '../docker/live-shapes'
import { LABEL_NAMESPACE } from './compile/common'

/** The reads it needs: the stacks' engine view (StackEngine) or the light reads (EngineReads). */
export interface StackListReads {
  listServices(filters: Record<string, string[]>, status: boolean): Promise<LiveService[]>
  listNetworks(filters: Record<string, string[]>): Promise<LiveNetwork[]>
  listSecrets(filters: Record<string, string[]>): Promise<LiveSecret[]>
  listConfigs(filters: Record<string, string[]>): Promise<LiveConfig[]>
}

const hasStackLabel = { label: [LABEL_NAMESPACE] }

/** Every stack: CLI-made and SwarmDesk-made alike (the same labels). */
export async function listStacks(engine: StackListReads, deployedAt: (stack: string) => Promise<string | null>): Promise<StackSummary[]> {
  const [services, networks, secrets, configs] = await Promise.all([
    engine.listServices(hasStackLabel, true),
    engine.listNetworks(hasStackLabel),
    engine.listSecrets(hasStackLabel),
    engine.listConfigs(hasStackLabel)
  ])
  const stacks = new Map<string, StackSummary>()
  const entry = (name: string): StackSummary => {
    let found = stacks.get(name)
    if (!found) {
      found = { name, services: 0, runningTasks: 0, desiredTasks: 0, networks: 0, secrets: 0, configs: 0, deployedAt: null }
      stacks.set(name, found)
    }
    return found
  }
  for (const s of services) {
    const labels = s.Spec.Labels
    const name = labels && typeof labels === 'object' && !Array.isArray(labels) ? labels[LABEL_NAMESPACE] : undefined
    if (typeof name !== 'string') continue
    const stack = entry(name)
    stack.services++
    stack.runningTasks += s.ServiceStatus?.RunningTasks ?? 0
    stack.desiredTasks += s.ServiceStatus?.DesiredTasks ?? 0
  }
  // A stack without services is not in `docker stack ls`, but its leftovers are worth showing.
  for (const n of networks) if (n.Labels?.[LABEL_NAMESPACE] !== undefined) entry(n.Labels[LABEL_NAMESPACE]).networks++
  for (const s of secrets) if (s.Spec.Labels?.[LABEL_NAMESPACE] !== undefined) entry(s.Spec.Labels[LABEL_NAMESPACE]).secrets++
  for (const c of configs) if (c.Spec.Labels?.[LABEL_NAMESPACE] !== undefined) entry(c.Spec.Labels[LABEL_NAMESPACE]).configs++
  const list = [...stacks.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const stack of list) stack.deployedAt = await deployedAt(stack.name)
  return list
}
