import { z } from 'zod'
import {
  clusterStateSchema,
  discoverySchema,
  profileDraftSchema,
  profileSchema
} from './connections'
import { deltaSchema, nodeSchema, snapshotSchema } from './domain'
import { hostKeyDetailsSchema, rpcErrorSchema } from './errors'
import { phraseSchema } from './phrase'
import { nodeRefusalSchema, nodeWarningSchema } from './node-guard-notices'
import {
  deployedRecordSchema,
  deployResultSchema,
  driftResultSchema,
  removeResultSchema,
  stackNameSchema,
  stackPlanOptionsSchema,
  stackPlanSchema,
  stackProgressSchema,
  stackSourceSchema,
  openedComposeFileSchema,
  stackSummarySchema
} from './stacks'
import { forwardsEvents, forwardsProcedures } from './forwards'
import { logsEvents, logsProcedures } from './logs'
import { metricsEvents, metricsProcedures } from './metrics'
import { nodeAccessEvents, nodeAccessProcedures } from './node-access'
import { networkProcedures } from './networks'
import { secretEvents, secretProcedures } from './secrets'
import { securityProcedures } from './security'
import { serviceProcedures } from './services'
import { wordedSchema } from './phrase'
import { placementChangeSchema, placementDraftSchema, placementMatrixSchema, placementPlanSchema } from './placement'

/**
 * The one contract between the renderer (or the CLI, or a test) and the main-process services.
 * Every procedure has an input and an output schema; every pushed event has a payload schema.
 * Both transports (Electron IPC and the loopback WebSocket) carry exactly these, and the single
 * dispatcher in main validates every input against them before any service sees it.
 *
 * To add a procedure: add it here, implement it in the domain service, wire it in
 * src/main/composition.ts. The typed client in the renderer picks it up by name.
 */

const clusterRef = z.object({ clusterId: z.string().min(1) })

export const nodeChangeSchema = z.union([
  z.object({ availability: z.enum(['active', 'pause', 'drain']) }).strict(),
  z.object({ role: z.enum(['manager', 'worker']) }).strict()
])

export const labelResultSchema = z.object({
  nodeId: z.string(),
  hostname: z.string(),
  ok: z.boolean(),
  /** False when the node already had exactly these labels. */
  changed: z.boolean(),
  /** More than 1 when a concurrent update forced a re-read and re-apply. */
  attempts: z.number().int(),
  /** `said`: our own explanation as a phrase, when the message is not the engine's words. */
  error: z.object({ code: z.string(), message: z.string(), said: phraseSchema.optional() }).nullable(),
  cli: z.string()
})
const empty = z.object({}).strict()

export const procedures = {
  'app.info': {
    input: empty,
    output: z.object({
      version: z.string(),
      transport: z.enum(['ipc', 'ws', 'direct']),
      platform: z.string(),
      /** Whether passphrases can be stored (Electron safeStorage backed by a real keychain). */
      canStoreSecrets: z.boolean(),
      /** Why not: no encryption, Linux's basic_text fallback (no keyring), or not the desktop app. */
      secretStorageGap: z.enum(['no-encryption', 'basic-text', 'no-electron']).nullable().optional(),
      dataDir: z.string(),
      /** The OS's preferred languages (desktop app only; a browser knows its user's own). */
      systemLanguages: z.array(z.string()).optional()
    })
  },

  'connections.discover': { input: empty, output: discoverySchema },
  'connections.list': { input: empty, output: z.array(profileSchema) },
  'connections.save': { input: profileDraftSchema, output: profileSchema },
  'connections.remove': { input: z.object({ id: z.string().min(1) }), output: z.object({ removed: z.boolean() }) },
  'connections.acceptHostKey': {
    input: hostKeyDetailsSchema.pick({ host: true, port: true, keyType: true, publicKey: true, fingerprint: true }),
    output: z.object({ stored: z.boolean() })
  },

  'clusters.list': { input: empty, output: z.array(clusterStateSchema) },
  /** Open a saved profile, or the engine the docker CLI would use when profileId is "default". */
  'clusters.open': { input: z.object({ profileId: z.string().min(1) }), output: clusterStateSchema },
  'clusters.close': { input: clusterRef, output: z.object({ closed: z.boolean() }) },
  /**
   * The cluster's model. By default once its tasks are read; with `tasksLater` at once, perhaps
   * without them (`tasksLoaded` false; they follow as a `tasks` delta): the app paints from it.
   */
  'clusters.snapshot': { input: clusterRef.extend({ tasksLater: z.boolean().optional() }), output: snapshotSchema },

  'swarm.init': {
    input: clusterRef.extend({
      advertiseAddr: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9.:[\]%-]+$/, 'must be an IP address, an interface name or address:port'),
      listenAddr: z.string().trim().optional()
    }),
    output: z.object({ nodeId: z.string() })
  },
  'swarm.joinCommands': {
    input: clusterRef,
    output: z.object({ worker: z.string(), manager: z.string() })
  },
  'swarm.leave': { input: clusterRef.extend({ force: z.boolean().default(false) }), output: z.object({ left: z.boolean() }) },

  /** Add and remove labels on one or many nodes; each node is re-read and retried on a concurrent change. */
  'nodes.updateLabels': {
    input: clusterRef.extend({
      nodeIds: z.array(z.string().min(1)).min(1, 'select at least one node').max(1000),
      add: z.record(z.string(), z.string()).default({}),
      remove: z.array(z.string()).default([])
    }),
    output: z.object({ results: z.array(labelResultSchema) })
  },
  /** What an availability or role change would do (quorum, even managers), before it is made. */
  'nodes.checkChange': {
    input: clusterRef.extend({ nodeId: z.string().min(1), change: nodeChangeSchema }),
    output: z.object({ refusal: nodeRefusalSchema.nullable(), warnings: z.array(nodeWarningSchema), cli: z.string() })
  },
  'nodes.applyChange': {
    input: clusterRef.extend({
      nodeId: z.string().min(1),
      change: nodeChangeSchema,
      /** The warnings from nodes.checkChange were shown and accepted. */
      confirmedWarnings: z.boolean().default(false)
    }),
    output: z.object({ node: nodeSchema, attempts: z.number().int(), warnings: z.array(nodeWarningSchema), cli: z.string() })
  },

  /** Stacks as `docker stack ls` finds them (CLI-made ones included), with their networks, secrets and configs. */
  'stacks.list': { input: clusterRef, output: z.array(stackSummarySchema) },
  /** Compose files vs the live stack: ordered operations, a diff per service, blocking problems. Never changes the cluster. */
  'stacks.plan': {
    input: clusterRef.extend({ stack: stackNameSchema, source: stackSourceSchema }).extend(stackPlanOptionsSchema.shape),
    output: stackPlanSchema
  },
  /** One compose file from disk (absolute path, regular file, at most 1 MiB) for the editor. Reads only. */
  'stacks.readFile': { input: z.object({ path: z.string().min(1).max(4096) }), output: openedComposeFileSchema },
  /** Plan, then apply only when nothing blocks; progress is pushed as `stacks.progress`. */
  'stacks.deploy': {
    input: clusterRef
      .extend({ stack: stackNameSchema, source: stackSourceSchema })
      .extend(stackPlanOptionsSchema.shape)
      .extend({
        /** wait for every service to converge (`--detach=false`) */
        wait: z.boolean().default(false),
        waitTimeoutSeconds: z.number().int().min(1).max(3600).default(300),
        /** echoed in every `stacks.progress` event of this deploy */
        requestId: z.string().min(1).max(100).optional(),
        /**
         * the fingerprint of the plan the user saw (`stacks.plan`): that plan is applied as made when
         * nothing it was made from moved; otherwise main plans again, and applies nothing if the new
         * plan is not the same (a `plan-changed` problem, with the new plan)
         */
        expectFingerprint: z.string().optional()
      }),
    output: deployResultSchema
  },
  /** `docker stack rm`: services, secrets, configs, then networks; volumes are kept. */
  /** Stops a deploy's wait for convergence (`requestId` of that deploy); what was applied stays applied. */
  'stacks.stopWaiting': {
    input: clusterRef.extend({ requestId: z.string().min(1).max(100) }),
    output: z.object({ stopped: z.boolean() })
  },
  'stacks.remove': { input: clusterRef.extend({ stack: stackNameSchema }), output: removeResultSchema },
  /** The live stack against the files SwarmDesk last deployed (or the files given). */
  'stacks.drift': {
    input: clusterRef.extend({
      stack: stackNameSchema,
      source: stackSourceSchema.optional(),
      useDotEnv: z.boolean().optional(),
      variables: z.record(z.string(), z.string()).default({})
    }),
    output: driftResultSchema
  },
  /** The files of SwarmDesk's last deploy of a stack on this swarm, or null. */
  'stacks.lastDeployed': { input: clusterRef.extend({ stack: stackNameSchema }), output: deployedRecordSchema.nullable() },

  /**
   * Where a live service or a draft can run and why not, per node, with optional hypothetical
   * changes (labels, availability, constraints). Reads the mirror only: never changes the cluster.
   */
  'placement.plan': {
    input: clusterRef.extend({
      target: z.union([z.object({ serviceId: z.string().min(1) }).strict(), z.object({ draft: placementDraftSchema }).strict()]),
      changes: z.array(placementChangeSchema).max(200).default([])
    }),
    output: z.object({ plan: placementPlanSchema, before: placementPlanSchema.nullable(), errors: z.array(wordedSchema) })
  },
  /** Every live service against every node, and what hypothetical changes would do to each. */
  'placement.matrix': {
    input: clusterRef.extend({ changes: z.array(placementChangeSchema).max(200).default([]) }),
    output: placementMatrixSchema
  },
  ...logsProcedures,
  ...metricsProcedures,
  ...nodeAccessProcedures,
  ...forwardsProcedures,
  ...networkProcedures,
  ...secretProcedures,
  ...securityProcedures,
  ...serviceProcedures
} as const

export const events = {
  /** A cluster changed phase, endpoint or notice. */
  'cluster.state': clusterStateSchema,
  /** A batch of mirror deltas (at most one batch per ~100 ms per cluster). */
  'mirror.deltas': z.object({ clusterId: z.string(), fromSeq: z.number().int(), toSeq: z.number().int(), deltas: z.array(deltaSchema) }),
  /** The mirror reloaded from a fresh snapshot (after a dropped stream or a failover): replace, don't merge. */
  'mirror.reset': z.object({ clusterId: z.string(), snapshot: snapshotSchema }),
  /** One operation of a stack deploy started, finished or failed (and convergence while waiting). */
  'stacks.progress': stackProgressSchema,
  ...logsEvents,
  ...metricsEvents,
  ...nodeAccessEvents,
  ...forwardsEvents,
  ...secretEvents
} as const

export type Procedures = typeof procedures
export type ProcedureName = keyof Procedures
export type ProcedureInput<N extends ProcedureName> = z.input<Procedures[N]['input']>
export type ProcedureParsedInput<N extends ProcedureName> = z.output<Procedures[N]['input']>
export type ProcedureOutput<N extends ProcedureName> = z.output<Procedures[N]['output']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>

export function isProcedureName(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(procedures, name)
}
export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name)
}

/** What travels back for every call, on every transport: errors are data, rebuilt on the other side. */
export const rpcResultSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: rpcErrorSchema })
])
export type RpcResult = z.infer<typeof rpcResultSchema>

/** WebSocket envelopes (client -> server and server -> client). */
export const wsClientMessageSchema = z.object({
  t: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  input: z.unknown()
})
export type WsClientMessage = z.infer<typeof wsClientMessageSchema>

export type WsServerMessage =
  | { t: 'result'; id: number; response: RpcResult }
  | { t: 'event'; name: EventName; payload: unknown }

/** The single object the preload exposes (window.swarmdesk) and the WebSocket client imitates. */
export interface Bridge {
  invoke(name: string, input: unknown): Promise<RpcResult>
  subscribe(listener: (name: string, payload: unknown) => void): () => void
}
