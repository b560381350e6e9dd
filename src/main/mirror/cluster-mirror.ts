import type { IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'
import type { ClusterEvent, Delta, EntityKind, Service, Snapshot, SwarmInfo, Task } from '../../shared/domain'
import type { AppError } from '../../shared/errors'
import { phrase, type Phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { mergeEvents } from '../../shared/mirror-model'
import { toAppError } from '../docker/engine-errors'
import { parseEventLines, type EngineGateway } from '../docker/engine-gateway'
import type { EngineEvent, EngineInfo, EngineTask } from '../docker/engine-shapes'
import { livenessStep, livenessTiming, type LivenessState } from './liveness'
import { FollowSchedule } from './follow-schedule'
import { emptyPlan, isServiceSettled, mergePlans, planForEvent, reconcileDelayMs, type EventPlan } from './event-plan'
import {
  normaliseEvent,
  normaliseNetwork,
  normaliseNode,
  normaliseSecret,
  normaliseService,
  normaliseSwarmInfo,
  normaliseTask
} from './normalise'
import { detached } from '../process-faults'
import { EntityStore } from './entity-store'

/** Timing of the mirror, in one place (Freelens' lesson: no magic delays inline). */
export const mirrorTiming = {
  /** Events arriving within this window are handled with one round of reads. */
  coalesceMs: 15,
  /** At most one pushed batch per this interval; the first change after a quiet spell goes at once. */
  batchIntervalMs: 100,
  /** How a moving service's tasks are re-read: fast at first, then slower, until settled. */
  followStepsMs: [250, 500, 1000, 2000],
  followLimitMs: 180_000,
  /**
   * The Engine emits no event when a task changes state (only services, nodes, secrets, configs
   * and networks have events), so a container that dies on a worker is seen only by reading tasks.
   * Services touched by an event are followed closely (above); this slower pass catches the rest.
   * It reads every task, which at 100,000 tasks costs the leader and us about 2.5 s: the pause
   * after each pass grows with the pass's own duration (reconcileDelayMs), so the pass never takes
   * more than a twentieth of the time, from every 10 s on a small cluster to every 2 min at most.
   */
  taskReconcileMs: 10_000,
  taskReconcileMaxMs: 120_000,
  taskReconcileLoadFactor: 20,
  /** History loaded into the event feed at start. */
  recentEventsSeconds: 3600
}

export interface MirrorCallbacks {
  /** A batch of deltas, already sequenced. */
  onBatch(fromSeq: number, toSeq: number, deltas: Delta[]): void
  /** The link to the engine is gone (stream ended, ping failed). The mirror has stopped itself. */
  onLost(error: AppError): void
}

type Entity = { id: string }

/** Entities normalised and compared between two turns of the event loop in a full re-read. */
const SYNC_SLICE = 2_000

const SWARM_EVENT_TYPES = ['service', 'node', 'secret', 'config', 'network']

/**
 * Live model of one cluster through one engine link: snapshot from list endpoints, then the
 * /events stream as deltas. Effects only; what to fetch for an event is decided by event-plan.ts.
 */
export class ClusterMirror {
  private readonly store = new EntityStore()
  private swarm: SwarmInfo | null = null
  private events: ClusterEvent[] = []
  private seq: number
  private stopped = false
  private stream: Readable | null = null
  private readonly abort = new AbortController()
  private pendingPlan: EventPlan | null = null
  private planTimer: NodeJS.Timeout | null = null
  private pendingDeltas: Delta[] = []
  private lastFlushAt = 0
  private flushTimer: NodeJS.Timeout | null = null
  private readonly following = new FollowSchedule({ stepsMs: mirrorTiming.followStepsMs, limitMs: mirrorTiming.followLimitMs })
  /** Services a convergence wait follows (rollouts/convergence-watcher.ts), with how many waits each. */
  private readonly waitedOn = new Map<string, number>()
  private followTimer: NodeJS.Timeout | null = null
  /** When the armed follow timer fires (an event may bring it forward, never push it back). */
  private followTimerAt = 0
  private followReading = false
  private reconcileTimer: NodeJS.Timeout | null = null
  private livenessTimer: NodeJS.Timeout | null = null
  /** Liveness of the engine link (a hung or cut-off manager does not always close the stream): see liveness.ts. */
  private readonly liveness: LivenessState = { lastSignAt: Date.now(), lastPingAt: 0, pingsInFlight: 0, lastCheckAt: Date.now() }
  private bufferedEvents: EngineEvent[] | null = []
  private readonly apiVersion: string
  /** The snapshot's second phase is in (see loadTasks); until then a wait on a service's tasks has nothing to judge. */
  private tasksLoaded = false
  /** During a full task pass: the tasks other reads brought meanwhile (never removed by that pass). */
  private reconcileTouched: Set<string> | null = null
  private readonly taskWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = []

  constructor(
    private readonly engine: EngineGateway,
    private readonly callbacks: MirrorCallbacks,
    options: { startSeq?: number; apiVersion?: string } = {}
  ) {
    this.seq = options.startSeq ?? 0
    this.apiVersion = options.apiVersion ?? ''
  }

  /**
   * Open the event stream first, then take the snapshot, so no change between the two is lost.
   * Resolves with the snapshot's first phase (everything but the tasks); the task list is read by
   * `loadTasks` once the first phase has been published, and follows as one `tasks` delta (see
   * `tasksComplete`).
   */
  async start(probedInfo?: EngineInfo): Promise<Snapshot> {
    await this.openEventStream()
    try {
      await this.loadSnapshot(probedInfo)
    } catch (error) {
      this.stop()
      throw toAppError(error)
    }
    const buffered = this.bufferedEvents ?? []
    this.bufferedEvents = null
    for (const event of buffered) this.handleEvent(event)
    this.liveness.lastSignAt = this.liveness.lastCheckAt = Date.now()
    this.livenessTimer = setInterval(() => this.checkAlive(), livenessTiming.checkEveryMs)
    return this.snapshot()
  }

  /**
   * The snapshot's second phase, started by the session once it has published the first (the
   * `tasks` delta must come after the snapshot it completes). Not asked for with the rest: at
   * 100,000 tasks the engine's answer costs it 1.6 s of CPU and us the parse, and on a loaded
   * machine the first screen waited behind them. Each task is held as it arrives, with no delta and
   * no removal: one the list lacks (or has at an older version, which the store keeps out) came
   * from a read an event made after the list. Then all are told as one `tasks` delta of everything
   * the store holds. A failed read loses the link: the session reconnects and reads it all again.
   */
  async loadTasks(): Promise<void> {
    if (this.stopped || this.tasksLoaded) return
    try {
      await this.engine.streamTasks((raw) => this.store.set('task', normaliseTask(raw)), undefined, { signal: this.abort.signal })
    } catch (error) {
      this.lose(toAppError(error))
      return
    }
    if (this.stopped) return
    this.tasksLoaded = true
    this.pendingDeltas = this.pendingDeltas.filter((d) => !(d.op === 'upsert' && d.kind === 'task') && !(d.op === 'remove' && d.kind === 'task'))
    this.pendingDeltas.push({ op: 'tasks', values: this.store.values('task') })
    for (const waiter of this.taskWaiters.splice(0)) waiter.resolve()
    this.scheduleFlush()
    // timer ticks and the history load run on their own; each handles the engine's failures itself,
    // and anything left (a defect) is logged rather than left unhandled
    this.scheduleReconcile(mirrorTiming.taskReconcileMs)
    detached(this.loadHistory(), 'loading recent events')
  }

  /** Resolves once the task list is in the model (at once after that); rejects if the mirror stops first. */
  tasksComplete(): Promise<void> {
    if (this.tasksLoaded) return Promise.resolve()
    if (this.stopped) return Promise.reject(refusal('UNAVAILABLE', phrase('clusters.said.mirror-no-snapshot')))
    return new Promise((resolve, reject) => this.taskWaiters.push({ resolve, reject }))
  }

  stop(): void {
    if (this.stopped) return
    this.stopped = true
    this.abort.abort()
    this.stream?.destroy()
    for (const timer of [this.planTimer, this.flushTimer, this.followTimer, this.reconcileTimer]) if (timer) clearTimeout(timer)
    if (this.livenessTimer) clearInterval(this.livenessTimer)
    for (const waiter of this.taskWaiters.splice(0)) waiter.reject(refusal('UNAVAILABLE', phrase('clusters.said.mirror-no-snapshot')))
  }

  get currentSeq(): number {
    return this.seq
  }

  /**
   * A convergence wait follows this service (rollouts/convergence-watcher.ts): keep re-reading it
   * and its tasks at the follow cadence until released, even once it looks settled — the wait's
   * own verdict (a grace period, the CLI's stability) may need a task change no event announces.
   */
  followWhileWaited(serviceId: string): () => void {
    this.waitedOn.set(serviceId, (this.waitedOn.get(serviceId) ?? 0) + 1)
    this.following.touch(serviceId, Date.now())
    this.armFollow()
    let released = false
    return () => {
      if (released) return
      released = true
      const left = (this.waitedOn.get(serviceId) ?? 1) - 1
      if (left > 0) this.waitedOn.set(serviceId, left)
      else this.waitedOn.delete(serviceId)
    }
  }

  /**
   * One service and its tasks, without copying the whole mirror (a convergence wait reads this
   * after every batch); null until the task list is in (the `tasks` delta then wakes the wait).
   */
  serviceWithTasks(serviceId: string): { service: Service | undefined; tasks: Task[] } | null {
    if (!this.tasksLoaded) return null
    return { service: this.store.get('service', serviceId) as Service | undefined, tasks: this.store.tasksOf(serviceId) }
  }

  /** The model as it is now: without its tasks (`tasksLoaded` false) until the task list is in. */
  snapshot(): Snapshot {
    if (!this.swarm) throw refusal('UNAVAILABLE', phrase('clusters.said.mirror-no-snapshot'))
    return {
      swarm: this.swarm,
      nodes: this.store.values('node'),
      services: this.store.values('service'),
      tasks: this.tasksLoaded ? this.store.values('task') : [],
      tasksLoaded: this.tasksLoaded,
      secrets: this.store.values('secret'),
      configs: this.store.values('config'),
      networks: this.store.values('network'),
      events: [...this.events],
      seq: this.seq,
      takenAt: new Date().toISOString()
    }
  }

  // ---------------------------------------------------------------- engine reads

  /**
   * A fixed set of list calls, whatever the cluster's size; `info` is reused from the session's
   * probe. The services come with their task counts (`?status=true`), so the services table paints
   * before the task list (start's second phase) is in.
   */
  private async loadSnapshot(probedInfo?: EngineInfo): Promise<void> {
    const [info, nodes, services, secrets, configs, networks] = await Promise.all([
      probedInfo ?? this.engine.info(),
      this.engine.listNodes(),
      this.engine.listServices({ status: true }),
      this.engine.listSecrets(),
      this.engine.listConfigs(),
      this.engine.listNetworks({ scope: ['swarm'] })
    ])
    const swarm = normaliseSwarmInfo(info, this.apiVersion)
    if (!swarm) throw refusal('NOT_A_MANAGER', phrase('clusters.said.mirror-not-manager'))
    this.swarm = swarm
    this.store.replaceAll('node', nodes.map(normaliseNode))
    this.store.replaceAll('service', services.map(normaliseService))
    this.store.replaceAll('secret', secrets.map(normaliseSecret))
    this.store.replaceAll('config', configs.map(normaliseSecret))
    this.store.replaceAll('network', networks.map(normaliseNetwork))
    this.pendingDeltas = []
  }

  /**
   * The event feed's recent past, read after the snapshot so that it never delays the first
   * screen; it reaches the renderer as ordinary event deltas, merged by time.
   */
  private async loadHistory(): Promise<void> {
    const until = Math.floor(Date.now() / 1000)
    try {
      const history = await this.engine.eventHistory(SWARM_EVENT_TYPES, until - mirrorTiming.recentEventsSeconds, until, { signal: this.abort.signal })
      if (this.stopped) return
      const events = history.map((event) => normaliseEvent(event))
      this.events = mergeEvents(this.events, events)
      for (const value of events) this.pendingDeltas.push({ op: 'event', value })
      this.scheduleFlush()
    } catch {
      // The feed starts empty then; the cluster model itself is complete without it.
    }
  }

  private async openEventStream(): Promise<void> {
    const stream = await this.engine.eventStream(SWARM_EVENT_TYPES, { signal: this.abort.signal })
    // The client's request timeout is an idle timeout; a quiet cluster must not drop its stream.
    ;(stream as IncomingMessage).socket?.setTimeout(0)
    this.stream = stream
    let buffer = ''
    stream.on('data', (chunk: Buffer) => {
      this.liveness.lastSignAt = Date.now()
      const parsed = parseEventLines(buffer + chunk.toString('utf8'))
      buffer = parsed.rest
      for (const event of parsed.events) {
        if (this.bufferedEvents) this.bufferedEvents.push(event)
        else this.handleEvent(event)
      }
    })
    const lost = (reason: Phrase) => () => this.lose(refusal('CONNECTION_LOST', reason))
    stream.on('end', lost(phrase('clusters.said.event-stream-ended')))
    stream.on('close', lost(phrase('clusters.said.event-stream-closed')))
    stream.on('error', (error: Error) => this.lose(toAppError(error)))
  }

  private lose(error: AppError): void {
    if (this.stopped) return
    this.stop()
    this.callbacks.onLost(error)
  }

  private checkAlive(): void {
    if (this.stopped) return
    const now = Date.now()
    const step = livenessStep(this.liveness, now)
    this.liveness.lastCheckAt = now
    if (step === 'lost') {
      this.lose(refusal('TIMEOUT', phrase('clusters.said.ping-timeout', { seconds: livenessTiming.silenceLimitMs / 1000 })))
      return
    }
    if (step !== 'ping') return
    this.liveness.lastPingAt = now
    this.liveness.pingsInFlight += 1
    // an answer is a sign of life; a refusal (the engine gone, its socket closed) loses the link at once
    this.engine.ping().then(
      () => {
        this.liveness.pingsInFlight -= 1
        this.liveness.lastSignAt = Math.max(this.liveness.lastSignAt, Date.now())
      },
      (error: unknown) => {
        this.liveness.pingsInFlight -= 1
        this.lose(toAppError(error))
      }
    )
  }

  // ---------------------------------------------------------------- events -> reads -> deltas

  private handleEvent(raw: EngineEvent): void {
    if (this.stopped) return
    const event = normaliseEvent(raw)
    this.events = mergeEvents(this.events, [event])
    this.pendingDeltas.push({ op: 'event', value: event })
    this.pendingPlan = mergePlans(this.pendingPlan ?? emptyPlan(), planForEvent(raw))
    this.planTimer ??= setTimeout(() => detached(this.runPlan(), 'reading what events changed'), mirrorTiming.coalesceMs)
  }

  private async runPlan(): Promise<void> {
    this.planTimer = null
    const plan = this.pendingPlan
    this.pendingPlan = null
    if (!plan || this.stopped) return
    try {
      for (const { kind, id } of plan.remove) {
        this.remove(kind, id)
        if (kind === 'service') {
          for (const task of this.store.tasksOf(id)) this.remove('task', task.id)
          this.following.drop(id)
        }
      }
      const ids = (kind: string) => [...new Set(plan.fetch.filter((f) => f.kind === kind).map((f) => f.id))]
      const reads: Promise<void>[] = []
      const nodeIds = ids('node')
      if (nodeIds.length) reads.push(this.refetch('node', () => this.engine.listNodes({ id: nodeIds }), normaliseNode, nodeIds))
      const serviceIds = ids('service')
      if (serviceIds.length) {
        reads.push(this.refetchServices(serviceIds))
        if (!plan.allTasks) reads.push(this.refetchTasks(serviceIds))
      }
      const secretIds = ids('secret')
      if (secretIds.length) reads.push(this.refetch('secret', () => this.engine.listSecrets({ id: secretIds }), normaliseSecret, secretIds))
      const configIds = ids('config')
      if (configIds.length) reads.push(this.refetch('config', () => this.engine.listConfigs({ id: configIds }), normaliseSecret, configIds))
      const networkIds = ids('network')
      if (networkIds.length) reads.push(this.refetch('network', () => this.engine.listNetworks({ id: networkIds }), normaliseNetwork, networkIds))
      if (plan.allTasks) reads.push(this.reconcileTasks())
      if (plan.swarmInfo) reads.push(this.refetchSwarmInfo())
      // followed before the reads end: if one of them fails, the follow reads are what mend it
      const now = Date.now()
      for (const id of plan.followServices) this.following.touch(id, now)
      if (plan.followServices.length) this.armFollow()
      await Promise.all(reads)
    } catch (error) {
      // A failed read means the link is in trouble; the ping or the stream will report it. The
      // next reconcile repairs the model if the link survives.
      void error
    }
    this.scheduleFlush()
  }

  /** Re-read some entities of a kind; those the engine no longer returns are removed. */
  private async refetch<R>(kind: EntityKind, read: () => Promise<R[]>, normalise: (raw: R) => Entity, ids: string[]): Promise<void> {
    const raws = await read()
    const seen = new Set<string>()
    for (const raw of raws) {
      const value = normalise(raw)
      seen.add(value.id)
      this.upsert(kind, value)
    }
    // Filters match id prefixes; only ids we asked about and did not get back are gone.
    for (const id of ids) if (!seen.has(id)) this.remove(kind, id)
  }

  private refetchServices(ids: string[]): Promise<void> {
    return this.refetch('service', () => this.engine.listServices({ status: true, filters: { id: ids } }), normaliseService, ids)
  }

  private async refetchTasks(serviceIds: string[]): Promise<void> {
    const raws = await this.listTasksOf(serviceIds)
    const wanted = new Set(serviceIds)
    const seen = new Set<string>()
    for (const raw of raws) {
      const task = normaliseTask(raw)
      if (!wanted.has(task.serviceId)) continue // the filter also matches names and id prefixes
      seen.add(task.id)
      this.reconcileTouched?.add(task.id)
      this.upsert('task', task)
    }
    for (const serviceId of wanted) {
      for (const task of this.store.tasksOf(serviceId)) if (!seen.has(task.id)) this.remove('task', task.id)
    }
  }

  private scheduleReconcile(delayMs: number): void {
    this.reconcileTimer = setTimeout(() => detached(this.reconcileRound(), 'reconciling tasks'), delayMs)
  }

  private async reconcileRound(): Promise<void> {
    const started = Date.now()
    await this.reconcileTasks()
    if (!this.stopped) this.scheduleReconcile(reconcileDelayMs(Date.now() - started, mirrorTiming))
  }

  /**
   * The tasks of some services. The engine refuses the whole list (404) when one of the services
   * is gone, which happens whenever one is removed between its event and this read: then the
   * services still there are asked for again, so the others' tasks are not lost with it.
   */
  private async listTasksOf(serviceIds: string[]): Promise<EngineTask[]> {
    try {
      return await this.engine.listTasks({ service: serviceIds })
    } catch (error) {
      if (toAppError(error).code !== 'NOT_FOUND') throw error
      const existing = new Set((await this.engine.listServices({ filters: { id: serviceIds } })).map((s) => s.ID))
      const still = serviceIds.filter((id) => existing.has(id))
      return still.length ? this.engine.listTasks({ service: still }) : []
    }
  }

  private async reconcileTasks(): Promise<void> {
    // before the snapshot's second phase is in, that phase is the full read
    if (this.stopped || !this.tasksLoaded) return
    try {
      // every task as it arrives (the list is never held whole: see streamTasks), then those gone
      const seen = new Set<string>()
      this.reconcileTouched = new Set()
      const [, services] = await Promise.all([
        this.engine.streamTasks((raw) => {
          const task = normaliseTask(raw)
          seen.add(task.id)
          this.upsert('task', task)
        }, undefined, { signal: this.abort.signal }),
        this.engine.listServices({ status: true })
      ])
      if (this.stopped) return
      // a task the list lacks is gone, unless another read brought it meanwhile (made after the list)
      for (const id of this.store.ids('task')) if (!seen.has(id) && !this.reconcileTouched.has(id)) this.remove('task', id)
      await this.syncAll('service', services, normaliseService)
      this.scheduleFlush()
    } catch {
      // Reported by the ping or the stream if the link is down.
    } finally {
      this.reconcileTouched = null
    }
  }

  /**
   * Everything of a kind as the engine has it now. In slices, the event loop served between them:
   * at 100,000 tasks, normalising and comparing took 0.7 s in one go, and main answered nothing
   * (no IPC, no event) meanwhile.
   */
  private async syncAll<R>(kind: EntityKind, raws: readonly R[], normalise: (raw: R) => Entity): Promise<void> {
    const seen = new Set<string>()
    for (let start = 0; start < raws.length; start += SYNC_SLICE) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve))
      if (this.stopped) return
      for (const raw of raws.slice(start, start + SYNC_SLICE)) {
        const value = normalise(raw)
        seen.add(value.id)
        this.upsert(kind, value)
      }
    }
    for (const id of this.store.ids(kind)) if (!seen.has(id)) this.remove(kind, id)
  }

  /**
   * Re-read the swarm's facts and every node now (a security change the engine sends no event
   * for: a token or CA rotation, autolock), then push what changed.
   */
  async refreshSwarmAndNodes(): Promise<void> {
    if (this.stopped) return
    const [nodes] = await Promise.all([this.engine.listNodes(), this.refetchSwarmInfo()])
    await this.syncAll('node', nodes, normaliseNode)
    this.scheduleFlush()
  }

  private async refetchSwarmInfo(): Promise<void> {
    const swarm = normaliseSwarmInfo(await this.engine.info(), this.apiVersion)
    if (swarm && JSON.stringify(swarm) !== JSON.stringify(this.swarm)) {
      this.swarm = swarm
      this.pendingDeltas.push({ op: 'swarm', value: swarm })
    }
  }

  /** Arms the follow timer for the next due read; an armed timer is brought forward, never postponed. */
  private armFollow(): void {
    if (this.stopped || this.followReading) return
    const next = this.following.nextAt()
    if (next === null) return
    if (this.followTimer && this.followTimerAt <= next) return
    if (this.followTimer) clearTimeout(this.followTimer)
    this.followTimerAt = next
    this.followTimer = setTimeout(() => detached(this.followTick(), 'following moving tasks'), Math.max(0, next - Date.now()))
  }

  /** Re-reads the followed services that are due and their tasks; drops those settled, gone or followed long enough. */
  private async followTick(): Promise<void> {
    this.followTimer = null
    if (this.stopped) return
    const startedAt = Date.now()
    const ids = this.following.due(startedAt)
    if (ids.length) {
      this.followReading = true
      try {
        await Promise.all([this.refetchServices(ids), this.refetchTasks(ids)])
      } catch {
        // See runPlan: the link's health is judged by the ping and the stream.
      } finally {
        this.followReading = false
      }
      const now = Date.now()
      for (const id of ids) {
        if (this.following.touchedSince(id, startedAt)) continue
        const service = this.store.get('service', id) as Service | undefined
        const waited = this.waitedOn.has(id)
        const over = !service || this.following.expired(id, now) || isServiceSettled(service, this.store.tasksOf(id))
        if (over && !waited) this.following.drop(id)
        else this.following.read(id, now)
      }
      this.scheduleFlush()
    }
    this.armFollow()
  }

  // ---------------------------------------------------------------- model + batching

  /** Holds what a read brought (unless older than what is held: see EntityStore.set) and tells it. */
  private upsert(kind: EntityKind, value: Entity): void {
    if (!this.store.set(kind, value)) return
    this.pendingDeltas.push({ op: 'upsert', kind, value } as Delta)
  }

  private remove(kind: EntityKind, id: string): void {
    if (!this.store.delete(kind, id)) return
    this.pendingDeltas.push({ op: 'remove', kind, id })
  }

  private scheduleFlush(): void {
    if (this.stopped || this.pendingDeltas.length === 0 || this.flushTimer) return
    const wait = Math.max(0, this.lastFlushAt + mirrorTiming.batchIntervalMs - Date.now())
    if (wait === 0) this.flush()
    else this.flushTimer = setTimeout(() => this.flush(), wait)
  }

  private flush(): void {
    this.flushTimer = null
    if (this.stopped || this.pendingDeltas.length === 0) return
    const deltas = this.pendingDeltas
    this.pendingDeltas = []
    this.lastFlushAt = Date.now()
    this.seq += 1
    this.callbacks.onBatch(this.seq, this.seq, deltas)
  }
}

