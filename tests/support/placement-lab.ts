/**
 * Lab plumbing for the placement agreement suite: node setup with the docker CLI, the engine's
 * own task list (what `docker service ps` reads) over the manager's socket, and settling.
 */
import { request } from 'node:http'
import { docker, labNode, waitFor, type LabStatus } from './lab'

export const LAB_NODES = ['manager1', 'manager2', 'manager3', 'worker1', 'worker2'] as const
export type LabNodeName = (typeof LAB_NODES)[number]
export type Availability = 'active' | 'pause' | 'drain'

/** The fields of an Engine API task this suite reads. */
export interface EngineTask {
  ID: string
  ServiceID: string
  NodeID?: string
  DesiredState: string
  Status: { State: string; Err?: string; Message?: string }
}

/** GET on the manager's Engine API socket (the same list `docker service ps` filters). */
export function engineGet<T>(lab: LabStatus, path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: labNode(lab, 'manager1').socket, path, method: 'GET', timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        if ((res.statusCode ?? 500) >= 400) reject(new Error(`GET ${path}: ${res.statusCode} ${body}`))
        else resolve(JSON.parse(body) as T)
      })
    })
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: timeout`)))
    req.on('error', reject)
    req.end()
  })
}

export function engineTasks(lab: LabStatus, serviceId?: string): Promise<EngineTask[]> {
  const query = serviceId === undefined ? '' : `?filters=${encodeURIComponent(JSON.stringify({ service: [serviceId] }))}`
  return engineGet<EngineTask[]>(lab, `/tasks${query}`)
}

// The scheduler's accounting (nodeinfo.go), as from-mirror.ts models it.
const ORDER = ['new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running', 'complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned']
const rankOf = (state: string): number => ORDER.indexOf(state)

export function engineHolds(task: EngineTask): boolean {
  const rank = rankOf(task.Status.State)
  return task.NodeID !== undefined && task.NodeID !== '' && rank >= rankOf('assigned') && rank <= rankOf('running')
}

export function engineActive(task: EngineTask): boolean {
  return engineHolds(task) && rankOf(task.DesiredState) <= rankOf('complete')
}

/**
 * What the scheduler's tie-breaks and resource filter read from other services: per node, the
 * tasks holding resources and the active ones. Equal before and after a scenario: nobody else
 * moved anything meanwhile.
 */
export function fingerprint(tasks: readonly { nodeId: string | null; holds: boolean; active: boolean; serviceId: string }[], exclude: ReadonlySet<string>): string {
  const per = new Map<string, [number, number]>()
  for (const task of tasks) {
    if (!task.holds || task.nodeId === null || exclude.has(task.serviceId)) continue
    const entry = per.get(task.nodeId) ?? [0, 0]
    entry[0]++
    if (task.active) entry[1]++
    per.set(task.nodeId, entry)
  }
  return [...per.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([node, [holds, active]]) => `${node}:${holds}/${active}`)
    .join(' ')
}

export function engineFingerprint(tasks: readonly EngineTask[], exclude: ReadonlySet<string>): string {
  return fingerprint(
    tasks.map((t) => ({ nodeId: t.NodeID ?? null, holds: engineHolds(t), active: engineActive(t), serviceId: t.ServiceID })),
    exclude
  )
}

/** `docker node update`, retried when another writer bumped the node's version first. */
export async function nodeUpdate(lab: LabStatus, args: string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await docker(lab, 'manager1', ['node', 'update', ...args])
      return
    } catch (error) {
      const text = `${String((error as { stderr?: string }).stderr ?? '')} ${String(error)}`
      if (attempt >= 8 || !/out of sequence/i.test(text)) throw error
      await new Promise((r) => setTimeout(r, 50 * attempt))
    }
  }
}

/** The node's labels whose key starts with `prefix`. */
export async function labelsWithPrefix(lab: LabStatus, prefix: string): Promise<Record<LabNodeName, Record<string, string>>> {
  const lines = (await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.Description.Hostname}} {{json .Spec.Labels}}', ...LAB_NODES])).split('\n')
  const out = {} as Record<LabNodeName, Record<string, string>>
  for (const line of lines) {
    const space = line.indexOf(' ')
    const host = line.slice(0, space) as LabNodeName
    const labels = (JSON.parse(line.slice(space + 1)) as Record<string, string> | null) ?? {}
    out[host] = Object.fromEntries(Object.entries(labels).filter(([key]) => key.startsWith(prefix)))
  }
  return out
}

/** Make every node's `prefix` labels exactly `wanted` (one `docker node update` per node that differs). */
export async function applyLabels(lab: LabStatus, prefix: string, wanted: Record<LabNodeName, Record<string, string>>): Promise<number> {
  const current = await labelsWithPrefix(lab, prefix)
  let updates = 0
  await Promise.all(
    LAB_NODES.map(async (name) => {
      const have = current[name] ?? {}
      const want = wanted[name]
      const args: string[] = []
      for (const [key, value] of Object.entries(want)) if (have[key] !== value) args.push('--label-add', `${key}=${value}`)
      for (const key of Object.keys(have)) if (!(key in want)) args.push('--label-rm', key)
      if (args.length === 0) return
      updates++
      await nodeUpdate(lab, [...args, name])
    })
  )
  return updates
}

export interface SettledTask {
  node: string
  state: string
  error: string
}

/**
 * Wait until Swarm is done with the service: every task it wants running is running or pending
 * with the scheduler's reason, nothing has changed for `quietMs` (longer when tasks are pending:
 * the scheduler retries them on its next ticks), and for a replicated service all replicas exist.
 */
export async function settle(lab: LabStatus, serviceId: string, replicas: number | null, timeoutMs = 30_000): Promise<void> {
  let last = ''
  let since = Date.now()
  const started = Date.now()
  await waitFor(
    `service ${serviceId} to settle`,
    async () => {
      const tasks = (await engineTasks(lab, serviceId)).filter((t) => t.DesiredState === 'running')
      const signature = tasks
        .map((t) => `${t.ID}:${t.NodeID ?? ''}:${t.Status.State}:${t.Status.Err ?? ''}`)
        .sort()
        .join('|')
      if (signature !== last) {
        last = signature
        since = Date.now()
        return false
      }
      if (replicas !== null && tasks.length !== replicas) return false
      const pending = tasks.filter((t) => t.Status.State === 'pending')
      const others = tasks.filter((t) => t.Status.State !== 'pending' && t.Status.State !== 'running')
      if (others.length > 0) return false
      if (pending.some((t) => (t.Status.Err ?? '') === '')) return false
      const quiet = pending.length > 0 || tasks.length === 0 ? 2_500 : 400
      // A global service's tasks are created together; give the orchestrator a moment first.
      return Date.now() - since >= quiet && Date.now() - started >= 800
    },
    timeoutMs
  )
}

/** `docker service ps` (the reference): every task Swarm wants running, with its node and error. */
export async function servicePs(lab: LabStatus, name: string): Promise<SettledTask[]> {
  const out = await docker(lab, 'manager1', ['service', 'ps', '--no-trunc', '--filter', 'desired-state=running', '--format', '{{.ID}}\t{{.Node}}\t{{.CurrentState}}\t{{.Error}}', name])
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // The task id first: the helper trims the output, and a pending task's node column is empty.
      const [, node, current, error] = line.split('\t')
      return { node: node.trim(), state: current.split(' ')[0].toLowerCase(), error: (error ?? '').trim().replace(/^"|"$/g, '') }
    })
}

/** Remove a service and wait until the engine has forgotten its tasks (they no longer hold anything). */
export async function removeService(lab: LabStatus, name: string, serviceId: string | null): Promise<void> {
  await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
  if (serviceId === null) return
  await waitFor(`tasks of ${name} to be gone`, async () => !(await engineTasks(lab)).some((t) => t.ServiceID === serviceId && engineHolds(t)), 30_000)
}

/**
 * The scheduler's explanation as a multiset of clauses: "no suitable node (a; b)" or, for a
 * global service's preassigned task, just "a; b". Counts are kept ("on 5 nodes").
 */
export function explanationClauses(text: string | null): string[] {
  if (text === null || text.trim() === '') return []
  const inner = /^no suitable node(?: \((.*)\))?$/.exec(text.trim())
  const body = inner === null ? text.trim() : (inner[1] ?? '')
  return body
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/** The filter a clause names, without its count. */
export function clauseKind(clause: string): string {
  if (/not available for new tasks/.test(clause)) return 'ready'
  if (/insufficient resources/.test(clause)) return 'resources'
  if (/scheduling constraints not satisfied/.test(clause)) return 'constraints'
  if (/unsupported platform/.test(clause)) return 'platform'
  if (/host-mode port/.test(clause)) return 'port'
  if (/max replicas per node/.test(clause)) return 'max-replicas'
  return clause
}

/** "insufficient resources on 1 node" twice (two preassigned global tasks) → "on 2 nodes". */
export function summedClauses(errors: readonly string[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const error of errors) {
    for (const clause of explanationClauses(error)) {
      const kind = clauseKind(clause)
      const count = /on (\d+) nodes?/.exec(clause)
      out.set(kind, (out.get(kind) ?? 0) + (count === null ? 0 : Number(count[1])))
    }
  }
  return out
}
