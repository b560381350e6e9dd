import { z } from 'zod'
import { networkSchema } from './domain'
import { shellQuote } from './docker-cli'

/**
 * Overlay networks and volumes across the process boundary. Networks: the create form (a draft),
 * the plan main makes of it before anything is sent (problems as codes with parameters, worded
 * by the renderer's i18n, and the `docker network create` line), create, and a remove that is
 * planned first (the services that still use the network). Volumes: Swarm has no cluster-wide
 * volume API, so `networks.volumes` lists what the connected engine has (`docker volume ls` on
 * that one node); where named volumes live across the cluster is derived from the mirror in
 * src/shared/network-usage.ts.
 */

const clusterRef = z.object({ clusterId: z.string().min(1) })

export const networkDraftSchema = z.object({
  name: z.string().max(300),
  attachable: z.boolean(),
  internal: z.boolean(),
  /** Overlay option `encrypted`: IPsec between nodes for this network's traffic. */
  encrypted: z.boolean(),
  /** IPv4 CIDR; empty: the swarm picks one from its default address pool. */
  subnet: z.string().max(100),
  /** IPv4 address inside the subnet; empty: the subnet's first address. */
  gateway: z.string().max(100),
  labels: z.array(z.object({ key: z.string().max(1000), value: z.string().max(10_000) })).max(200)
})
export type NetworkDraft = z.infer<typeof networkDraftSchema>

export const networkProblemCodes = [
  'name-required',
  'name-invalid',
  'name-too-long',
  'name-taken',
  'subnet-invalid',
  'subnet-host-bits',
  'subnet-overlap',
  'subnet-small',
  'gateway-invalid',
  'gateway-needs-subnet',
  'gateway-outside-subnet',
  'gateway-reserved',
  'label-key-empty',
  'label-key-invalid',
  'label-key-duplicate'
] as const
export type NetworkProblemCode = (typeof networkProblemCodes)[number]

export const networkProblemSchema = z.object({
  field: z.enum(['name', 'subnet', 'gateway', 'labels']),
  code: z.enum(networkProblemCodes),
  /** error: the create is refused; warning: allowed, but probably not what was meant. */
  severity: z.enum(['error', 'warning']),
  /** For labels: the row. */
  index: z.number().int().optional(),
  /** The values the sentence names (the network in the way, the corrected subnet, a limit…). */
  params: z.record(z.string(), z.union([z.string(), z.number()]))
})
export type NetworkProblem = z.infer<typeof networkProblemSchema>

export const networkPlanSchema = z.object({
  problems: z.array(networkProblemSchema),
  /** No error: create would send exactly this. */
  ok: z.boolean(),
  cli: z.string()
})
export type NetworkPlan = z.infer<typeof networkPlanSchema>

export const networkUserSchema = z.object({ id: z.string(), name: z.string() })

export const networkRemovalPlanSchema = z.object({
  network: z.object({ id: z.string(), name: z.string() }),
  /** Services whose spec attaches them (or, for ingress, that publish ports through it). */
  services: z.array(networkUserSchema),
  /** Why it cannot be removed now; null when it can. */
  blocked: z.enum(['in-use']).nullable(),
  cli: z.string()
})
export type NetworkRemovalPlan = z.infer<typeof networkRemovalPlanSchema>

export const engineVolumeSchema = z.object({
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  mountpoint: z.string(),
  labels: z.record(z.string(), z.string()),
  createdAt: z.string(),
  /** `com.docker.stack.namespace` when a stack's service created it. */
  stack: z.string().nullable()
})
export type EngineVolume = z.infer<typeof engineVolumeSchema>

export const networkProcedures = {
  /** Plan a new overlay network: specific problems, and the `docker network create` line. Changes nothing. */
  'networks.plan': {
    input: clusterRef.extend({ draft: networkDraftSchema }),
    output: networkPlanSchema
  },
  /** Re-plans, then creates only when the plan has no error (INVALID_INPUT with the problems otherwise). */
  'networks.create': {
    input: clusterRef.extend({ draft: networkDraftSchema }),
    output: z.object({ network: networkSchema, cli: z.string() })
  },
  /** What removing would do: refused while a service uses it (their names), and the `docker network rm` line. */
  'networks.planRemove': {
    input: clusterRef.extend({ networkId: z.string().min(1) }),
    output: networkRemovalPlanSchema
  },
  /** `docker network rm`, refused (IN_USE, naming the services) while a service uses it. */
  'networks.remove': {
    input: clusterRef.extend({ networkId: z.string().min(1) }),
    output: z.object({ removed: z.string(), cli: z.string() })
  },
  /** `docker volume ls` on the engine SwarmDesk is connected to (only that node: Swarm has no cluster-wide volume API). */
  'networks.volumes': {
    input: clusterRef,
    output: z.object({
      node: z.object({ id: z.string(), hostname: z.string() }),
      volumes: z.array(engineVolumeSchema),
      cli: z.string()
    })
  }
} as const

/** `docker network create --driver overlay …` for a draft, flags in the order `docker network create --help` lists them. */
export function networkCreateCli(draft: NetworkDraft): string {
  const words = ['docker', 'network', 'create', '--driver', 'overlay']
  if (draft.attachable) words.push('--attachable')
  if (draft.internal) words.push('--internal')
  for (const { key, value } of draft.labels) if (key.trim()) words.push('--label', shellQuote(`${key.trim()}=${value}`))
  if (draft.encrypted) words.push('--opt', 'encrypted')
  if (draft.subnet.trim()) words.push('--subnet', shellQuote(draft.subnet.trim()))
  if (draft.gateway.trim()) words.push('--gateway', shellQuote(draft.gateway.trim()))
  words.push(shellQuote(draft.name.trim() || 'NAME'))
  return words.join(' ')
}

export function networkRemoveCli(name: string): string {
  return `docker network rm ${shellQuote(name)}`
}
