import { z } from 'zod'

/**
 * The placement planner across the process boundary: a draft service to plan, hypothetical
 * changes (what-if), and the plan itself. The pure planner lives in src/main/placement; these
 * schemas are its contract with the renderer and the CLI.
 */
const resources = z.object({ nanoCpus: z.number().min(0), memoryBytes: z.number().min(0) })

export const placementDraftSchema = z.object({
  name: z.string().trim().min(1).max(200),
  mode: z.enum(['replicated', 'global', 'replicated-job', 'global-job']).default('replicated'),
  replicas: z.number().int().min(0).max(100_000).default(1),
  constraints: z.array(z.string().max(1000)).max(100).default([]),
  preferences: z.array(z.object({ spread: z.string().min(1).max(300) })).max(10).default([]),
  maxReplicasPerNode: z.number().int().min(0).default(0),
  reservations: resources.default({ nanoCpus: 0, memoryBytes: 0 }),
  platforms: z.array(z.object({ os: z.string(), arch: z.string() })).default([]),
  hostPorts: z.array(z.object({ protocol: z.enum(['tcp', 'udp', 'sctp']), port: z.number().int().min(1).max(65535) })).default([])
})
export type PlacementDraft = z.infer<typeof placementDraftSchema>

export const placementChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('labelAdd'), nodeId: z.string().min(1), key: z.string().min(1), value: z.string() }),
  z.object({ kind: z.literal('labelRemove'), nodeId: z.string().min(1), key: z.string().min(1) }),
  z.object({ kind: z.literal('availability'), nodeId: z.string().min(1), availability: z.enum(['active', 'pause', 'drain']) }),
  z.object({ kind: z.literal('nodeState'), nodeId: z.string().min(1), state: z.enum(['ready', 'down', 'unknown', 'disconnected']) }),
  z.object({ kind: z.literal('constraints'), service: z.string().min(1), constraints: z.array(z.string().max(1000)).max(100) })
])
export type PlacementChange = z.infer<typeof placementChangeSchema>

const reasonSchema = z.object({
  code: z.enum(['NODE_NOT_READY', 'NODE_DRAINED', 'NODE_PAUSED', 'CONSTRAINT', 'PLATFORM', 'RESOURCES_CPU', 'RESOURCES_MEMORY', 'HOST_PORT', 'MAX_REPLICAS', 'INVALID_SPEC']),
  message: z.string()
})

const constraintIssueSchema = z.object({ index: z.number().int(), expression: z.string(), message: z.string(), suggestion: z.string().optional() })

export const placementPlanSchema = z.object({
  service: z.string(),
  serviceId: z.string().nullable(),
  mode: z.enum(['replicated', 'global', 'replicated-job', 'global-job']),
  desiredTasks: z.number().int(),
  perNode: z.array(
    z.object({
      nodeId: z.string(),
      hostname: z.string(),
      eligible: z.boolean(),
      reasons: z.array(reasonSchema),
      existingTasks: z.number().int(),
      predictedTasks: z.number().int(),
      minTasks: z.number().int(),
      maxTasks: z.number().int(),
      limitedBy: reasonSchema.nullable()
    })
  ),
  eligibleCount: z.number().int(),
  totalPredicted: z.number().int(),
  pendingTasks: z.number().int(),
  deterministic: z.boolean(),
  explanation: z.string().nullable(),
  warnings: z.array(z.string()),
  errors: z.array(constraintIssueSchema),
  constraintWarnings: z.array(constraintIssueSchema)
})
export type PlacementPlanData = z.infer<typeof placementPlanSchema>

export const serviceImpactSchema = z.object({
  serviceId: z.string().nullable(),
  name: z.string(),
  refused: z.string().nullable(),
  losesAllNodes: z.boolean(),
  movedTasks: z.number().int(),
  newlyPending: z.number().int(),
  moves: z.array(z.object({ nodeId: z.string(), hostname: z.string(), before: z.number().int(), after: z.number().int() })),
  changed: z.boolean()
})

/** One row of the node x service matrix: per node, eligible and the predicted count. */
export const placementMatrixSchema = z.object({
  nodes: z.array(z.object({ id: z.string(), hostname: z.string(), role: z.enum(['manager', 'worker']), availability: z.enum(['active', 'pause', 'drain']), state: z.string() })),
  services: z.array(
    z.object({
      serviceId: z.string(),
      name: z.string(),
      mode: z.string(),
      desiredTasks: z.number().int(),
      eligibleCount: z.number().int(),
      pendingTasks: z.number().int(),
      cells: z.array(z.object({ eligible: z.boolean(), predicted: z.number().int(), actual: z.number().int(), reason: z.string().nullable() })),
      warnings: z.array(z.string()),
      /** Only with what-if changes: what they would do to this service. */
      impact: serviceImpactSchema.nullable()
    })
  ),
  /** One line per affected service, most severe first (what-if only). */
  summary: z.array(z.string()),
  errors: z.array(z.string())
})
export type PlacementMatrix = z.infer<typeof placementMatrixSchema>
