import { z } from 'zod'
import { placementWarningSchema, unsuitableSchema } from './placement'
import { phraseSchema, wordedSchema } from './phrase'

/**
 * Stacks over the contract: the plan (desired compose file vs. the live stack), the deploy
 * outcome per operation, the list of stacks and the removal report. Shapes only; the pure
 * planner lives in src/main/stacks/stack-planner.ts.
 */

/** `docker stack deploy --resolve-image`: pin `image@digest` from the registry always, only for changed images, or never. */
export const resolveImageModeSchema = z.enum(['always', 'changed', 'never'])
export type ResolveImageMode = z.infer<typeof resolveImageModeSchema>

/** The contract's limits on compose sources: characters of a text and of a path, files in one source. */
export const COMPOSE_TEXT_MAX_CHARS = 5_000_000
export const PATH_MAX_CHARS = 4096
export const COMPOSE_FILES_MAX = 20

export const composeFileSchema = z.object({
  /** absolute path: relative `file:`, `env_file` and bind paths are resolved against the first file's directory */
  path: z.string().min(1).max(PATH_MAX_CHARS),
  text: z.string().max(COMPOSE_TEXT_MAX_CHARS),
  /**
   * the text lives only in the editor (`path` is a made-up name): relative `file:` and `env_file`
   * entries are refused with a diagnostic instead of being read from the app's working directory
   */
  unsaved: z.boolean().optional()
})
export type ComposeFile = z.infer<typeof composeFileSchema>

/** The compose files as texts (an editor's buffers), or paths for main to read. */
export const stackSourceSchema = z.union([
  z.object({ files: z.array(composeFileSchema).min(1, 'give at least one compose file').max(COMPOSE_FILES_MAX) }).strict(),
  z.object({ paths: z.array(z.string().min(1).max(PATH_MAX_CHARS)).min(1, 'give at least one compose file').max(COMPOSE_FILES_MAX) }).strict()
])
export type StackSource = z.infer<typeof stackSourceSchema>

/** `stacks.readFile`: a compose file opened from disk by its absolute path. */
export const openedComposeFileSchema = z.object({ path: z.string(), text: z.string(), sizeBytes: z.number().int() })
export type OpenedComposeFile = z.infer<typeof openedComposeFileSchema>

export const stackNameSchema = z.string().min(1, 'a stack needs a name').max(200)

export const stackPlanOptionsSchema = z.object({
  /** `.env` beside the first file for interpolation (the docker CLI never reads it) */
  useDotEnv: z.boolean().default(false),
  /** extra variables for interpolation, over the process environment */
  variables: z.record(z.string(), z.string()).default({}),
  resolveImage: resolveImageModeSchema.default('always'),
  /** remove the stack's services that the files no longer have (only services, like the CLI) */
  prune: z.boolean().default(false),
  /** send registry credentials from ~/.docker/config.json (`--with-registry-auth`) */
  withRegistryAuth: z.boolean().default(false)
})

export const sourceLocationSchema = z.object({ file: z.string(), line: z.number().int(), column: z.number().int() })

export const planProblemCodes = [
  'compose',
  'compile',
  'file-unreadable',
  'external-network-missing',
  'external-network-scope',
  'network-name-conflict',
  'network-settings-differ',
  'external-secret-missing',
  'external-config-missing',
  'secret-content-changed',
  'config-content-changed',
  'content-unknown',
  'service-name-conflict',
  'mode-change',
  'image-unresolved',
  'plan-changed'
] as const
export const planProblemSchema = z.object({
  /** errors block the deploy; warnings are shown */
  severity: z.enum(['error', 'warning']),
  code: z.enum(planProblemCodes),
  /** the object concerned (a service, network, secret or config name), '' for the stack */
  subject: z.string(),
  message: z.string(),
  /** `message` as a phrase, worded by the renderer in the user's language (src/shared/phrase.ts) */
  said: phraseSchema,
  /** what to change in the file, when there is a known fix */
  fix: z.string().nullable(),
  /** `fix` as a phrase */
  fixSaid: phraseSchema.nullable(),
  /** dotted compose path, e.g. services.web.deploy.replicas */
  path: z.string().nullable(),
  location: sourceLocationSchema.nullable()
})
export type PlanProblem = z.infer<typeof planProblemSchema>

/**
 * What a field change does to running tasks (swarmkit's orchestrator/task.go IsTaskDirty):
 * `restart` replaces the tasks (a rolling update); `placement` moves only tasks whose node no
 * longer satisfies the constraints; `none` leaves tasks alone (labels, replicas, update config).
 */
export const changeEffectSchema = z.enum(['restart', 'placement', 'none'])
export type ChangeEffect = z.infer<typeof changeEffectSchema>

export const fieldChangeSchema = z.object({
  /** Engine spec path, e.g. TaskTemplate.ContainerSpec.Env[MODE] */
  path: z.string(),
  /** where it comes from in the compose file, e.g. services.web.environment */
  composePath: z.string().nullable(),
  /** readable values (durations as 10s); null = absent */
  before: z.string().nullable(),
  after: z.string().nullable(),
  effect: changeEffectSchema
})
export type FieldChange = z.infer<typeof fieldChangeSchema>

export const stackOperationKinds = [
  'service.remove',
  'network.create',
  'network.unchanged',
  'secret.create',
  'secret.update-labels',
  'secret.unchanged',
  'secret.content-changed',
  'config.create',
  'config.update-labels',
  'config.unchanged',
  'config.content-changed',
  'service.create',
  'service.update',
  'service.unchanged'
] as const
export const stackOperationKindSchema = z.enum(stackOperationKinds)
export type StackOperationKind = z.infer<typeof stackOperationKindSchema>

/** Operations that send something to the engine; the others are shown, never run. */
export const actionableStackOperationKinds: ReadonlySet<StackOperationKind> = new Set<StackOperationKind>([
  'service.remove',
  'network.create',
  'secret.create',
  'secret.update-labels',
  'config.create',
  'config.update-labels',
  'service.create',
  'service.update'
])

export function isActionableOperation(op: { kind: StackOperationKind }): boolean {
  return actionableStackOperationKinds.has(op.kind)
}

/** The CLI's order: prune, then networks, secrets, configs, and the services (in parallel). */
export const stackPhases = ['prune', 'networks', 'secrets', 'configs', 'services'] as const

export const stackOperationSchema = z.object({
  /** stable within a plan: `<kind>:<name>` */
  id: z.string(),
  kind: stackOperationKindSchema,
  phase: z.enum(stackPhases),
  /** the Engine object's name (`<stack>_<key>` or the file's `name:`) */
  name: z.string(),
  /** the compose key, null for pruned services */
  key: z.string().nullable(),
  changes: z.array(fieldChangeSchema),
  /** the update replaces running tasks */
  restarts: z.boolean(),
  notes: z.array(wordedSchema),
  /** why this operation cannot run (the deploy is refused), null when it can */
  blocked: wordedSchema.nullable(),
  /** the docker command doing the same, when there is a one-line equivalent */
  cli: z.string().nullable()
})
export type StackOperation = z.infer<typeof stackOperationSchema>

export const stackPlanSchema = z.object({
  stack: z.string(),
  /** false when an error problem blocks the deploy (nothing will be changed) */
  ok: z.boolean(),
  operations: z.array(stackOperationSchema),
  problems: z.array(planProblemSchema),
  summary: z.object({
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    remove: z.number().int(),
    /** services whose tasks the deploy replaces */
    restarting: z.array(z.string()),
    /** live services of the stack the files do not have (removed only with prune) */
    notInFile: z.array(z.string())
  }),
  options: z.object({ resolveImage: resolveImageModeSchema, prune: z.boolean(), withRegistryAuth: z.boolean() }),
  /** variables used by interpolation and where their values came from (never the values) */
  variables: z.array(z.object({ name: z.string(), source: z.enum(['env', 'dotenv', 'default', 'unset']) })),
  files: z.array(z.string()),
  /** the docker CLI command for the same deploy */
  cli: z.string(),
  /** identifies what this plan would do: give it back to stacks.deploy to apply only that */
  fingerprint: z.string(),
  /**
   * Where each service of the file could run on the cluster as it is now (the placement planner,
   * inline). Informative: not part of the fingerprint, since tasks move without the file changing.
   */
  placement: z
    .array(
      z.object({
        key: z.string(),
        name: z.string(),
        eligible: z.array(z.string()),
        nodes: z.number().int(),
        pendingTasks: z.number().int(),
        explanation: z.string().nullable(),
        /** `explanation` as codes, worded by the app (placement-text.ts) */
        unsuitable: unsuitableSchema.nullable(),
        warnings: z.array(placementWarningSchema)
      })
    )
    .default([])
})
export type StackPlan = z.infer<typeof stackPlanSchema>

export const operationOutcomeSchema = z.object({
  id: z.string(),
  status: z.enum(['done', 'failed', 'skipped']),
  message: z.string(),
  /** `message` as a phrase, worded by the renderer in the user's language */
  said: phraseSchema,
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** engine warnings (e.g. an image that could not be pinned) */
  warnings: z.array(wordedSchema)
})
export type OperationOutcome = z.infer<typeof operationOutcomeSchema>

export const convergenceSchema = z.object({
  service: z.string(),
  /** `stopped`: the user stopped waiting; what was applied stays applied */
  state: z.enum(['converged', 'failed', 'timeout', 'not-waited', 'stopped']),
  running: z.number().int(),
  desired: z.number().int(),
  message: z.string(),
  /** `message` as a phrase (convergence.*), worded by the renderer in the user's language */
  said: phraseSchema
})
export type Convergence = z.infer<typeof convergenceSchema>

export const deployResultSchema = z.object({
  requestId: z.string(),
  plan: stackPlanSchema,
  /** false when the plan was blocked: nothing was sent to the cluster */
  applied: z.boolean(),
  /** applied, every operation succeeded and (when waited for) every service converged */
  ok: z.boolean(),
  outcomes: z.array(operationOutcomeSchema),
  /**
   * Warnings about several operations at once, each said once: an image that could not be pinned
   * to a digest, with every service that uses it (an outcome's own warnings are the engine's).
   */
  warnings: z.array(wordedSchema).default([]),
  convergence: z.array(convergenceSchema).nullable(),
  summary: z.object({ done: z.number().int(), failed: z.number().int(), skipped: z.number().int() })
})
export type DeployResult = z.infer<typeof deployResultSchema>

export const stackProgressSchema = z.object({
  clusterId: z.string(),
  requestId: z.string(),
  stack: z.string(),
  /** an operation id of the plan, or `wait:<service>` while waiting for convergence */
  opId: z.string(),
  status: z.enum(['running', 'done', 'failed', 'skipped']),
  message: z.string(),
  /** `message` as a phrase, worded by the renderer in the user's language */
  said: phraseSchema
})
export type StackProgress = z.infer<typeof stackProgressSchema>

export const stackSummarySchema = z.object({
  name: z.string(),
  services: z.number().int(),
  runningTasks: z.number().int(),
  desiredTasks: z.number().int(),
  networks: z.number().int(),
  secrets: z.number().int(),
  configs: z.number().int(),
  /** SwarmDesk kept the files of its last deploy of this stack (drift can be checked) */
  deployedAt: z.string().nullable()
})
export type StackSummary = z.infer<typeof stackSummarySchema>

export const removedObjectSchema = z.object({
  kind: z.enum(['service', 'secret', 'config', 'network']),
  name: z.string(),
  id: z.string(),
  ok: z.boolean(),
  error: z.string().nullable()
})

export const removeResultSchema = z.object({
  stack: z.string(),
  /** false when no object carries the stack's label ("Nothing found in stack") */
  found: z.boolean(),
  ok: z.boolean(),
  removed: z.array(removedObjectSchema),
  /** named volumes the stack's services mount: never removed (like `docker stack rm`) */
  keptVolumes: z.array(z.string()),
  notes: z.array(z.string()),
  cli: z.string()
})
export type RemoveResult = z.infer<typeof removeResultSchema>

export const deployedRecordSchema = z.object({
  stack: z.string(),
  swarmId: z.string(),
  deployedAt: z.string(),
  files: z.array(composeFileSchema),
  options: z.object({ useDotEnv: z.boolean(), resolveImage: resolveImageModeSchema, prune: z.boolean() }),
  /** names and sources of interpolated variables; values are never stored */
  variables: z.array(z.object({ name: z.string(), source: z.enum(['env', 'dotenv', 'default', 'unset']) })),
  /** the deploy applied every operation */
  complete: z.boolean()
})
export type DeployedRecord = z.infer<typeof deployedRecordSchema>

export const driftResultSchema = z.object({
  stack: z.string(),
  source: z.enum(['last-deployed', 'given']),
  deployedAt: z.string().nullable(),
  /** the live stack differs from the files */
  drifted: z.boolean(),
  plan: stackPlanSchema
})
export type DriftResult = z.infer<typeof driftResultSchema>
