import type { Service, Snapshot, Task, SwarmNode } from '../../shared/domain'
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { ServiceDraft, ServicePortDraft } from '../../shared/services'
import type { ConvergenceGoal } from '../rollouts/convergence'
import { watchConvergence, type MirrorFeed, type WatchVerdict } from '../rollouts/convergence-watcher'
import { formatTable } from './table'
import { serviceTable } from './list-tables'

/**
 * `swarmdesk service ls | ps | scale | update | rollback | rm` in the docker CLI's argument forms
 * (`scale NAME=N`, `update NAME --image IMG --env-add K=V`). Every change waits for the service to
 * converge, like the docker CLI (`--detach` to return at once), with progress on stderr. Argument
 * parsing and the tables are pure; the convergence verdict is the shared one (rollouts/convergence.ts).
 */

export class ServiceUsageError extends Error {}

export interface ServiceFlags {
  image?: string
  force?: boolean
  detach?: boolean
  replicas?: string
  'env-add'?: string[]
  'env-rm'?: string[]
  'publish-add'?: string[]
  'publish-rm'?: string[]
  'constraint-add'?: string[]
  'constraint-rm'?: string[]
  'update-parallelism'?: string
  'update-delay'?: string
  'update-failure-action'?: string
  'update-order'?: string
  'limit-cpu'?: string
  'limit-memory'?: string
  'reserve-cpu'?: string
  'reserve-memory'?: string
  timeout?: string
}

// ---- pure: argument forms ----------------------------------------------------------------------

/** `web=5 api=2` -> entries; the docker CLI's form, checked the same way. */
export function parseScaleArgs(args: readonly string[]): { name: string; replicas: number }[] {
  if (args.length === 0) throw new ServiceUsageError('usage: swarmdesk service scale NAME=REPLICAS [NAME=REPLICAS...]')
  return args.map((arg) => {
    const eq = arg.indexOf('=')
    const name = eq < 0 ? arg : arg.slice(0, eq)
    const value = eq < 0 ? '' : arg.slice(eq + 1)
    if (eq < 0 || name === '') throw new ServiceUsageError(`invalid scale specifier "${arg}": expected NAME=REPLICAS, like web=5`)
    if (!/^\d+$/.test(value)) throw new ServiceUsageError(`invalid replicas value "${value}" for ${name}: expected a whole number`)
    return { name, replicas: Number(value) }
  })
}

/** `--publish-add 8080:80`, `8080:80/udp`, or the long form `published=8080,target=80,protocol=udp,mode=host`. */
export function parsePublish(text: string): ServicePortDraft {
  const bad = (): never => {
    throw new ServiceUsageError(`invalid --publish-add "${text}": expected PUBLISHED:TARGET[/PROTOCOL] or published=P,target=T[,protocol=tcp|udp|sctp][,mode=ingress|host]`)
  }
  const port = (value: string | undefined): number => {
    if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) return bad()
    return Number(value)
  }
  const protocolOf = (value: string): ServicePortDraft['protocol'] => (value === 'tcp' || value === 'udp' || value === 'sctp' ? value : bad())
  if (text.includes('=')) {
    const fields = new Map(text.split(',').map((part) => [part.slice(0, part.indexOf('=')).trim(), part.slice(part.indexOf('=') + 1).trim()] as const))
    const mode = fields.get('mode') ?? 'ingress'
    if (mode !== 'ingress' && mode !== 'host') return bad()
    return { target: port(fields.get('target')), published: fields.has('published') ? port(fields.get('published')) : null, protocol: protocolOf(fields.get('protocol') ?? 'tcp'), mode }
  }
  const match = /^(?:(\d+):)?(\d+)(?:\/(\w+))?$/.exec(text)
  if (!match) return bad()
  return { target: port(match[2]), published: match[1] ? port(match[1]) : null, protocol: protocolOf(match[3] ?? 'tcp'), mode: 'ingress' }
}

/** The edited draft `docker service update` flags make of the live draft; null when no field flag was given. */
export function applyUpdateFlags(base: ServiceDraft, flags: ServiceFlags): ServiceDraft | null {
  const d: ServiceDraft = JSON.parse(JSON.stringify(base)) as ServiceDraft
  let touched = false
  if (flags.image !== undefined) {
    d.image = flags.image
    touched = true
  }
  if (flags.replicas !== undefined) {
    if (!/^\d+$/.test(flags.replicas)) throw new ServiceUsageError(`--replicas ${flags.replicas}: expected a whole number`)
    d.replicas = Number(flags.replicas)
    touched = true
  }
  const key = (entry: string): string => (entry.includes('=') ? entry.slice(0, entry.indexOf('=')) : entry)
  for (const name of flags['env-rm'] ?? []) {
    d.env = d.env.filter((e) => key(e) !== name)
    touched = true
  }
  for (const entry of flags['env-add'] ?? []) {
    const at = d.env.findIndex((e) => key(e) === key(entry))
    if (at >= 0) d.env[at] = entry
    else d.env.push(entry)
    touched = true
  }
  for (const target of flags['publish-rm'] ?? []) {
    const [portText, protocol] = target.split('/')
    const before = d.ports.length
    d.ports = d.ports.filter((p) => !(String(p.target) === portText && (!protocol || p.protocol === protocol)))
    if (d.ports.length === before) throw new ServiceUsageError(`--publish-rm ${target}: the service publishes no target port ${portText}`)
    touched = true
  }
  for (const spec of flags['publish-add'] ?? []) {
    const port = parsePublish(spec)
    d.ports = d.ports.filter((p) => !(p.target === port.target && p.protocol === port.protocol))
    d.ports.push(port)
    touched = true
  }
  for (const expression of flags['constraint-rm'] ?? []) {
    d.constraints = d.constraints.filter((c) => c.replace(/\s+/g, '') !== expression.replace(/\s+/g, ''))
    touched = true
  }
  for (const expression of flags['constraint-add'] ?? []) {
    if (!d.constraints.includes(expression)) d.constraints.push(expression)
    touched = true
  }
  if (flags['update-parallelism'] !== undefined) {
    if (!/^\d+$/.test(flags['update-parallelism'])) throw new ServiceUsageError(`--update-parallelism ${flags['update-parallelism']}: expected a whole number`)
    d.update.parallelism = Number(flags['update-parallelism'])
    touched = true
  }
  if (flags['update-delay'] !== undefined) {
    d.update.delay = flags['update-delay']
    touched = true
  }
  const action = flags['update-failure-action']
  if (action !== undefined) {
    if (action !== 'pause' && action !== 'continue' && action !== 'rollback') throw new ServiceUsageError(`--update-failure-action ${action}: expected pause, continue or rollback`)
    d.update.failureAction = action
    touched = true
  }
  const order = flags['update-order']
  if (order !== undefined) {
    if (order !== 'stop-first' && order !== 'start-first') throw new ServiceUsageError(`--update-order ${order}: expected stop-first or start-first`)
    d.update.order = order
    touched = true
  }
  const resource = (flag: 'limit-cpu' | 'limit-memory' | 'reserve-cpu' | 'reserve-memory'): void => {
    const value = flags[flag]
    if (value === undefined) return
    const block = flag.startsWith('limit') ? d.limits : d.reservations
    const cleared = value === '0' ? '' : value
    if (flag.endsWith('cpu')) block.cpus = cleared
    else block.memory = cleared
    touched = true
  }
  resource('limit-cpu')
  resource('limit-memory')
  resource('reserve-cpu')
  resource('reserve-memory')
  return touched ? d : null
}

// ---- pure: tables and convergence -----------------------------------------------------------------

const isCurrent = (t: Task): boolean => t.desiredState !== 'shutdown' && t.desiredState !== 'remove'

/** `docker service ps` columns: current tasks first, history under them with `\_`. */
export function taskTable(service: Service, tasks: readonly Task[], nodes: readonly SwarmNode[], now = Date.now()): string {
  const hostname = (id: string | null): string => nodes.find((n) => n.id === id)?.hostname ?? ''
  const place = (t: Task): string => (t.slot !== null ? `${service.name}.${t.slot}` : `${service.name}.${hostname(t.nodeId) || t.nodeId || ''}`)
  const sorted = [...tasks].sort((a, b) => {
    const pa = a.slot ?? 0
    const pb = b.slot ?? 0
    if (pa !== pb) return pa - pb
    if (a.slot === null && hostname(a.nodeId) !== hostname(b.nodeId)) return hostname(a.nodeId).localeCompare(hostname(b.nodeId))
    return Number(isCurrent(b)) - Number(isCurrent(a)) || Date.parse(b.timestamp || b.createdAt) - Date.parse(a.timestamp || a.createdAt)
  })
  const ago = (iso: string): string => {
    const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
    return seconds < 60 ? `${seconds} seconds ago` : seconds < 3600 ? `${Math.round(seconds / 60)} minutes ago` : `${Math.round(seconds / 3600)} hours ago`
  }
  const rows = sorted.map((t) => [
    t.id.slice(0, 12),
    `${isCurrent(t) ? '' : ' \\_ '}${place(t)}`,
    t.image,
    hostname(t.nodeId),
    t.desiredState.charAt(0).toUpperCase() + t.desiredState.slice(1),
    `${t.state.charAt(0).toUpperCase() + t.state.slice(1)} ${t.timestamp ? ago(t.timestamp) : ''}`.trim(),
    t.error ? `"${t.error}"` : t.exitCode !== null && t.exitCode !== 0 ? `exit code ${t.exitCode}` : ''
  ])
  return formatTable(['ID', 'NAME', 'IMAGE', 'NODE', 'DESIRED STATE', 'CURRENT STATE', 'ERROR'], rows)
}

export type Convergence = { state: 'converged' | 'failed' | 'waiting'; message: string }

/**
 * What `service scale|update|rollback` waits for, like the docker CLI: the rolling update finished
 * (paused: failed; the engine's rollback completed: converged, "rolled back"), every task meant to
 * run is running the service's image, and it stays so for STABLE_MS. The verdict is the shared one.
 */
export function serviceGoal(versionBefore: number, startedAt: number): ConvergenceGoal {
  return { voice: 'service', afterVersion: versionBefore, startGrace: { since: startedAt }, engineRollback: 'converges' }
}

/** The watcher's verdict as this command prints it and returns it in --json. */
export function commandConvergence(verdict: WatchVerdict): Convergence {
  return { state: verdict.state === 'converged' ? 'converged' : verdict.state === 'waiting' ? 'waiting' : 'failed', message: verdict.message }
}

// ---- effects -------------------------------------------------------------------------------------

export interface ServiceCommandContext {
  json: boolean
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>>
  clusterId(): Promise<string>
  /** the opened cluster's mirror, which waits follow */
  mirror(clusterId: string): MirrorFeed
  out(text: string): void
  err(text: string): void
}

function findService(snapshot: Snapshot, ref: string): Service {
  const found = snapshot.services.find((s) => s.name === ref) ?? snapshot.services.find((s) => s.id === ref) ?? (ref.length >= 3 ? snapshot.services.find((s) => s.id.startsWith(ref)) : undefined)
  if (!found) throw new AppError('NOT_FOUND', `no service "${ref}" in this swarm (swarmdesk service ls lists them)`)
  return found
}

/** Like the docker CLI ("verify: waiting 5 seconds to verify that tasks are stable"): converged must hold this long with the same tasks. */
const STABLE_MS = 5_000

/** Follows the service through the cluster mirror (which the command opened with the cluster): no engine polling. */
async function waitConverged(ctx: ServiceCommandContext, clusterId: string, service: Service, timeoutMs: number): Promise<Convergence> {
  const verdict = await watchConvergence(ctx.mirror(clusterId), service.id, serviceGoal(service.version, Date.now()), {
    timeoutMs,
    stableForMs: STABLE_MS,
    onChange: (v) => ctx.err(`${service.name}: ${v.message}\n`)
  })
  return commandConvergence(verdict)
}

function timeoutMs(flags: ServiceFlags): number {
  if (flags.timeout === undefined) return 300_000
  if (!/^\d+$/.test(flags.timeout) || Number(flags.timeout) < 1) throw new ServiceUsageError(`--timeout ${flags.timeout}: expected a number of seconds`)
  return Number(flags.timeout) * 1000
}

export async function serviceCommand(ctx: ServiceCommandContext, args: string[], flags: ServiceFlags): Promise<void> {
  const [command, ...rest] = args
  const print = (value: unknown, text: string): void => ctx.out(ctx.json ? JSON.stringify(value, null, 2) + '\n' : text)
  const outcomes: { service: string; result: unknown; convergence: Convergence | null }[] = []
  /** Run one change, then (unless --detach) wait for that service to converge. */
  const change = async (ref: string, act: (clusterId: string, service: Service) => Promise<{ changed: boolean; cli: string; warnings: string[] } & Record<string, unknown>>): Promise<void> => {
    const clusterId = await ctx.clusterId()
    const service = findService(await ctx.call('clusters.snapshot', { clusterId }), ref)
    const result = await act(clusterId, service)
    ctx.err(`${result.cli}\n`)
    for (const warning of result.warnings) ctx.err(`warning: ${warning}\n`)
    let verdict: Convergence | null = null
    if (!flags.detach && result.changed) verdict = await waitConverged(ctx, clusterId, service, timeoutMs(flags))
    outcomes.push({ service: service.name, result, convergence: verdict })
    if (!ctx.json) ctx.out(`${service.name}${result.changed ? '' : ': already as asked'}${verdict ? `: ${verdict.state} (${verdict.message})` : ''}\n`)
  }
  const finish = (): void => {
    if (ctx.json) ctx.out(JSON.stringify(outcomes.length === 1 ? outcomes[0] : outcomes, null, 2) + '\n')
    const failed = outcomes.filter((o) => o.convergence?.state === 'failed')
    if (failed.length) throw new AppError('ENGINE_ERROR', failed.map((o) => `${o.service}: ${o.convergence?.message ?? ''}`).join('; '))
  }

  if (command === 'ls') {
    if (rest.length) throw new ServiceUsageError('usage: swarmdesk service ls')
    const snapshot = await ctx.call('clusters.snapshot', { clusterId: await ctx.clusterId() })
    print(snapshot.services, serviceTable(snapshot.services))
    return
  }
  if (command === 'ps') {
    if (rest.length !== 1) throw new ServiceUsageError('usage: swarmdesk service ps SERVICE')
    const snapshot = await ctx.call('clusters.snapshot', { clusterId: await ctx.clusterId() })
    const service = findService(snapshot, rest[0])
    const tasks = snapshot.tasks.filter((t) => t.serviceId === service.id)
    print(tasks, taskTable(service, tasks, snapshot.nodes))
    return
  }
  if (command === 'scale') {
    const entries = parseScaleArgs(rest)
    for (const entry of entries) await change(entry.name, (clusterId, service) => ctx.call('services.scale', { clusterId, serviceId: service.id, replicas: entry.replicas }))
    return finish()
  }
  if (command === 'update') {
    if (rest.length !== 1) throw new ServiceUsageError('usage: swarmdesk service update [OPTIONS] NAME')
    await change(rest[0], async (clusterId, service) => {
      const edit = await ctx.call('services.edit', { clusterId, serviceId: service.id })
      const draft = applyUpdateFlags(edit.draft, flags)
      if (!draft && !flags.force) throw new ServiceUsageError('service update: nothing to change (give --image, --env-add, --replicas, ... or --force)')
      const updated = draft ? await ctx.call('services.update', { clusterId, serviceId: service.id, base: edit.draft, draft }) : null
      if (updated && !ctx.json) for (const c of updated.changes) ctx.err(`  ${c.path}: ${c.before ?? '(none)'} -> ${c.after ?? '(none)'}${c.effect === 'restart' ? '  [restarts tasks]' : ''}\n`)
      if (!flags.force) return updated as NonNullable<typeof updated>
      const forced = await ctx.call('services.forceUpdate', { clusterId, serviceId: service.id })
      return { ...forced, cli: updated ? `${updated.cli.replace(/^docker service update /, 'docker service update --force ')}` : forced.cli, warnings: [...(updated?.warnings ?? []), ...forced.warnings] }
    })
    return finish()
  }
  if (command === 'rollback') {
    if (rest.length !== 1) throw new ServiceUsageError('usage: swarmdesk service rollback NAME')
    await change(rest[0], (clusterId, service) => ctx.call('services.rollback', { clusterId, serviceId: service.id }))
    return finish()
  }
  if (command === 'rm' || command === 'remove') {
    if (rest.length === 0) throw new ServiceUsageError('usage: swarmdesk service rm NAME [NAME...]')
    const clusterId = await ctx.clusterId()
    const snapshot = await ctx.call('clusters.snapshot', { clusterId })
    const services = rest.map((ref) => findService(snapshot, ref))
    const removed = []
    for (const service of services) {
      const result = await ctx.call('services.remove', { clusterId, serviceId: service.id })
      ctx.err(`${result.cli}\n`)
      removed.push(result)
      if (!ctx.json) ctx.out(`${result.name}\n`)
    }
    if (ctx.json) ctx.out(JSON.stringify(removed, null, 2) + '\n')
    return
  }
  throw new ServiceUsageError(`unknown service command "${command ?? ''}"`)
}
