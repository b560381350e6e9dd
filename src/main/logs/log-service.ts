import { randomUUID } from 'node:crypto'
import type { EventPayload } from '../../shared/contract'
import type { Snapshot } from '../../shared/domain'
import { phrase, type Phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { serviceLogsCommand, type LogBatch, type LogSessionInfo, type LogTarget, type LogTask } from '../../shared/logs'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { toAppError } from '../docker/engine-errors'
import type { EngineGateway } from '../docker/engine-gateway'
import type { EventBus } from '../rpc/event-bus'
import type { FlowLimits } from './log-flow'
import { LogSession, type LogSessionStats, type LogSource } from './log-session'
import { sinceToEngine } from './since'

/**
 * How long a followed log waits for its cluster to answer again after its manager went (cut off,
 * connection or engine gone) before it ends saying so: a raft re-election after a leader's death
 * takes 10 to 20 s on a loaded lab, the session's reconnection rounds are at most 5 s apart.
 */
export const LOG_RESUME_WINDOW_MS = 60_000

/**
 * A stream that fails while its cluster stays ready on the same engine: the session waits this long
 * for the cluster to notice a lost link (an SSH connection's streams can close a moment before the
 * connection reports itself closed) before opening the stream again on that same engine.
 */
const SAME_ENGINE_GRACE_MS = 1500

/** The end of a connection that started sessions (a WebSocket client, the Electron window). */
export interface SessionOwner {
  onClose(listener: () => void): () => void
}

export interface LogStartOptions {
  clusterId: string
  target: LogTarget
  follow: boolean
  tail: number | null
  since: string | null
}

/** Who wrote each task's lines, from the mirror's snapshot. Pure. */
export function describeTasksFrom(snapshot: Pick<Snapshot, 'tasks' | 'services' | 'nodes'>, taskIds: readonly string[]): Record<string, LogTask> {
  const wanted = new Set(taskIds)
  const described: Record<string, LogTask> = {}
  for (const task of snapshot.tasks) {
    if (!wanted.has(task.id)) continue
    const service = snapshot.services.find((s) => s.id === task.serviceId)
    const node = task.nodeId ? snapshot.nodes.find((n) => n.id === task.nodeId) : undefined
    described[task.id] = {
      serviceId: task.serviceId,
      service: service?.name ?? task.serviceId,
      slot: task.slot,
      nodeId: task.nodeId ?? '',
      node: node?.hostname ?? task.nodeId ?? ''
    }
  }
  return described
}

interface EngineServiceShape {
  ID: string
  Spec?: { Name?: string; TaskTemplate?: { ContainerSpec?: { TTY?: boolean } }; Labels?: Record<string, string> }
}

function sourceOf(service: EngineServiceShape): LogSource {
  return { id: service.ID, name: service.Spec?.Name ?? service.ID, tty: service.Spec?.TaskTemplate?.ContainerSpec?.TTY === true }
}

/** The services a target names, read from the engine (names or ids, like the docker CLI takes them). */
async function resolveSources(engine: EngineGateway, target: LogTarget): Promise<LogSource[]> {
  if ('stack' in target) {
    const services = (await engine.listServices({ filters: { label: [`com.docker.stack.namespace=${target.stack}`] } })) as EngineServiceShape[]
    if (services.length === 0) throw refusal('NOT_FOUND', phrase('logs.said.stack-empty', { stack: target.stack }))
    return services.map(sourceOf).sort((a, b) => a.name.localeCompare(b.name))
  }
  const sources: LogSource[] = []
  for (const ref of [...new Set(target.serviceIds)]) {
    try {
      const service = (await engine.inspectService(ref)) as EngineServiceShape
      if (!sources.some((s) => s.id === service.ID)) sources.push(sourceOf(service))
    } catch (error) {
      const appError = toAppError(error)
      if (appError.code === 'NOT_FOUND') throw refusal('NOT_FOUND', phrase('logs.said.no-service', { service: ref }))
      throw appError
    }
  }
  return sources
}

/**
 * The engine a log session follows on through after `lost` went: the cluster's next one once it
 * is ready (the same one, if it stays ready a moment: the stream failed, not the link); null when
 * it is not ready within the window, is closed, or the session stopped.
 */
function engineAfter(deps: { registry: ClusterRegistry; bus: EventBus }, windowMs: number, clusterId: string, lost: EngineGateway, signal: AbortSignal): Promise<{ engine: EngineGateway | null; said: Phrase | null }> {
  return new Promise((resolve) => {
    let settled = false
    let grace: NodeJS.Timeout | null = null
    const finish = (engine: EngineGateway | null, said: Phrase | null): void => {
      if (settled) return
      settled = true
      unsubscribe()
      clearTimeout(window)
      if (grace) clearTimeout(grace)
      signal.removeEventListener('abort', aborted)
      resolve({ engine, said })
    }
    const check = (): void => {
      let cluster
      try {
        cluster = deps.registry.get(clusterId)
      } catch {
        return finish(null, null)
      }
      if (cluster.phase === 'closed') return finish(null, null)
      if (cluster.phase !== 'ready') return
      const engine = cluster.engine
      if (engine !== lost) return finish(engine, phrase('logs.said.resumed', { endpoint: cluster.state.endpoint ?? '' }))
      grace ??= setTimeout(() => {
        grace = null
        try {
          const again = deps.registry.get(clusterId)
          if (again.phase === 'ready' && again.engine === lost) finish(lost, null)
        } catch {
          finish(null, null)
        }
      }, SAME_ENGINE_GRACE_MS)
    }
    const aborted = (): void => finish(null, null)
    const unsubscribe = deps.bus.subscribe((name, payload) => {
      if (name === 'cluster.state' && (payload as EventPayload<'cluster.state'>).clusterId === clusterId) check()
    })
    const window = setTimeout(() => finish(null, phrase('logs.said.no-manager', { seconds: Math.round(windowMs / 1000) })), windowMs)
    signal.addEventListener('abort', aborted)
    check()
  })
}

/**
 * Log sessions of every cluster. Sessions started through the contract deliver their batches as
 * `logs.batch` events and end with the connection that started them or with their cluster; the
 * CLI starts sessions with its own delivery (stdout) through `open`.
 */
export function createLogService(deps: { registry: ClusterRegistry; bus: EventBus; limits?: FlowLimits; now?: () => number; resumeWindowMs?: number }) {
  const sessions = new Map<string, { session: LogSession; clusterId: string; release: () => unknown }>()
  const now = deps.now ?? Date.now
  const windowMs = deps.resumeWindowMs ?? LOG_RESUME_WINDOW_MS

  deps.bus.subscribe((name, payload) => {
    if (name !== 'cluster.state') return
    const state = payload as EventPayload<'cluster.state'>
    if (state.phase !== 'closed') return
    for (const [id, entry] of sessions) if (entry.clusterId === state.clusterId) stop(id)
  })

  function stop(sessionId: string): boolean {
    const entry = sessions.get(sessionId)
    if (!entry) return false
    sessions.delete(sessionId)
    entry.release()
    entry.session.stop()
    return true
  }

  async function open(options: LogStartOptions, deliver: (batch: LogBatch) => void, owner?: SessionOwner): Promise<LogSessionInfo> {
    const cluster = deps.registry.get(options.clusterId)
    const engine = cluster.engine
    let since: string | null = null
    try {
      since = options.since ? sinceToEngine(options.since, now()) : null
    } catch (error) {
      if (!(error instanceof RangeError)) throw error
      const said = phrase('logs.said.bad-since', { since: options.since ?? '' })
      throw refusal('INVALID_INPUT', said, { issues: [{ path: 'since', message: (error as Error).message, said }] })
    }
    const sources = await resolveSources(engine, options.target)
    const sessionId = randomUUID()
    const session = new LogSession({
      sessionId,
      engine,
      sources,
      follow: options.follow,
      tail: options.tail,
      since,
      limits: deps.limits,
      describeTasks: (ids) => {
        try {
          return describeTasksFrom(cluster.currentSnapshot(), ids)
        } catch {
          return {}
        }
      },
      lookupTask: async (taskId) => {
        // the cluster's engine now: after a failover, the one the session follows on through
        const task = await cluster.engine.inspectTask(taskId)
        let snapshot: Pick<Snapshot, 'nodes' | 'services'> = { nodes: [], services: [] }
        try {
          snapshot = cluster.currentSnapshot()
        } catch {
          // No mirror (reconnecting): ids stand in for names.
        }
        const serviceId = task.ServiceID ?? ''
        const nodeId = task.NodeID ?? ''
        return {
          serviceId,
          service: sources.find((s) => s.id === serviceId)?.name ?? snapshot.services.find((s) => s.id === serviceId)?.name ?? serviceId,
          slot: typeof task.Slot === 'number' && task.Slot > 0 ? task.Slot : null,
          nodeId,
          node: snapshot.nodes.find((n) => n.id === nodeId)?.hostname ?? nodeId
        }
      },
      deliver,
      resume: options.follow ? (lost, signal) => engineAfter(deps, windowMs, options.clusterId, lost, signal) : undefined,
      onFinished: () => stop(sessionId)
    })
    // Registered before the owner is asked: an owner that left while the services were looked up
    // calls back at once, and that stop must find the session, or it would run with nobody to read it.
    const entry = { session, clusterId: options.clusterId, release: () => undefined as unknown }
    sessions.set(sessionId, entry)
    if (owner) entry.release = owner.onClose(() => stop(sessionId))
    if (!sessions.has(sessionId)) throw refusal('CONNECTION_LOST', phrase('logs.said.client-left'))
    try {
      await session.start()
    } catch (error) {
      stop(sessionId)
      throw error
    }
    return {
      sessionId,
      services: sources.map(({ id, name, tty }) => ({ id, name, tty })),
      cli: serviceLogsCommand(
        sources.map((s) => s.name),
        { follow: options.follow, tail: options.tail, since: options.since }
      )
    }
  }

  return {
    open,
    /** `logs.start`: batches go to every transport as `logs.batch`; the session ends with its owner. */
    start: (options: LogStartOptions, owner?: SessionOwner) => open(options, (batch) => deps.bus.publish('logs.batch', batch), owner),
    ack(sessionId: string, seq: number): boolean {
      const entry = sessions.get(sessionId)
      entry?.session.ack(seq)
      return Boolean(entry)
    },
    stop,
    stats(sessionId: string): LogSessionStats | null {
      return sessions.get(sessionId)?.session.stats() ?? null
    },
    get sessionCount(): number {
      return sessions.size
    },
    dispose(): void {
      for (const id of [...sessions.keys()]) stop(id)
    }
  }
}

export type LogService = ReturnType<typeof createLogService>
