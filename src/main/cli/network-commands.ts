import type { Network } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { servicesOnNetwork, volumesAcrossCluster, type ClusterVolume } from '../../shared/network-usage'
import type { NetworkDraft, NetworkProblem } from '../../shared/networks'
import { lineSentence, networkProblemPhrase } from '../../shared/network-problem-phrases'
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/contract'
import type { Service, SwarmNode } from '../../shared/domain'
import { nodeRefusalPhrase, nodeWarningPhrase } from '../../shared/node-guard-phrases'
import { english } from '../i18n/english'
import { formatTable } from './table'

/**
 * `swarmdesk network ls|create|rm` and `swarmdesk node promote|demote|update --availability`:
 * the same plans as the app (problems and guard verdicts are codes; worded here in English).
 */

export interface NetworkFlags {
  attachable?: boolean
  internal?: boolean
  encrypted?: boolean
  subnet?: string
  gateway?: string
  label?: string[]
  availability?: string
  yes?: boolean
}

export class NetworkUsageError extends Error {}

interface CliContext {
  json: boolean
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>>
  clusterId(): Promise<string>
  out(text: string): void
  err(text: string): void
}

/** A plan problem in English, as a line of the CLI says it (the app says the same phrase as a sentence). Pure. */
export function networkProblemText(problem: NetworkProblem): string {
  return english(lineSentence(networkProblemPhrase(problem)))
}

/** `docker network ls` columns plus subnets and the services attached. Pure. */
export function networkTable(networks: readonly Network[], services: readonly Service[]): string {
  const rows = [...networks]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((n) => [n.id.slice(0, 12), n.name, n.driver, n.scope, n.subnets.join(',') || '-', servicesOnNetwork(n, services).map((s) => s.name).join(',') || '-'])
  return formatTable(['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE', 'SUBNETS', 'SERVICES'], rows)
}

export function draftFromFlags(name: string, flags: NetworkFlags): NetworkDraft {
  return {
    name,
    attachable: flags.attachable ?? false,
    internal: flags.internal ?? false,
    encrypted: flags.encrypted ?? false,
    subnet: flags.subnet ?? '',
    gateway: flags.gateway ?? '',
    labels: (flags.label ?? []).map((label) => {
      const at = label.indexOf('=')
      return at === -1 ? { key: label, value: '' } : { key: label.slice(0, at), value: label.slice(at + 1) }
    })
  }
}

function findNetwork(networks: readonly Network[], ref: string): Network {
  const found = networks.find((n) => n.id === ref) ?? networks.find((n) => n.name === ref) ?? (ref.length >= 3 ? networks.find((n) => n.id.startsWith(ref)) : undefined)
  if (!found) throw new AppError('NOT_FOUND', `no swarm network "${ref}" (swarmdesk network ls lists them)`)
  return found
}

export async function networkCommand(ctx: CliContext, args: string[], flags: NetworkFlags): Promise<void> {
  const [command, ...rest] = args
  const clusterId = await ctx.clusterId()
  if (command === 'ls') {
    const snapshot = await ctx.call('clusters.snapshot', { clusterId })
    if (ctx.json) ctx.out(JSON.stringify(snapshot.networks.map((n) => ({ ...n, services: servicesOnNetwork(n, snapshot.services) })), null, 2) + '\n')
    else ctx.out(networkTable(snapshot.networks, snapshot.services))
    return
  }
  if (command === 'create') {
    if (rest.length !== 1) throw new NetworkUsageError('usage: swarmdesk network create [OPTIONS] NAME')
    const draft = draftFromFlags(rest[0], flags)
    const plan = await ctx.call('networks.plan', { clusterId, draft })
    ctx.err(`${plan.cli}\n`)
    for (const problem of plan.problems) ctx.err(`${problem.severity}: ${problem.field}: ${networkProblemText(problem)}\n`)
    if (!plan.ok) throw new AppError('INVALID_INPUT', 'the network was not created (see above); nothing was changed')
    const { network } = await ctx.call('networks.create', { clusterId, draft })
    ctx.out(ctx.json ? JSON.stringify(network, null, 2) + '\n' : `${network.id}\n`)
    return
  }
  if (command === 'rm') {
    if (rest.length !== 1) throw new NetworkUsageError('usage: swarmdesk network rm NETWORK')
    const network = findNetwork((await ctx.call('clusters.snapshot', { clusterId, tasksLater: true })).networks, rest[0])
    const plan = await ctx.call('networks.planRemove', { clusterId, networkId: network.id })
    ctx.err(`${plan.cli}\n`)
    if (plan.blocked) throw new AppError('IN_USE', `${network.name} is used by ${plan.services.map((s) => s.name).join(', ')}; nothing was changed`)
    const result = await ctx.call('networks.remove', { clusterId, networkId: network.id })
    ctx.out(ctx.json ? JSON.stringify(result, null, 2) + '\n' : `${result.removed}\n`)
    return
  }
  throw new NetworkUsageError(`unknown network command "${command ?? ''}"`)
}

/** One row per volume and node where its tasks run (a volume with no running task: node `-`). Pure. */
export function clusterVolumeTable(volumes: readonly ClusterVolume[]): string {
  const rows = volumes.flatMap((v) =>
    v.nodes.length ? v.nodes.map((n) => [v.name, v.driver, n.hostname, n.services.join(',')]) : [[v.name, v.driver, '-', v.services.join(',')]]
  )
  return formatTable(['VOLUME', 'DRIVER', 'NODE', 'SERVICES'], rows)
}

/** `swarmdesk volume ls`: where services' named volumes live, then what the connected engine holds. */
export async function volumeCommand(ctx: CliContext, args: string[]): Promise<void> {
  if (args[0] !== 'ls' || args.length !== 1) throw new NetworkUsageError('usage: swarmdesk volume ls')
  const clusterId = await ctx.clusterId()
  const snapshot = await ctx.call('clusters.snapshot', { clusterId })
  const cluster = volumesAcrossCluster(snapshot.services, snapshot.tasks, snapshot.nodes)
  const local = await ctx.call('networks.volumes', { clusterId })
  if (ctx.json) {
    ctx.out(JSON.stringify({ cluster, engine: { node: local.node, volumes: local.volumes } }, null, 2) + '\n')
    return
  }
  ctx.out(clusterVolumeTable(cluster))
  ctx.out(`\nOn ${local.node.hostname} (the engine SwarmDesk is connected to; other nodes: run docker volume ls there):\n`)
  ctx.out(formatTable(['DRIVER', 'VOLUME NAME'], local.volumes.map((v) => [v.driver, v.name])))
}

const availabilities = ['active', 'pause', 'drain'] as const

/** `node promote|demote NODE`, `node update --availability MODE NODE`: the app's guard, in English. */
export async function nodeChangeCommand(ctx: CliContext, args: string[], flags: NetworkFlags, resolve: (nodes: SwarmNode[], ref: string) => SwarmNode | null): Promise<void> {
  const [command, ref, ...extra] = args
  if (!ref || extra.length) throw new NetworkUsageError(`usage: swarmdesk node ${command} ${command === 'update' ? '--availability MODE ' : ''}NODE`)
  let change: ProcedureInput<'nodes.checkChange'>['change']
  if (command === 'promote') change = { role: 'manager' }
  else if (command === 'demote') change = { role: 'worker' }
  else {
    const mode = availabilities.find((a) => a === flags.availability)
    if (!mode) throw new NetworkUsageError('node update needs --availability active, pause or drain')
    change = { availability: mode }
  }
  const clusterId = await ctx.clusterId()
  const node = resolve((await ctx.call('clusters.snapshot', { clusterId, tasksLater: true })).nodes, ref)
  if (!node) throw new AppError('NOT_FOUND', `no node "${ref}" in this swarm (swarmdesk node ls lists them)`)
  const check = await ctx.call('nodes.checkChange', { clusterId, nodeId: node.id, change })
  ctx.err(`${check.cli}\n`)
  if (check.refusal) throw new AppError('CONFLICT', `${english(nodeRefusalPhrase(check.refusal))}; nothing was changed`)
  for (const warning of check.warnings) ctx.err(`warning: ${english(nodeWarningPhrase(warning))}\n`)
  if (check.warnings.length && !flags.yes) throw new AppError('CONFLICT', 'confirmation needed: read the warnings above and run again with --yes; nothing was changed')
  const result = await ctx.call('nodes.applyChange', { clusterId, nodeId: node.id, change, confirmedWarnings: check.warnings.length > 0 })
  ctx.out(ctx.json ? JSON.stringify(result.node, null, 2) + '\n' : `${result.node.hostname}: ${'role' in change ? result.node.role : result.node.availability}\n`)
}
