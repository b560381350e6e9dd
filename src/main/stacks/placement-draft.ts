import type { PlacementDraft } from '../../shared/placement'
import type { ServiceSpecBody } from '../docker/engine-specs'

/** A compiled stack service (the spec `docker stack deploy` would send) as a placement draft. Pure. */
export function draftFromServiceSpec(spec: ServiceSpecBody): PlacementDraft {
  const placement = spec.TaskTemplate.Placement
  const reservations = spec.TaskTemplate.Resources.Reservations
  const mode = spec.Mode.Global ? 'global' : spec.Mode.GlobalJob ? 'global-job' : spec.Mode.ReplicatedJob ? 'replicated-job' : 'replicated'
  const replicas = mode === 'replicated' ? spec.Mode.Replicated?.Replicas ?? 1 : mode === 'replicated-job' ? spec.Mode.ReplicatedJob?.MaxConcurrent ?? 1 : 0
  return {
    name: spec.Name,
    mode,
    replicas,
    constraints: [...(placement.Constraints ?? [])],
    preferences: (placement.Preferences ?? []).map((p) => ({ spread: p.Spread.SpreadDescriptor })),
    maxReplicasPerNode: placement.MaxReplicas ?? 0,
    reservations: { nanoCpus: reservations?.NanoCPUs ?? 0, memoryBytes: reservations?.MemoryBytes ?? 0 },
    platforms: (placement.Platforms ?? []).map((p) => ({ os: p.OS ?? '', arch: p.Architecture ?? '' })),
    hostPorts: (spec.EndpointSpec.Ports ?? [])
      .filter((p) => p.PublishMode === 'host' && p.PublishedPort)
      .map((p) => ({ protocol: p.Protocol === 'udp' || p.Protocol === 'sctp' ? p.Protocol : 'tcp', port: p.PublishedPort as number }))
  }
}
