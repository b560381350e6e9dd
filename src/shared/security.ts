import { z } from 'zod'
import { phraseSchema } from './phrase'

/**
 * Cluster security: join tokens, the root CA and its rotation, autolock and unlocking a locked
 * manager, the swarm's settings. Tokens, keys and unlock keys cross this contract only in the
 * answer that shows them once (a revealed join line, a new unlock key); nothing else carries them.
 */

const clusterRef = z.object({ clusterId: z.string().min(1).max(200) })
export const joinRoleSchema = z.enum(['worker', 'manager'])
export type JoinRole = z.infer<typeof joinRoleSchema>

/** The `docker swarm update` settings SwarmDesk shows and changes. */
export const swarmSettingsSchema = z.object({
  /** Orchestration.TaskHistoryRetentionLimit (`--task-history-limit`) */
  taskHistoryLimit: z.number().int().min(0).max(1_000_000).nullable(),
  /** Raft.SnapshotInterval, in log entries (`--snapshot-interval`) */
  snapshotInterval: z.number().int().min(1).max(100_000_000).nullable(),
  /** Dispatcher.HeartbeatPeriod, in seconds (`--dispatcher-heartbeat`) */
  dispatcherHeartbeatSeconds: z.number().min(1).max(86_400).nullable(),
  /** CAConfig.NodeCertExpiry, in seconds (`--cert-expiry`); swarmkit refuses less than an hour */
  certExpirySeconds: z.number().min(3600).max(100 * 365 * 86_400).nullable()
})
export type SwarmSettings = z.infer<typeof swarmSettingsSchema>

/** Why the unlock key cannot be kept in the OS keychain here (null: it can). */
export const keychainRefusalSchema = z.enum(['no-safe-storage', 'basic-text', 'unavailable']).nullable()

export const securityFactsSchema = z.object({
  swarmId: z.string(),
  /** the swarm object's version index (every update carries it) */
  version: z.number().int(),
  rootCa: z
    .object({
      /** SHA-256 of the root certificate (DER), as `openssl x509 -fingerprint -sha256` prints it */
      fingerprint: z.string(),
      subject: z.string(),
      notAfter: z.string()
    })
    .nullable(),
  rotationInProgress: z.boolean(),
  autolock: z.boolean(),
  settings: swarmSettingsSchema,
  /** host:port other nodes join through (the manager's advertise address on the swarm port) */
  joinAddress: z.string(),
  /** the join lines with the secret part of each token masked */
  maskedJoin: z.object({ worker: z.string(), manager: z.string() }),
  keychain: z.object({ refusal: keychainRefusalSchema }),
  /** an unlock key of this swarm is kept in the OS keychain */
  keptUnlockKey: z.boolean()
})
export type SecurityFacts = z.infer<typeof securityFactsSchema>

/** A manager as its own engine sees itself (GET /info on that node, over its route). */
export const managerProbeSchema = z.object({
  nodeId: z.string(),
  hostname: z.string(),
  /** `locked`: the engine runs but waits for the unlock key; `unreachable`: its engine did not answer */
  state: z.enum(['active', 'locked', 'unreachable', 'other']),
  /** what went wrong reaching it, when unreachable */
  detail: z.string().nullable()
})
export type ManagerProbe = z.infer<typeof managerProbeSchema>

const pemText = z.string().min(1).max(64 * 1024)
export const caRotationInputSchema = clusterRef.extend({
  /** a new node certificate lifetime in seconds (`--cert-expiry`), else unchanged */
  certExpirySeconds: z.number().min(3600).max(100 * 365 * 86_400).optional(),
  /** the user's own root CA (`--ca-cert`, `--ca-key`); absent: the swarm makes one */
  ca: z.object({ cert: pemText, key: pemText }).strict().optional()
})

export const caRotationNoticeSchema = z.object({ nodeId: z.string(), hostname: z.string(), said: phraseSchema, message: z.string() })

export const securityProcedures = {
  /** The security page's facts (GET /swarm with the tokens masked). A worker connection is refused: tokens are manager-only. */
  'security.facts': { input: clusterRef, output: securityFactsSchema },
  /** One role's whole `docker swarm join --token … ADDR:2377` line, shown on request. */
  'security.revealJoin': { input: clusterRef.extend({ role: joinRoleSchema }), output: z.object({ command: z.string(), cli: z.string() }) },
  /** A new join token for one role; nodes already joined keep working. */
  'security.rotateJoinToken': { input: clusterRef.extend({ role: joinRoleSchema }), output: z.object({ rotated: z.boolean(), maskedJoin: z.string(), cli: z.string() }) },
  /** `docker swarm update --task-history-limit … --cert-expiry …` (version-guarded). */
  'security.updateSettings': { input: clusterRef.extend({ settings: swarmSettingsSchema.partial() }), output: z.object({ changed: z.boolean(), cli: z.string() }) },
  /** What a root CA rotation would do, before it is made: a refusal, or warnings (nodes down), and the CLI line. */
  'security.planCaRotation': {
    input: caRotationInputSchema,
    output: z.object({
      refusal: z.object({ code: z.enum(['CA_ROTATION_IN_PROGRESS', 'INVALID_CA']), said: phraseSchema, message: z.string() }).nullable(),
      warnings: z.array(caRotationNoticeSchema),
      cli: z.string()
    })
  },
  /** Start the root CA rotation (the plan's warnings accepted); progress comes through the mirror. */
  'security.rotateCa': {
    input: caRotationInputSchema.extend({ confirmedWarnings: z.boolean().default(false) }),
    output: z.object({ started: z.boolean(), cli: z.string() })
  },
  /** Turn autolock on (the new unlock key is answered once) or off. */
  'security.setAutolock': {
    input: clusterRef.extend({ enabled: z.boolean() }),
    output: z.object({ autolock: z.boolean(), unlockKey: z.string().nullable(), cli: z.string() })
  },
  /** The current unlock key, or a new one with `rotate` (answered once, never kept unless asked). */
  'security.unlockKey': { input: clusterRef.extend({ rotate: z.boolean().default(false) }), output: z.object({ unlockKey: z.string(), cli: z.string() }) },
  /** Keep this swarm's unlock key in the OS keychain (Electron safeStorage, a real keychain only). */
  'security.keepUnlockKey': { input: clusterRef.extend({ unlockKey: z.string().min(1).max(200) }), output: z.object({ kept: z.boolean() }) },
  'security.forgetUnlockKey': { input: clusterRef, output: z.object({ forgotten: z.boolean() }) },
  /** Each manager the leader cannot reach, asked over its own route whether it is locked. */
  'security.probeManagers': { input: clusterRef, output: z.array(managerProbeSchema) },
  /** `docker swarm unlock` on a locked manager, over that manager's own connection: the kept key or the one typed. */
  'security.unlock': {
    input: clusterRef.extend({ nodeId: z.string().min(1).max(100), unlockKey: z.string().min(1).max(200).optional() }),
    output: z.object({ unlocked: z.boolean(), cli: z.string() })
  }
} as const

/** A duration as the docker CLI's flags take it (Go's time.ParseDuration): `2160h`, `90m`, `5s`. */
export function goDuration(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600}h`
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60}m`
  return `${seconds}s`
}

/** `docker swarm update …` for the settings given (only those). */
export function settingsCli(settings: Partial<SwarmSettings>): string {
  const flags: string[] = []
  if (settings.taskHistoryLimit != null) flags.push(`--task-history-limit ${settings.taskHistoryLimit}`)
  if (settings.snapshotInterval != null) flags.push(`--snapshot-interval ${settings.snapshotInterval}`)
  if (settings.dispatcherHeartbeatSeconds != null) flags.push(`--dispatcher-heartbeat ${goDuration(settings.dispatcherHeartbeatSeconds)}`)
  if (settings.certExpirySeconds != null) flags.push(`--cert-expiry ${goDuration(settings.certExpirySeconds)}`)
  return ['docker swarm update', ...flags].join(' ')
}
