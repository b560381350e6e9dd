import { z } from 'zod'
import { phraseSchema } from './phrase'
import { nodeRouteSchema } from './node-access'

/**
 * Connection profiles. A profile names one cluster and lists one or more ways to reach its
 * managers ("endpoints"); when the endpoint in use stops answering, the session moves to the next
 * reachable one. Profiles are persisted without any secret: a key passphrase lives only in the
 * platform's safeStorage (Electron) and is never sent back to the renderer.
 */

const nonEmpty = z.string().trim().min(1)

export const socketEndpointSchema = z.object({
  kind: z.literal('socket'),
  /** Absolute path of the engine's unix socket, like /var/run/docker.sock. */
  socketPath: z.string().trim().regex(/^\//, 'must be an absolute path starting with /')
})

export const dockerHostEndpointSchema = z.object({
  kind: z.literal('docker-host'),
  /** A DOCKER_HOST value: unix:///path, tcp://host:port or ssh://user@host[:port]. */
  dockerHost: z
    .string()
    .trim()
    .regex(/^(unix|tcp|ssh):\/\/.+/, 'must start with unix://, tcp:// or ssh://')
})

export const contextEndpointSchema = z.object({
  kind: z.literal('context'),
  /** The name of a docker CLI context (docker context ls). */
  contextName: nonEmpty
})

export const sshEndpointSchema = z.object({
  kind: z.literal('ssh'),
  /** Host name, IP address or a Host alias from ~/.ssh/config. */
  host: nonEmpty.regex(/^[^\s@/]+$/, 'must be a host name, address or ~/.ssh/config alias, without user@ or spaces'),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().trim().regex(/^[a-z_][a-z0-9_.-]*$/i, 'must be a user name like root or deploy').optional(),
  /** Private key file; when absent, the ssh-agent (SSH_AUTH_SOCK) and ~/.ssh/config IdentityFile are used. */
  identityFile: z.string().trim().min(1).optional(),
  useAgent: z.boolean().default(true),
  /** The engine's socket on the remote host. */
  remoteSocket: z.string().trim().regex(/^\//, 'must be an absolute path starting with /').default('/var/run/docker.sock'),
  /** Whether a passphrase is stored for this key (the value itself never leaves main). */
  hasPassphrase: z.boolean().default(false)
})

export const endpointSchema = z.discriminatedUnion('kind', [
  socketEndpointSchema,
  dockerHostEndpointSchema,
  contextEndpointSchema,
  sshEndpointSchema
])
export type Endpoint = z.infer<typeof endpointSchema>
export type SshEndpoint = z.infer<typeof sshEndpointSchema>

/** The profile id main understands as "the engine the docker CLI would use" (DOCKER_HOST or the current context). */
export const DEFAULT_PROFILE_ID = 'default'

export const profileSchema = z.object({
  id: z.string(),
  name: nonEmpty.max(80),
  endpoints: z.array(endpointSchema).min(1, 'a connection needs at least one manager endpoint').max(16),
  /** How to reach each node over SSH, by hostname, where the user chose (node access); guessed otherwise. */
  nodeRoutes: z.record(z.string(), nodeRouteSchema).optional(),
  createdAt: z.string()
})
export type ConnectionProfile = z.infer<typeof profileSchema>

export const profileDraftSchema = z.object({
  /** Present to edit an existing profile, absent to create one. */
  id: z.string().optional(),
  name: nonEmpty.max(80),
  endpoints: z.array(endpointSchema).min(1, 'a connection needs at least one manager endpoint').max(16),
  /**
   * Passphrase for the SSH key of endpoint i (index as string). Only accepted on input; stored with
   * safeStorage when available, otherwise kept in memory for this run only.
   */
  passphrases: z.record(z.string(), z.string().max(1024)).optional()
})
export type ProfileDraft = z.infer<typeof profileDraftSchema>

export const dockerContextSchema = z.object({
  name: z.string(),
  description: z.string(),
  dockerHost: z.string(),
  current: z.boolean()
})
export type DockerContext = z.infer<typeof dockerContextSchema>

export const sshHostAliasSchema = z.object({
  alias: z.string(),
  hostName: z.string().nullable(),
  user: z.string().nullable(),
  port: z.number().int().nullable(),
  identityFile: z.string().nullable()
})
export type SshHostAlias = z.infer<typeof sshHostAliasSchema>

export const discoverySchema = z.object({
  /** What the docker CLI would use now, and why (DOCKER_HOST, context or default socket). */
  defaultEngine: z.object({
    source: z.enum(['DOCKER_HOST', 'context', 'default-socket']),
    dockerHost: z.string(),
    contextName: z.string().nullable()
  }),
  contexts: z.array(dockerContextSchema),
  sshHosts: z.array(sshHostAliasSchema),
  /** Problems met while reading ~/.docker or ~/.ssh/config, shown but not fatal. */
  warnings: z.array(z.string())
})
export type Discovery = z.infer<typeof discoverySchema>

/** Freelens' lesson: the cluster's state is separate from the connection object that changes it. */
export const clusterPhaseSchema = z.enum([
  'connecting',
  'ready', // connected to a manager, mirror live
  'no-swarm', // engine reachable, not part of a swarm (offer init)
  'not-manager', // engine is a worker: it cannot answer swarm queries
  'reconnecting', // the stream dropped; retrying with backoff, trying other managers
  'failed', // every endpoint failed; error says why
  'closed'
])
export type ClusterPhase = z.infer<typeof clusterPhaseSchema>

export const clusterStateSchema = z.object({
  clusterId: z.string(),
  profileId: z.string(),
  name: z.string(),
  phase: clusterPhaseSchema,
  /** Human description of the endpoint in use, e.g. `ssh root@10.77.0.11:22` or `unix:///var/run/docker.sock`. */
  endpoint: z.string().nullable(),
  endpointIndex: z.number().int().nullable(),
  /** `said`: our own explanation as a phrase, absent when the message is the engine's or the system's words. */
  error: z.object({ code: z.string(), message: z.string(), said: phraseSchema.optional() }).nullable(),
  /** A short notice such as "manager1 stopped answering; switched to manager2" (English, for logs and the CLI). */
  notice: z.string().nullable(),
  /** The same notice as a phrase, for the app. */
  noticeSaid: phraseSchema.nullable(),
  since: z.string()
})
export type ClusterState = z.infer<typeof clusterStateSchema>

/** How an endpoint reads for humans and in messages, as a docker CLI user would write its address. */
export function describeEndpoint(endpoint: Endpoint): string {
  switch (endpoint.kind) {
    case 'socket':
      return `unix://${endpoint.socketPath}`
    case 'docker-host':
      return endpoint.dockerHost
    case 'context':
      return `context ${endpoint.contextName}`
    case 'ssh': {
      const user = endpoint.user ? `${endpoint.user}@` : ''
      const port = endpoint.port ? `:${endpoint.port}` : ''
      return `ssh://${user}${endpoint.host}${port}`
    }
  }
}
