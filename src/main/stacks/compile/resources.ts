// deploy.resources: convertResources, plus the minimums swarmkit's validateResources enforces.
import { phrase } from '../../../shared/phrase'
import type { Resources } from '../compose-types'
import type { ResourcesBody } from '../../docker/engine-specs'
import { parseCPUs } from '../go-parse'
import type { ServiceProblems } from './common'

export function convertResources(source: Resources, problems: ServiceProblems): ResourcesBody {
  const resources: ResourcesBody = {}
  const cpus = (value: string, path: string): number => {
    if (value === '') return 0
    const parsed = parseCPUs(value)
    if (!parsed.ok) {
      problems.fail(path, parsed.said)
      return 0
    }
    return parsed.value
  }
  // swarmkit's validateResources: the engine refuses these only at service create, after the
  // stack's networks, secrets and configs were made; refused here so nothing is made
  const engineMinimums = (nano: number, memory: number, kind: 'limits' | 'reservations'): void => {
    if (nano !== 0 && nano < 1e6) problems.fail(`deploy.resources.${kind}.cpus`, phrase('stacks.said.compile.cpusMinimum', { section: kind, cpus: String(nano / 1e9) }))
    if (memory !== 0 && memory < 4 * 1024 * 1024) problems.fail(`deploy.resources.${kind}.memory`, phrase('stacks.said.compile.memoryMinimum', { section: kind, bytes: String(memory) }))
  }
  const { limits, reservations } = source
  if (limits) {
    const body: NonNullable<ResourcesBody['Limits']> = {}
    const nano = cpus(limits.nanoCPUs, 'deploy.resources.limits.cpus')
    if (nano !== 0) body.NanoCPUs = nano
    if (limits.memoryBytes !== 0) body.MemoryBytes = limits.memoryBytes
    engineMinimums(nano, limits.memoryBytes, 'limits')
    if (limits.pids !== 0) body.Pids = limits.pids
    resources.Limits = body
  }
  if (reservations) {
    const body: NonNullable<ResourcesBody['Reservations']> = {}
    const nano = cpus(reservations.nanoCPUs, 'deploy.resources.reservations.cpus')
    if (nano !== 0) body.NanoCPUs = nano
    if (reservations.memoryBytes !== 0) body.MemoryBytes = reservations.memoryBytes
    engineMinimums(nano, reservations.memoryBytes, 'reservations')
    const generic = reservations.genericResources.map((g) => {
      if (!g.discreteResourceSpec) return {}
      const spec: { Kind?: string; Value?: number } = {}
      if (g.discreteResourceSpec.kind !== '') spec.Kind = g.discreteResourceSpec.kind
      if (g.discreteResourceSpec.value !== 0) spec.Value = g.discreteResourceSpec.value
      return { DiscreteResourceSpec: spec }
    })
    if (generic.length > 0) body.GenericResources = generic
    resources.Reservations = body
  }
  return resources
}
