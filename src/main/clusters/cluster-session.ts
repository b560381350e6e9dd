import { describeEndpoint, type ClusterPhase, type ClusterState, type ConnectionProfile, type Endpoint } from '../../shared/connections'
import type { Snapshot } from '../../shared/domain'
import type { AppError } from '../../shared/errors'
import { phrase, type Phrase } from '../../shared/phrase'
import { refusal, wordOnRead } from '../i18n/words'
import type { EngineHandle } from '../connections/engine-handle'
import type { SshConnection } from '../connections/ssh/ssh-connection'
import type { ApiCallCounter } from '../docker/call-counter'
import { toAppError } from '../docker/engine-errors'
import { EngineGateway } from '../docker/engine-gateway'
import { ClusterMirror } from '../mirror/cluster-mirror'
import type { EngineInfo } from '../docker/engine-shapes'
import type { EventBus } from '../rpc/event-bus'
import { classifyEngine, reconnectDelayMs } from './engine-probe'
import { detached } from '../process-faults'

export interface SessionDeps {
  bus: EventBus
  /** Open the carrier for endpoint `index` of the profile (passphrases are looked up there). */
  connect(profile: ConnectionProfile, index: number): Promise<EngineHandle>
  /** Counts every Engine API call of the session (the benchmarks read it). */
  counter?: ApiCallCounter
}

type Attached = { handle: EngineHandle; engine: EngineGateway; index: number; mirror: ClusterMirror | null; nodeId: string | null }

/**
 * One open cluster: which endpoint it uses, its phase, and its mirror. When the link drops it
 * reconnects with backoff, trying the endpoint in use first and then the profile's other managers,
 * and only accepts a manager of the same swarm. Its state is published as `cluster.state`.
 */
export class ClusterSession {
  private attached: Attached | null = null
  private swarmId: string | null = null
  private closed = false
  private reconnectTimer: NodeJS.Timeout | null = null
  private lastSeq = 0
  /** the link was lost because the endpoint stopped answering (not closed): try the others first */
  private lostByTimeout = false
  state: ClusterState

  constructor(
    readonly clusterId: string,
    readonly profile: ConnectionProfile,
    private readonly deps: SessionDeps
  ) {
    this.state = {
      clusterId,
      profileId: profile.id,
      name: profile.name,
      phase: 'connecting',
      endpoint: null,
      endpointIndex: null,
      error: null,
      notice: null,
      noticeSaid: null,
      since: new Date().toISOString()
    }
  }

  /** The engine in use, for procedures that act on the cluster. */
  get engine(): EngineGateway {
    if (!this.attached) throw refusal('UNAVAILABLE', phrase('clusters.said.unavailable', { name: this.profile.name, phase: phasePhrase(this.state.phase) }))
    return this.attached.engine
  }

  /**
   * How the cluster is reached now: the manager's node, and the SSH connection when the engine
   * rides on one (node access jumps through it to the other nodes). Null while not attached.
   */
  get access(): { managerNodeId: string | null; ssh: SshConnection | null; endpointIndex: number } | null {
    if (!this.attached) return null
    return { managerNodeId: this.attached.nodeId, ssh: this.attached.handle.ssh ?? null, endpointIndex: this.attached.index }
  }

  get phase(): ClusterPhase {
    return this.state.phase
  }

  /** The live mirror (null while reconnecting or outside a swarm): convergence waits follow services through it. */
  get mirror(): ClusterMirror | null {
    return this.attached?.mirror ?? null
  }

  /** The model as it is now, perhaps still without its tasks (`tasksLoaded`): what the app paints first. */
  currentSnapshot(): Snapshot {
    return this.currentMirror().snapshot()
  }

  /**
   * The whole model, tasks included: a snapshot's second phase is awaited (at 100,000 tasks the
   * task list comes seconds after the rest). Every reader in main that acts on the model uses this.
   */
  async snapshot(): Promise<Snapshot> {
    const mirror = this.currentMirror()
    await mirror.tasksComplete()
    return mirror.snapshot()
  }

  private currentMirror(): ClusterMirror {
    const mirror = this.attached?.mirror
    if (!mirror) throw refusal('UNAVAILABLE', phrase('clusters.said.no-mirror', { name: this.profile.name, phase: phasePhrase(this.state.phase) }))
    return mirror
  }

  /**
   * First connection: endpoints in order; the first manager wins. An engine outside any swarm
   * keeps the session open in 'no-swarm' (to offer `swarm init`). If every endpoint fails, the
   * most telling error is thrown and the session is not kept.
   */
  async open(): Promise<void> {
    const errors: AppError[] = []
    for (const [index, endpoint] of this.profile.endpoints.entries()) {
      if (this.closed) throw this.closedError()
      try {
        const outcome = await this.attach(endpoint, index)
        if (outcome === 'manager' || outcome === 'no-swarm') return
      } catch (error) {
        errors.push(toAppError(error))
      }
    }
    // Host-key questions come first: they need the user, everything else is information.
    const worst = errors.find((e) => e.code === 'HOST_KEY_UNKNOWN' || e.code === 'HOST_KEY_CHANGED') ?? errors[0]
    this.closed = true
    throw worst ?? refusal('UNREACHABLE', phrase('clusters.said.no-endpoint'))
  }

  /** Re-probe the engine in use (after swarm init/leave), rebuilding the mirror as needed. */
  async refresh(): Promise<void> {
    const current = this.attached
    if (!current) return
    current.mirror?.stop()
    this.attached = null
    this.swarmId = null
    current.handle.close()
    await this.attach(this.profile.endpoints[current.index], current.index)
  }

  close(): void {
    if (this.closed && this.state.phase === 'closed') return
    this.closed = true
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.detach()
    this.setState({ phase: 'closed', ...noticeOf(null) })
  }

  private closedError(): AppError {
    return refusal('UNAVAILABLE', phrase('clusters.said.unavailable', { name: this.profile.name, phase: phasePhrase('closed') }))
  }

  /**
   * A close() may come while an attach waits (connecting, probing, taking the snapshot): after each
   * wait the attach checks, and gives back what it opened instead of bringing a closed session back.
   */
  private abandonIfClosed(handle: EngineHandle, mirror?: ClusterMirror): void {
    if (!this.closed) return
    mirror?.stop()
    handle.close()
    throw this.closedError()
  }

  private async attach(endpoint: Endpoint, index: number): Promise<'manager' | 'no-swarm'> {
    const handle = await this.deps.connect(this.profile, index)
    this.abandonIfClosed(handle)
    const engine = new EngineGateway(handle.docker, this.deps.counter)
    let info: EngineInfo
    let apiVersion = ''
    try {
      const [rawInfo, version] = await Promise.all([engine.info(), engine.version()])
      info = rawInfo
      apiVersion = version.ApiVersion ?? ''
    } catch (error) {
      handle.close()
      throw toAppError(error)
    }
    this.abandonIfClosed(handle)
    const role = classifyEngine(info)
    const where = info.Name ? phrase('clusters.said.where', { endpoint: describeEndpoint(endpoint), engine: info.Name }) : phrase('clusters.said.where-unnamed', { endpoint: describeEndpoint(endpoint) })
    if (role.kind === 'worker') {
      handle.close()
      throw refusal(
        'NOT_A_MANAGER',
        role.managers.length ? phrase('clusters.said.worker-managers', { where, managers: role.managers.join(', ') }) : phrase('clusters.said.worker', { where })
      )
    }
    if (role.kind === 'locked') {
      handle.close()
      throw refusal('ENGINE_ERROR', phrase('clusters.said.locked', { where }))
    }
    if (role.kind === 'no-leader') {
      handle.close()
      throw refusal('ENGINE_ERROR', phrase('clusters.said.no-leader', { where }))
    }
    if (role.kind === 'pending') {
      handle.close()
      // the state and its error are the engine's own words
      throw refusal('ENGINE_ERROR', role.error ? phrase('clusters.said.pending-error', { where, state: role.state, error: role.error }) : phrase('clusters.said.pending', { where, state: role.state }))
    }
    if (role.kind === 'no-swarm') {
      this.attached = { handle, engine, index, mirror: null, nodeId: info.Swarm?.NodeID || null }
      this.watchCarrier(handle)
      this.setState({ phase: 'no-swarm', endpoint: handle.description, endpointIndex: index, error: null })
      return 'no-swarm'
    }
    if (this.swarmId && role.swarmId !== this.swarmId) {
      handle.close()
      throw refusal('ENGINE_ERROR', phrase('clusters.said.other-swarm', { where, swarm: role.swarmId, expected: this.swarmId }))
    }
    const mirror = new ClusterMirror(engine, {
      onBatch: (fromSeq, toSeq, deltas) => {
        this.lastSeq = toSeq
        this.deps.bus.publish('mirror.deltas', { clusterId: this.clusterId, fromSeq, toSeq, deltas })
      },
      onLost: (error) => this.linkLost(error)
    }, { startSeq: this.lastSeq + 1, apiVersion })
    let snapshot: Snapshot
    try {
      snapshot = await mirror.start(info)
    } catch (error) {
      handle.close()
      throw toAppError(error)
    }
    this.abandonIfClosed(handle, mirror)
    this.lastSeq = snapshot.seq
    const previous = this.attached
    this.attached = { handle, engine, index, mirror, nodeId: info.Swarm?.NodeID || null }
    this.swarmId = role.swarmId
    this.watchCarrier(handle)
    const switched = previous === null && this.state.endpointIndex !== null && this.state.endpointIndex !== index
    this.setState({
      phase: 'ready',
      endpoint: handle.description,
      endpointIndex: index,
      error: null,
      ...noticeOf(
        switched
          ? phrase('clusters.said.switched', { from: describeEndpoint(this.profile.endpoints[this.state.endpointIndex ?? 0]), to: describeEndpoint(endpoint) })
          : this.state.phase === 'reconnecting'
            ? phrase('clusters.said.reconnected', { endpoint: describeEndpoint(endpoint) })
            : null
      )
    })
    this.deps.bus.publish('mirror.reset', { clusterId: this.clusterId, snapshot })
    // the snapshot's second phase (the task list) comes after the first is out
    detached(mirror.loadTasks(), 'loading the task list')
    return 'manager'
  }

  private watchCarrier(handle: EngineHandle): void {
    handle.onClosed((reason) => {
      if (this.attached?.handle === handle) this.linkLost(reason ? toAppError(reason) : refusal('CONNECTION_LOST', phrase('clusters.said.engine-closed')))
    })
  }

  private detach(): void {
    const current = this.attached
    this.attached = null
    current?.mirror?.stop()
    current?.handle.close()
  }

  private linkLost(error: AppError): void {
    if (this.closed || this.state.phase === 'reconnecting') return
    this.lostByTimeout = error.code === 'TIMEOUT'
    this.detach()
    this.setState({ phase: 'reconnecting', error: stateError(error), ...noticeOf(null) })
    this.scheduleReconnect(0)
  }

  private scheduleReconnect(attempt: number): void {
    if (this.closed) return
    // reconnect() handles every failure of an attempt itself; what is left would be a defect, logged
    this.reconnectTimer = setTimeout(() => detached(this.reconnect(attempt), `reconnecting ${this.profile.name}`), attempt === 0 ? 0 : reconnectDelayMs(attempt))
  }

  /**
   * One round: the endpoint that was in use, then every other one, in profile order. When that
   * endpoint stopped answering (a time-out: cut off, not restarted), the others come first: a new
   * connection to it would only wait for its own connect time-out while another manager answers.
   */
  private async reconnect(attempt: number): Promise<void> {
    this.reconnectTimer = null
    const current = this.state.endpointIndex ?? 0
    const others = this.profile.endpoints.map((_, i) => i).filter((i) => i !== current)
    const order = this.lostByTimeout ? [...others, current] : [current, ...others]
    let lastError: AppError | null = null
    for (const index of order) {
      if (this.closed) return
      try {
        const outcome = await this.attach(this.profile.endpoints[index], index)
        if (outcome === 'manager' || outcome === 'no-swarm') return
      } catch (error) {
        lastError = toAppError(error)
      }
    }
    if (this.closed) return
    const delay = reconnectDelayMs(attempt + 1)
    this.setState({
      phase: 'reconnecting',
      error: lastError ? stateError(lastError) : this.state.error,
      ...noticeOf(phrase('clusters.said.retrying', { seconds: Math.round(delay / 100) / 10 }))
    })
    this.scheduleReconnect(attempt + 1)
  }

  private setState(change: Partial<ClusterState>): void {
    const phaseChanged = change.phase !== undefined && change.phase !== this.state.phase
    this.state = { ...this.state, ...change, since: phaseChanged ? new Date().toISOString() : this.state.since }
    this.deps.bus.publish('cluster.state', this.state)
  }
}

/** A notice in both forms: the English for logs and the CLI, the phrase for the app. */
function noticeOf(said: Phrase | null): Pick<ClusterState, 'notice' | 'noticeSaid'> {
  return said ? wordOnRead({ notice: '', noticeSaid: said }, 'notice', said) : { notice: null, noticeSaid: null }
}

function stateError(error: AppError): NonNullable<ClusterState['error']> {
  return error.data.said ? { code: error.code, message: error.message, said: error.data.said } : { code: error.code, message: error.message }
}

function phasePhrase(phase: ClusterPhase): Phrase {
  switch (phase) {
    case 'connecting':
      return phrase('clusters.said.phase.connecting')
    case 'ready':
      return phrase('clusters.said.phase.ready')
    case 'no-swarm':
      return phrase('clusters.said.phase.no-swarm')
    case 'not-manager':
      return phrase('clusters.said.phase.not-manager')
    case 'reconnecting':
      return phrase('clusters.said.phase.reconnecting')
    case 'failed':
      return phrase('clusters.said.phase.failed')
    case 'closed':
      return phrase('clusters.said.phase.closed')
  }
}
