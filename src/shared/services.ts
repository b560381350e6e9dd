import { z } from 'zod'
import { phraseSchema } from './phrase'
import { fieldChangeSchema } from './stacks'
import { placementPlanSchema } from './placement'
import { shellQuote } from './docker-cli'

/**
 * Day-2 service operations across the process boundary: the service draft (the create/update
 * form, in the docker CLI's own words: durations as `10s`, sizes as `512M`), the plan main makes
 * of it before anything is sent (field problems, the spec diff, the docker CLI line) and the
 * actions (scale, rollback, force update, remove). The pure draft <-> ServiceSpec model lives in
 * src/main/services/service-draft.ts.
 */

const text = (max = 1000) => z.string().max(max)

export const servicePortDraftSchema = z.object({
  target: z.number().int(),
  /** null: the engine picks one (ingress) or none (host) */
  published: z.number().int().nullable(),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
  mode: z.enum(['ingress', 'host'])
})

export const serviceMountDraftSchema = z.object({
  type: z.enum(['volume', 'bind', 'tmpfs']),
  /** volume name or host path; empty for tmpfs (and for an anonymous volume) */
  source: text(),
  target: text(),
  readOnly: z.boolean(),
  /** tmpfs only: `64M`; empty for no limit */
  tmpfsSize: text(50)
})

export const serviceFileRefDraftSchema = z.object({
  /** the secret's or config's name */
  source: text(300),
  /** file name under /run/secrets (or path for configs); empty: the source's name */
  target: text(),
  uid: text(20),
  gid: text(20),
  /** octal, as the CLI takes it: `0444` */
  mode: text(10)
})

const updatePolicyDraftSchema = z.object({
  parallelism: z.number().int(),
  delay: text(50),
  failureAction: z.enum(['pause', 'continue', 'rollback']),
  monitor: text(50),
  maxFailureRatio: z.number(),
  order: z.enum(['stop-first', 'start-first'])
})

export const serviceDraftSchema = z.object({
  name: text(200),
  image: text(500),
  mode: z.enum(['replicated', 'global']),
  replicas: z.number().int(),
  /** `KEY=VALUE` (a bare `KEY` sends it empty, like `--env KEY=`... the CLI would read it from its own environment) */
  env: z.array(text(10_000)).max(1000),
  /** service labels, `key=value` */
  labels: z.array(text(2000)).max(1000),
  ports: z.array(servicePortDraftSchema).max(200),
  networks: z.array(z.object({ name: text(300), aliases: z.array(text(300)).max(50) })).max(50),
  mounts: z.array(serviceMountDraftSchema).max(100),
  secrets: z.array(serviceFileRefDraftSchema).max(100),
  configs: z.array(serviceFileRefDraftSchema).max(100),
  constraints: z.array(text()).max(100),
  /** spread descriptors, outermost first: `node.labels.zone` */
  preferences: z.array(text(300)).max(10),
  maxReplicasPerNode: z.number().int(),
  limits: z.object({ cpus: text(50), memory: text(50) }),
  reservations: z.object({ cpus: text(50), memory: text(50) }),
  restart: z.object({ condition: z.enum(['any', 'on-failure', 'none']), delay: text(50), maxAttempts: z.number().int(), window: text(50) }),
  update: updatePolicyDraftSchema,
  rollback: updatePolicyDraftSchema,
  healthcheck: z.object({
    /** image: keep the image's HEALTHCHECK; none: disable it; command: `CMD-SHELL <command>` */
    mode: z.enum(['image', 'none', 'command']),
    command: text(5000),
    interval: text(50),
    timeout: text(50),
    startPeriod: text(50),
    retries: z.number().int()
  })
})
export type ServiceDraft = z.infer<typeof serviceDraftSchema>
export type ServiceDraftKey = keyof ServiceDraft
export type ServicePortDraft = z.infer<typeof servicePortDraftSchema>
export type ServiceMountDraft = z.infer<typeof serviceMountDraftSchema>
export type ServiceFileRefDraft = z.infer<typeof serviceFileRefDraftSchema>

/** A blank draft with the docker CLI's defaults (1 replica, parallelism 1, pause on failure, stop-first). */
export function emptyServiceDraft(): ServiceDraft {
  const policy = { parallelism: 1, delay: '', failureAction: 'pause' as const, monitor: '', maxFailureRatio: 0, order: 'stop-first' as const }
  return {
    name: '',
    image: '',
    mode: 'replicated',
    replicas: 1,
    env: [],
    labels: [],
    ports: [],
    networks: [],
    mounts: [],
    secrets: [],
    configs: [],
    constraints: [],
    preferences: [],
    maxReplicasPerNode: 0,
    limits: { cpus: '', memory: '' },
    reservations: { cpus: '', memory: '' },
    restart: { condition: 'any', delay: '', maxAttempts: 0, window: '' },
    update: { ...policy },
    rollback: { ...policy },
    healthcheck: { mode: 'image', command: '', interval: '', timeout: '', startPeriod: '', retries: 0 }
  }
}

/**
 * One problem with one field of the draft (`ports.1.published`) as a code and the values its
 * sentence needs, so each side words it in its own language: the renderer through i18n
 * (`services.issues.<code>`), main in English for the CLI and error messages
 * (src/main/services/service-issue-text.ts). Line and row numbers are 1-based, as shown.
 */
const value = text(10_000)
const issueOf = <C extends string, P extends z.ZodRawShape>(code: C, params: P) => z.object({ path: text(300), code: z.literal(code), ...params })
export const draftIssueSchema = z.discriminatedUnion('code', [
  issueOf('name-missing', {}),
  issueOf('name-invalid', { name: value }),
  issueOf('name-taken', { name: value }),
  issueOf('image-missing', {}),
  /** reason: the reference parser's own words (docker's "invalid reference format: ...") */
  issueOf('image-invalid', { image: value, reason: value }),
  issueOf('replicas-range', { min: z.number(), max: z.number() }),
  issueOf('env-format', { entry: value }),
  issueOf('env-twice', { key: value, firstLine: z.number().int() }),
  issueOf('label-format', { entry: value }),
  issueOf('target-port-range', { port: z.number() }),
  issueOf('published-port-range', { port: z.number() }),
  /** port: `8080/tcp`; firstRow: the other row publishing it */
  issueOf('port-twice', { port: value, firstRow: z.number().int() }),
  issueOf('port-taken', { port: value, service: value }),
  issueOf('network-missing', {}),
  issueOf('network-unknown', { network: value }),
  issueOf('network-ingress', { network: value }),
  issueOf('network-twice', { network: value }),
  issueOf('alias-invalid', { alias: value }),
  issueOf('mount-target-relative', { target: value }),
  issueOf('mount-target-twice', { target: value }),
  issueOf('bind-source-relative', {}),
  issueOf('volume-name-invalid', { source: value }),
  issueOf('secret-missing', {}),
  issueOf('config-missing', {}),
  issueOf('secret-unknown', { name: value }),
  issueOf('config-unknown', { name: value }),
  issueOf('secret-target-twice', { target: value }),
  issueOf('config-target-twice', { target: value }),
  issueOf('file-mode', { value }),
  issueOf('file-owner', { field: z.enum(['uid', 'gid']), value }),
  /**
   * the placement parser's own sentence (and its "did you mean" suggestion, empty when none) in
   * English, their phrases (what the form shows), and the corrected expression when it proposes one
   */
  issueOf('constraint', { message: value, suggestion: value, said: phraseSchema, suggestionSaid: phraseSchema.nullable(), fix: value.nullable() }),
  issueOf('spread-invalid', { value }),
  issueOf('max-per-node-negative', {}),
  issueOf('max-per-node-global', {}),
  issueOf('reservation-above-limit', { reservation: value, limit: value }),
  issueOf('duration', { value }),
  issueOf('duration-positive', { value }),
  issueOf('size', { value }),
  issueOf('cpus', { value }),
  issueOf('max-attempts-negative', {}),
  issueOf('parallelism-negative', {}),
  issueOf('failure-ratio', { value: z.number() }),
  issueOf('rollback-rollback', {}),
  issueOf('healthcheck-command', {}),
  issueOf('healthcheck-retries', {}),
  /** update only: what the engine refuses whatever the values */
  issueOf('mode-change', { from: z.enum(['replicated', 'global']), to: z.enum(['replicated', 'global']) }),
  issueOf('rename', { from: value, to: value })
])
export type DraftIssue = z.infer<typeof draftIssueSchema>
export type DraftIssueCode = DraftIssue['code']
type WithoutPath<T> = T extends unknown ? Omit<T, 'path'> : never
/** An issue before its field path is known (one variant per code). */
export type DraftIssueBody = WithoutPath<DraftIssue>

export const servicePlanSchema = z.object({
  /** nothing is sent while there are issues */
  ok: z.boolean(),
  issues: z.array(draftIssueSchema),
  /** the docker CLI equivalent, shell-quoted */
  cli: z.string(),
  /** update only: the spec diff against the live service (empty for a create) */
  changes: z.array(fieldChangeSchema),
  /** some change replaces the running tasks */
  restarts: z.boolean(),
  /** update only: the live version the plan was made against */
  version: z.number().int().nullable(),
  /** where the tasks could run, for the draft's placement (null when the draft cannot be planned) */
  placement: placementPlanSchema.nullable()
})
export type ServicePlan = z.infer<typeof servicePlanSchema>

/** A live service as an editable draft, with what the actions need to know. */
export const serviceEditSchema = z.object({
  serviceId: z.string(),
  version: z.number().int(),
  draft: serviceDraftSchema,
  hasPreviousSpec: z.boolean(),
  previousImage: z.string().nullable(),
  /** spec parts the form does not edit and keeps as they are (command, hostname, DNS...) */
  untouched: z.array(z.string())
})
export type ServiceEdit = z.infer<typeof serviceEditSchema>

export const serviceActionResultSchema = z.object({
  serviceId: z.string(),
  name: z.string(),
  /** false when the service was already as asked */
  changed: z.boolean(),
  /** more than 1 when a concurrent update forced a re-read and re-apply */
  attempts: z.number().int(),
  cli: z.string(),
  warnings: z.array(z.string())
})
export type ServiceActionResult = z.infer<typeof serviceActionResultSchema>

const clusterRef = z.object({ clusterId: z.string().min(1) })
const serviceRef = clusterRef.extend({ serviceId: z.string().min(1).max(300) })

export const serviceProcedures = {
  /** Validate a draft and show what it would do (create, or update of serviceId). Never changes the cluster. */
  'services.plan': {
    input: clusterRef.extend({
      draft: serviceDraftSchema,
      /** update: the service and the draft the form started from (what the user saw) */
      serviceId: z.string().min(1).optional(),
      base: serviceDraftSchema.optional()
    }),
    output: servicePlanSchema
  },
  /** A live service as a draft, for the update form. */
  'services.edit': { input: serviceRef, output: serviceEditSchema },
  /** `docker service create`: planned first; nothing is sent when the plan has issues. */
  'services.create': { input: clusterRef.extend({ draft: serviceDraftSchema }), output: serviceActionResultSchema },
  /**
   * `docker service update`: only the fields the user changed (draft vs base) are applied to the
   * service as it is now; a field someone else changed meanwhile is a conflict, never overwritten.
   */
  'services.update': {
    input: serviceRef.extend({ draft: serviceDraftSchema, base: serviceDraftSchema }),
    output: serviceActionResultSchema.extend({ changes: z.array(fieldChangeSchema) })
  },
  /** `docker service scale NAME=N` (replicated services only). */
  'services.scale': { input: serviceRef.extend({ replicas: z.number().int().min(0).max(100_000) }), output: serviceActionResultSchema },
  /** `docker service rollback`: back to the PreviousSpec (refused when there is none). */
  'services.rollback': { input: serviceRef, output: serviceActionResultSchema },
  /** `docker service update --force`: ForceUpdate + 1 replaces every task with the same spec. */
  'services.forceUpdate': { input: serviceRef, output: serviceActionResultSchema },
  /** `docker service rm`. */
  'services.remove': { input: serviceRef, output: z.object({ serviceId: z.string(), name: z.string(), cli: z.string() }) }
} as const

// ---- the docker CLI lines of the one-click actions (main and renderer show the same) ---------

export function serviceScaleCli(entries: readonly { name: string; replicas: number }[]): string {
  return ['docker', 'service', 'scale', ...entries.map((e) => shellQuote(`${e.name}=${e.replicas}`))].join(' ')
}
export function serviceRollbackCli(name: string): string {
  return `docker service rollback ${shellQuote(name)}`
}
export function serviceForceUpdateCli(name: string): string {
  return `docker service update --force ${shellQuote(name)}`
}
export function serviceRemoveCli(names: readonly string[]): string {
  return ['docker', 'service', 'rm', ...names.map(shellQuote)].join(' ')
}
