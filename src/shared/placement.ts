import { z } from 'zod'
import { phraseSchema, wordedSchema } from './phrase'

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

/**
 * Why a constraint does not match a node, with what the node has instead: a code and its values,
 * worded by each side (the renderer through i18n `placement.mismatch.*`, the CLI in English
 * through src/main/placement/placement-text.ts).
 */
export const constraintMismatchSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('unknown-key') }),
  /** node.ip compared with a value that is neither an address nor a CIDR. */
  z.object({ code: z.literal('ip-invalid'), value: z.string() }),
  z.object({ code: z.literal('address-not-ip'), address: z.string() }),
  z.object({ code: z.literal('address'), address: z.string() }),
  z.object({ code: z.literal('label-missing'), engine: z.boolean() }),
  z.object({ code: z.literal('label'), engine: z.boolean(), label: z.string(), value: z.string() }),
  z.object({ code: z.literal('role'), role: z.string() }),
  /** Empty strings: the engine did not report the value. */
  z.object({ code: z.literal('hostname'), hostname: z.string() }),
  z.object({ code: z.literal('id'), id: z.string() }),
  z.object({ code: z.literal('os'), os: z.string() }),
  /** `literal`: the constraint names an alias of the node's arch (x86_64 vs amd64), compared literally. */
  z.object({ code: z.literal('arch'), arch: z.string(), literal: z.boolean() })
])
export type ConstraintMismatch = z.infer<typeof constraintMismatchSchema>

/**
 * Why a node takes no (more) task of a service: a code with its values. `message` is the same in
 * English (src/main/placement/placement-text.ts), for the CLI and JSON readers; the app words the
 * code and values through i18n `placement.reason.*`.
 */
export const placementReasonSchema = z.intersection(
  z.discriminatedUnion('code', [
    z.object({ code: z.literal('NODE_NOT_READY'), state: z.enum(['unknown', 'down', 'ready', 'disconnected']) }),
    z.object({ code: z.literal('NODE_DRAINED') }),
    z.object({ code: z.literal('NODE_PAUSED') }),
    /** `constraint`: the constraint as written back (key operator value). */
    z.object({ code: z.literal('CONSTRAINT'), constraint: z.string(), mismatch: constraintMismatchSchema }),
    /** `wanted`: the image's platforms as os/arch, '*' for any. Empty os/arch: not reported. */
    z.object({ code: z.literal('PLATFORM'), wanted: z.array(z.string()), os: z.string(), arch: z.string() }),
    /** `full`: the node takes no more once the plan is applied (limitedBy), else it cannot take the first. */
    z.object({ code: z.literal('RESOURCES_CPU'), reservedNanoCpus: z.number(), freeNanoCpus: z.number(), full: z.boolean() }),
    z.object({ code: z.literal('RESOURCES_MEMORY'), reservedBytes: z.number(), freeBytes: z.number(), full: z.boolean() }),
    /** `full` false: `ports` holds the port another service already uses on the node. */
    z.object({ code: z.literal('HOST_PORT'), ports: z.array(z.string()), full: z.boolean() }),
    z.object({ code: z.literal('MAX_REPLICAS'), max: z.number().int() }),
    /** `error`: the constraint parser's first error (English). */
    z.object({ code: z.literal('INVALID_SPEC'), error: z.string() })
  ]),
  z.object({ message: z.string() })
)
export type PlacementReason = z.infer<typeof placementReasonSchema>
export type PlacementReasonCode = PlacementReason['code']
/** A reason before its English `message` is attached. */
export type PlacementReasonFacts = PlacementReason extends infer R ? (R extends { message: string } ? Omit<R, 'message'> : never) : never

/**
 * The scheduler's own explanation of pending tasks, "no suitable node (...)": per filter, the
 * number of nodes it rejected, most first. Worded like swarmkit in English, through i18n
 * `placement.unsuitable.*` in the app.
 */
export const unsuitableFilterSchema = z.enum(['not-ready', 'resources', 'constraints', 'platform', 'host-port', 'max-replicas'])
export type UnsuitableFilter = z.infer<typeof unsuitableFilterSchema>
export const unsuitableSchema = z.array(z.object({ filter: unsuitableFilterSchema, nodes: z.number().int() }))
export type Unsuitable = z.infer<typeof unsuitableSchema>

const reasonSchema = placementReasonSchema

/** A constraint problem: the English (`message`, `suggestion`, what the CLI prints) with its phrases, and the drop-in corrected expression (`fix`) when the suggestion proposes one. */
const constraintIssueSchema = z.object({
  index: z.number().int(),
  expression: z.string(),
  message: z.string(),
  said: phraseSchema,
  suggestion: z.string().optional(),
  suggestionSaid: phraseSchema.optional(),
  fix: z.string().nullable()
})

/**
 * A note of the planner, worded (English `message` for the CLI, `said` for the app) and with its
 * kind, so the app can take out the ones it shows its own way (the refusal, the pending or
 * no-eligible headline, the constraint issues with their one-click fixes) without reading English.
 */
export const placementWarningKinds = ['refused', 'pending', 'no-eligible', 'constraint', 'spread', 'max-replicas', 'arch'] as const
export const placementWarningSchema = wordedSchema.extend({ kind: z.enum(placementWarningKinds) })
export type PlacementWarning = z.infer<typeof placementWarningSchema>

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
  /** The same explanation as codes (null when `explanation` is). */
  unsuitable: unsuitableSchema.nullable(),
  /** When no node is eligible: which kind of note (the first warning says it in English). */
  noEligible: z.enum(['pending', 'global', 'new-tasks']).nullable(),
  warnings: z.array(placementWarningSchema),
  errors: z.array(constraintIssueSchema),
  constraintWarnings: z.array(constraintIssueSchema)
})
export type PlacementPlanData = z.infer<typeof placementPlanSchema>

export const serviceImpactSchema = z.object({
  serviceId: z.string().nullable(),
  name: z.string(),
  refused: z.string().nullable(),
  /** `refused` as the parser's phrase, for the app to say in the user's language. */
  refusedSaid: phraseSchema.nullable(),
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
      cells: z.array(z.object({ eligible: z.boolean(), predicted: z.number().int(), actual: z.number().int(), reason: z.string().nullable(), why: reasonSchema.nullable() })),
      warnings: z.array(placementWarningSchema),
      /** The plan's first warning as codes (see placementPlanSchema): worded by the app. */
      unsuitable: unsuitableSchema.nullable(),
      noEligible: z.enum(['pending', 'global', 'new-tasks']).nullable(),
      /** Only with what-if changes: what they would do to this service. */
      impact: serviceImpactSchema.nullable()
    })
  ),
  /** One line per affected service, most severe first (what-if only). */
  summary: z.array(wordedSchema),
  errors: z.array(wordedSchema)
})
export type PlacementMatrix = z.infer<typeof placementMatrixSchema>
