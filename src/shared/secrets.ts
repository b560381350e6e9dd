import { z } from 'zod'
import { secretSchema } from './domain'
import { phrase, phraseSchema, wordedSchema, type Phrase } from './phrase'

/**
 * Secrets and configs over the contract: lists with consumers, create and remove, and the
 * rotation engine (plan, apply, journal, resume, roll back). Shapes and small pure helpers that
 * both main and the renderer use; the planner and the engine live in src/main/secrets/.
 *
 * Secret values never travel back: no output schema here has a field that could carry one.
 */

export const storedKindSchema = z.enum(['secret', 'config'])
export type StoredKind = z.infer<typeof storedKindSchema>

/**
 * Names as swarmkit validates them (manager/controlapi, validateConfigOrSecretAnnotations):
 * 1 to 64 characters, letters and digits at both ends, `-`, `_` and `.` inside.
 */
export const OBJECT_NAME_MAX = 64
export const OBJECT_NAME_PATTERN = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$/
export const objectNameSchema = z
  .string()
  .min(1, 'a name is needed')
  .max(OBJECT_NAME_MAX, `at most ${OBJECT_NAME_MAX} characters (the engine's limit)`)
  .regex(OBJECT_NAME_PATTERN, 'letters and digits at both ends; only letters, digits, "-", "_" and "." inside')

/** Why a name is refused, or null: the same rules as objectNameSchema, as a sentence for forms. */
export function objectNameProblem(name: string): string | null {
  const parsed = objectNameSchema.safeParse(name)
  return parsed.success ? null : parsed.error.issues[0].message
}

/** objectNameProblem as a phrase (secrets.said.name.*), for the app to word in the user's language. */
export function objectNameProblemSaid(name: string): Phrase | null {
  const parsed = objectNameSchema.safeParse(name)
  if (parsed.success) return null
  const code = parsed.error.issues[0].code
  if (code === 'too_small') return phrase('secrets.said.name.needed')
  if (code === 'too_big') return phrase('secrets.said.name.tooLong', { max: OBJECT_NAME_MAX })
  return phrase('secrets.said.name.pattern')
}

/** The engine's size limits (swarmkit MaxSecretSize = 500 KiB, MaxConfigSize = 1000 KiB). */
export const MAX_VALUE_BYTES: Record<StoredKind, number> = { secret: 500 * 1024, config: 1000 * 1024 }

export const generateAlphabets = ['alphanumeric', 'hex', 'base64url', 'printable'] as const
export const generateAlphabetSchema = z.enum(generateAlphabets)
export type GenerateAlphabet = z.infer<typeof generateAlphabetSchema>

/**
 * Where a new value comes from. `text`: typed in the UI (crosses the transport once per call);
 * `path`: a file main reads itself; `generate`: random characters made in main with
 * crypto.randomInt, so the value never exists in the renderer at all.
 * The messages never quote the value (zod's default messages do not either).
 */
export const valueSourceSchema = z.union([
  z.object({ text: z.string().max(MAX_VALUE_BYTES.config, 'too large for the engine') }).strict(),
  z.object({ path: z.string().min(1, 'choose a file').max(4096) }).strict(),
  z
    .object({
      generate: z
        .object({
          length: z.number().int().min(8, 'at least 8 characters').max(4096, 'at most 4096 characters'),
          alphabet: generateAlphabetSchema.default('alphanumeric')
        })
        .strict()
    })
    .strict()
])
export type ValueSource = z.infer<typeof valueSourceSchema>

/** One service using a secret or config, with each reference it has (a service may mount it twice). */
export const consumerSchema = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  stack: z.string().nullable(),
  /** file name under /run/secrets (or the config's path), null for a config's Runtime target */
  target: z.string().nullable(),
  uid: z.string(),
  gid: z.string(),
  mode: z.number().int()
})
export type Consumer = z.infer<typeof consumerSchema>

/** The labels SwarmDesk puts on the versions it creates (never the value). */
export const ROTATED_FROM_LABEL = 'com.swarmdesk.rotated-from'
export const ROTATION_ID_LABEL = 'com.swarmdesk.rotation'
export { VALUE_HMAC_KEY_LABEL, VALUE_HMAC_LABEL } from './secret-rows'

export const storedObjectSchema = secretSchema.extend({
  kind: storedKindSchema,
  consumers: z.array(consumerSchema),
  /** Secrets: SwarmDesk can tell whether a new value equals this one (HMAC label made with this install's key). */
  identityCheckable: z.boolean()
})
export type StoredObject = z.infer<typeof storedObjectSchema>

export const configContentSchema = z.object({
  id: z.string(),
  name: z.string(),
  sizeBytes: z.number().int(),
  /** false when the data is not valid UTF-8 text (then `text` is null) */
  isText: z.boolean(),
  text: z.string().nullable()
})
export type ConfigContent = z.infer<typeof configContentSchema>

/** A service's update policy (Spec.UpdateConfig with the engine's defaults filled in). */
export const updatePolicySchema = z.object({
  parallelism: z.number().int(),
  delaySeconds: z.number(),
  failureAction: z.enum(['pause', 'continue', 'rollback']),
  monitorSeconds: z.number(),
  maxFailureRatio: z.number(),
  order: z.enum(['stop-first', 'start-first'])
})
export type UpdatePolicy = z.infer<typeof updatePolicySchema>

export const rotationConsumerSchema = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  stack: z.string().nullable(),
  /** the version index the plan was made from: applying refuses (STALE_PLAN) when it moved */
  version: z.number().int(),
  mode: z.enum(['replicated', 'global', 'replicated-job', 'global-job']),
  replicas: z.number().int().nullable(),
  /** every reference to the old version; each becomes a reference to the new one, same target/uid/gid/mode */
  references: z.array(consumerSchema.pick({ target: true, uid: true, gid: true, mode: true })),
  policy: updatePolicySchema,
  /** the order this rotation's update will use (policy.order unless start-first was asked) */
  order: z.enum(['stop-first', 'start-first']),
  /** `docker service update --secret-rm OLD --secret-add source=NEW,target=...` */
  cli: z.string()
})
export type RotationConsumer = z.infer<typeof rotationConsumerSchema>

export const rotationProblemCodes = [
  'EMPTY_VALUE',
  'VALUE_TOO_LARGE',
  'IDENTICAL_VALUE',
  'NAME_INVALID',
  'NAME_CLASH',
  'NO_CONSUMERS',
  'UPDATE_PAUSED',
  'UPDATE_IN_PROGRESS',
  'ROTATION_IN_PROGRESS',
  'DRIVER_BACKED',
  'BEFORE_EXEC_SERVICE'
] as const
export const rotationWarningCodes = [
  'STACK_FILE',
  'IDENTITY_UNKNOWN',
  'SINGLE_TASK_STOP_FIRST',
  'UPDATE_FAILURE_ACTION',
  'JOB_CONSUMER',
  'BEFORE_EXEC_NOT_UNDONE'
] as const
/** A reason the rotation is refused; each code is also an error code (strings in i18n `errors`). */
export const rotationRefusalSchema = z.object({
  code: z.enum(rotationProblemCodes),
  message: z.string(),
  /** `message` as a phrase (secrets.said.plan.*), worded in the user's language by the app */
  said: phraseSchema,
  /** the service (or object) it is about, when there is one */
  subject: z.string().nullable()
})
export type RotationRefusal = z.infer<typeof rotationRefusalSchema>
/** Something to know before applying; does not block. */
export const rotationWarningSchema = rotationRefusalSchema.extend({ code: z.enum(rotationWarningCodes) })
export type RotationWarning = z.infer<typeof rotationWarningSchema>

export const stackFileEditSchema = z.object({
  stack: z.string(),
  /** the compose file SwarmDesk last deployed this stack from */
  path: z.string(),
  /** the top-level `secrets:`/`configs:` key whose `name:` changes */
  key: z.string(),
  /** the whole file with only that `name:` set to the new version */
  text: z.string()
})
export type StackFileEdit = z.infer<typeof stackFileEditSchema>

export const rotationOptionsSchema = z.object({
  /** the new version's name; default `<base>_v<N>` (nextVersionName) */
  newName: objectNameSchema.optional(),
  /** update every consumer start-first (a new task runs before the old one stops) */
  startFirst: z.boolean().default(false),
  /** or only these services (ids) start-first */
  startFirstServices: z.array(z.string().min(1)).max(1000).default([]),
  /** remove the old version once every consumer runs the new one */
  removeOld: z.boolean().default(false),
  /**
   * Before any consumer moves: mount the new version in this service (at BEFORE_EXEC_ENV's path)
   * and run the command in one of its running tasks; a non-zero exit rolls the rotation back.
   * For state that keeps the old value (a database's password): the course's `ALTER USER`.
   */
  beforeExec: z
    .object({
      /** the service (ID or name) whose task runs the command */
      service: z.string().min(1).max(200),
      /** argv, run as is (the app sends `sh -c TEXT`) */
      command: z.array(z.string().min(1).max(10_000)).min(1).max(100)
    })
    .nullable()
    .default(null)
})
export type RotationOptions = z.infer<typeof rotationOptionsSchema>

export const rotationStepKinds = ['create', 'mount', 'exec', 'update', 'converge', 'unmount', 'remove-old', 'revert', 'revert-converge', 'remove-new'] as const

/** In the task that runs a rotation's before-exec command: the path of the new version's file. */
export const BEFORE_EXEC_ENV = 'SWARMDESK_NEW_FILE'

/** Where the new version is mounted for the before-exec step: a file of its own, beside the old one. */
export function beforeExecTarget(kind: StoredKind, newName: string): string {
  return kind === 'secret' ? newName : `/${newName}`
}

/** The path of that file inside the container (secrets with a relative target live in /run/secrets). */
export function beforeExecPath(kind: StoredKind, newName: string): string {
  return kind === 'secret' ? `/run/secrets/${newName}` : `/${newName}`
}
export const rotationStepSchema = z.object({
  kind: z.enum(rotationStepKinds),
  /** the object or service name */
  subject: z.string(),
  cli: z.string().nullable()
})
export type RotationStep = z.infer<typeof rotationStepSchema>

export const rotationPlanSchema = z.object({
  kind: storedKindSchema,
  old: z.object({ id: z.string(), name: z.string(), version: z.number().int(), labels: z.record(z.string(), z.string()), stack: z.string().nullable() }),
  newName: z.string(),
  /** what nextVersionName proposes (the form's placeholder) */
  defaultNewName: z.string(),
  /** labels of the new version: the old ones (stack label kept) plus SwarmDesk's rotation labels */
  newLabels: z.record(z.string(), z.string()),
  /** in the order they will be updated */
  consumers: z.array(rotationConsumerSchema),
  /** the steps of a successful run, in order */
  steps: z.array(rotationStepSchema),
  /** the whole rotation as docker CLI commands */
  cli: z.array(z.string()),
  /** 'different' / 'identical' when checked, 'unknown' when it cannot be (secret without SwarmDesk's HMAC), 'not-checked' when no value was given */
  identity: z.enum(['different', 'identical', 'unknown', 'not-checked']),
  warnings: z.array(rotationWarningSchema),
  /** non-empty: rotate refuses with the first one's code */
  refusals: z.array(rotationRefusalSchema),
  stackFiles: z.array(stackFileEditSchema),
  removeOld: z.boolean(),
  /** the before-exec step as planned: the service it runs in and where the new value is found */
  beforeExec: z.object({ serviceId: z.string(), serviceName: z.string(), command: z.array(z.string()), path: z.string() }).nullable(),
  /** pass as expectFingerprint to secrets.rotate: it refuses (STALE_PLAN) when the live state moved */
  fingerprint: z.string()
})
export type RotationPlan = z.infer<typeof rotationPlanSchema>

export const rotationStates = ['running', 'completed', 'rolled-back', 'failed', 'interrupted'] as const
export const serviceRotationStates = ['pending', 'updated', 'converged', 'reverted', 'skipped'] as const

/** The journal as shown: every step recorded, never the value. */
export const rotationRecordSchema = z.object({
  id: z.string(),
  swarmId: z.string(),
  kind: storedKindSchema,
  startedAt: z.string(),
  updatedAt: z.string(),
  /** `running` on disk but no process is running it: `interrupted` */
  state: z.enum(rotationStates),
  old: z.object({ id: z.string(), name: z.string() }),
  new: z.object({ id: z.string().nullable(), name: z.string() }),
  removeOld: z.boolean(),
  oldRemoved: z.boolean(),
  services: z.array(
    z.object({
      serviceId: z.string(),
      serviceName: z.string(),
      references: rotationConsumerSchema.shape.references,
      order: z.enum(['stop-first', 'start-first']),
      state: z.enum(serviceRotationStates)
    })
  ),
  /** `said`/`taskErrorSaid`: the same sentences as phrases (convergence.*); absent in journals written before them */
  /** the before-exec step: its service, command, and whether the command ran (absent in older journals) */
  beforeExec: z
    .object({ serviceId: z.string(), serviceName: z.string(), command: z.array(z.string()), target: z.string(), ran: z.boolean() })
    .nullable()
    .default(null),
  log: z.array(z.object({ at: z.string(), kind: z.enum(rotationStepKinds), subject: z.string(), state: z.enum(['started', 'done', 'failed']), message: z.string(), said: phraseSchema.optional() })),
  failure: z.object({ service: z.string().nullable(), message: z.string(), said: phraseSchema.optional(), taskError: z.string().nullable(), taskErrorSaid: phraseSchema.nullable().optional() }).nullable()
})
export type RotationRecord = z.infer<typeof rotationRecordSchema>

export const rotationResultSchema = z.object({
  rotationId: z.string(),
  outcome: z.enum(['completed', 'rolled-back', 'failed']),
  kind: storedKindSchema,
  old: z.object({ id: z.string(), name: z.string(), removed: z.boolean() }),
  new: z.object({ id: z.string().nullable(), name: z.string(), removed: z.boolean() }),
  /** what went wrong (rolled-back or failed), naming the service and the task's error */
  failure: rotationRecordSchema.shape.failure,
  /** what was left alone and why (a service removed meanwhile, an old version still used elsewhere) */
  notes: z.array(wordedSchema),
  record: rotationRecordSchema,
  cli: z.array(z.string())
})
export type RotationResult = z.infer<typeof rotationResultSchema>

export const rotationProgressSchema = z.object({
  requestId: z.string().nullable(),
  rotationId: z.string(),
  kind: z.enum(rotationStepKinds),
  subject: z.string(),
  state: z.enum(['started', 'done', 'failed', 'waiting']),
  /** convergence detail while waiting (`2/3 running`), or the error */
  message: z.string(),
  /** `message` as a phrase (convergence.*); null when there is none (started, done) */
  said: phraseSchema.nullable()
})
export type RotationProgress = z.infer<typeof rotationProgressSchema>

const clusterRef = z.object({ clusterId: z.string().min(1) })
const objectRef = clusterRef.extend({ kind: storedKindSchema, objectId: z.string().min(1, 'choose a secret or config') })
const requestId = z.string().min(1).max(100).optional()

export const secretProcedures = {
  /** Secrets or configs from the live mirror, each with the services using it (target, uid, gid, mode). */
  'secrets.list': { input: clusterRef.extend({ kind: storedKindSchema }), output: z.array(storedObjectSchema) },
  /** A config's data as text (configs are not secret; secrets have no equivalent). */
  'secrets.configContent': { input: clusterRef.extend({ configId: z.string().min(1) }), output: configContentSchema },
  /** `docker secret create NAME -`: the value passes through main once and is never kept. */
  'secrets.create': {
    input: clusterRef.extend({
      kind: storedKindSchema,
      name: objectNameSchema,
      labels: z.record(z.string(), z.string()).default({}),
      value: valueSourceSchema
    }),
    output: z.object({ id: z.string(), name: z.string(), cli: z.string() })
  },
  /** `docker secret rm`: refused (IN_USE, naming the services) while any service uses it. */
  'secrets.remove': { input: objectRef, output: z.object({ removed: z.boolean(), name: z.string(), cli: z.string() }) },
  /** What a rotation would do; never changes the cluster. The value is optional here (identity/size checks when given). */
  'secrets.planRotation': {
    input: objectRef.extend(rotationOptionsSchema.shape).extend({ value: valueSourceSchema.optional() }),
    output: rotationPlanSchema
  },
  /**
   * Plan again, refuse on any refusal or when expectFingerprint differs (STALE_PLAN), then rotate:
   * progress is pushed as `secrets.progress`; a failed rollout is rolled back (outcome `rolled-back`).
   */
  'secrets.rotate': {
    input: objectRef
      .extend(rotationOptionsSchema.shape)
      .extend({ value: valueSourceSchema, expectFingerprint: z.string().optional(), requestId }),
    output: rotationResultSchema
  },
  /** Journals of this swarm's rotations, newest first; `interrupted` ones need resume or rollback. */
  'secrets.rotations': {
    input: clusterRef.extend({ onlyUnfinished: z.boolean().default(true) }),
    output: z.array(rotationRecordSchema)
  },
  /** Finish an interrupted rotation. The value is needed only if it stopped before the new version existed (VALUE_REQUIRED). */
  'secrets.resumeRotation': {
    input: clusterRef.extend({ rotationId: z.string().min(1), value: valueSourceSchema.optional(), requestId }),
    output: rotationResultSchema
  },
  /** Undo an interrupted rotation: every consumer back on the old version, the new version removed (unless keepNew). */
  'secrets.rollbackRotation': {
    input: clusterRef.extend({ rotationId: z.string().min(1), keepNew: z.boolean().default(false), requestId }),
    output: rotationResultSchema
  }
} as const

export const secretEvents = {
  /** One step of a rotation (or resume/rollback) started, finished, failed, or is waiting for convergence. */
  'secrets.progress': rotationProgressSchema
} as const

// ---------------------------------------------------------------- pure helpers (main and renderer)

export { consumersOf, formatMode } from './secret-rows'

/** The part of a name before a trailing `_v<N>` (the version suffix rotations add). */
export function versionBaseOf(name: string): { base: string; version: number | null } {
  const match = /^(.*)_v(\d+)$/.exec(name)
  if (!match || match[1] === '') return { base: name, version: null }
  return { base: match[1], version: Number(match[2]) }
}

/**
 * The default name of the next version: `<base>_v<N>` with `<base>` the name without its
 * `_v<N>` suffix and N the first free number after the current one (2 for an unversioned name).
 * Null when even the shortest candidate is longer than the engine allows.
 */
export function nextVersionName(name: string, existing: Iterable<string>): string | null {
  const taken = new Set(existing)
  const { base, version } = versionBaseOf(name)
  for (let n = (version ?? 1) + 1; ; n++) {
    const candidate = `${base}_v${n}`
    if (candidate.length > OBJECT_NAME_MAX) return null
    if (!taken.has(candidate)) return candidate
  }
}
