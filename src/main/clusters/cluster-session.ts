import { describeEndpoint, type ClusterPhase, type ClusterState, type ConnectionProfile, type Endpoint } from '../../shared/connections'
import type { Snapshot } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { EngineHandle } from '../connections/engine-handle'
import { toAppError } from '../docker/engine-errors'
import { ClusterMirror, type ApiCallCounter } from '../mirror/cluster-mirror'
import type { EngineInfo } from '../mirror/engine-shapes'
import type { EventBus } from '../rpc/event-bus'
import { classifyEngine, reconnectDelayMs } from './engine-probe'

export interface SessionDeps {
  bus: EventBus
  /** Open the carrier for endpoint `index` of the profile (passphrases are looked up there). */
  connect(profile: ConnectionProfile, index: number): Promise<EngineHandle>
  counter?: ApiCallCounter
}

type Attached = { handle: EngineHandle; index: number; mirror: ClusterMirror | null }

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
      since: new Date().toISOString()
    }
  }

  /** The engine in use, for procedures that act on the cluster. */
  get docker() {
    if (!this.attached) throw new AppError('UNAVAILABLE', `${this.profile.name} is ${this.state.phase}: no engine connected`)
    return this.attached.handle.docker
  }

  get phase(): ClusterPhase {
    return this.state.phase
  }

  snapshot(): Snapshot {
    const mirror = this.attached?.mirror
    if (!mirror) throw new AppError('UNAVAILABLE', `${this.profile.name} has no live mirror (${this.state.phase})`)
    return mirror.snapshot()
  }

  /**
   * First connection: endpoints in order; the first manager wins. An engine outside any swarm
   * keeps the session open in 'no-swarm' (to offer `swarm init`). If every endpoint fails, the
   * most telling error is thrown and the session is not kept.
   */
  async open(): Promise<void> {
    const errors: AppError[] = []
    for (const [index, endpoint] of this.profile.endpoints.entries()) {
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
    throw worst ?? new AppError('UNREACHABLE', 'no endpoint answered')
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
    this.setState({ phase: 'closed', notice: null })
  }

  private async attach(endpoint: Endpoint, index: number): Promise<'manager' | 'no-swarm'> {
    const handle = await this.deps.connect(this.profile, index)
    let info: EngineInfo
    let apiVersion = ''
    try {
      const [rawInfo, version] = await Promise.all([handle.docker.info(), handle.docker.version()])
      info = rawInfo as EngineInfo
      apiVersion = (version as { ApiVersion?: string }).ApiVersion ?? ''
    } catch (error) {
      handle.close()
      throw toAppError(error)
    }
    const role = classifyEngine(info)
    const where = `${describeEndpoint(endpoint)} (${info.Name ?? 'engine'})`
    if (role.kind === 'worker') {
      handle.close()
      const managers = role.managers.length ? ` Managers of this swarm: ${role.managers.join(', ')}.` : ''
      throw new AppError('NOT_A_MANAGER', `${where} is a worker node; SwarmDesk needs a manager to read the swarm.${managers}`)
    }
    if (role.kind === 'locked') {
      handle.close()
      throw new AppError('ENGINE_ERROR', `${where}: the swarm is locked (autolock); unlock it with docker swarm unlock`)
    }
    if (role.kind === 'pending') {
      handle.close()
      throw new AppError('ENGINE_ERROR', `${where}: swarm state is "${role.state}"${role.error ? `: ${role.error}` : ''}`)
    }
    if (role.kind === 'no-swarm') {
      this.attached = { handle, index, mirror: null }
      this.watchCarrier(handle)
      this.setState({ phase: 'no-swarm', endpoint: handle.description, endpointIndex: index, error: null })
      return 'no-swarm'
    }
    if (this.swarmId && role.swarmId !== this.swarmId) {
      handle.close()
      throw new AppError('ENGINE_ERROR', `${where} is a manager of another swarm (${role.swarmId}), not of ${this.swarmId}`)
    }
    const mirror = new ClusterMirror(handle.docker, {
      onBatch: (fromSeq, toSeq, deltas) => {
        this.lastSeq = toSeq
        this.deps.bus.publish('mirror.deltas', { clusterId: this.clusterId, fromSeq, toSeq, deltas })
      },
      onLost: (error) => this.linkLost(error)
    }, { startSeq: this.lastSeq + 1, counter: this.deps.counter, apiVersion })
    let snapshot: Snapshot
    try {
      snapshot = await mirror.start(info)
    } catch (error) {
      handle.close()
      throw toAppError(error)
    }
    this.lastSeq = snapshot.seq
    const previous = this.attached
    this.attached = { handle, index, mirror }
    this.swarmId = role.swarmId
    this.watchCarrier(handle)
    const switched = previous === null && this.state.endpointIndex !== null && this.state.endpointIndex !== index
    this.setState({
      phase: 'ready',
      endpoint: handle.description,
      endpointIndex: index,
      error: null,
      notice: switched
        ? `${describeEndpoint(this.profile.endpoints[this.state.endpointIndex ?? 0])} stopped answering; switched to ${describeEndpoint(endpoint)}`
        : this.state.phase === 'reconnecting'
          ? `reconnected to ${describeEndpoint(endpoint)}`
          : null
    })
    this.deps.bus.publish('mirror.reset', { clusterId: this.clusterId, snapshot })
    return 'manager'
  }

  private watchCarrier(handle: EngineHandle): void {
    handle.onClosed((reason) => {
      if (this.attached?.handle === handle) this.linkLost(reason ? toAppError(reason) : new AppError('CONNECTION_LOST', 'the connection to the engine closed'))
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
    this.detach()
    this.setState({ phase: 'reconnecting', error: { code: error.code, message: error.message }, notice: null })
    this.scheduleReconnect(0)
  }

  private scheduleReconnect(attempt: number): void {
    if (this.closed) return
    this.reconnectTimer = setTimeout(() => void this.reconnect(attempt), attempt === 0 ? 0 : reconnectDelayMs(attempt))
  }

  /** One round: the endpoint that was in use, then every other one, in profile order. */
  private async reconnect(attempt: number): Promise<void> {
    this.reconnectTimer = null
    const current = this.state.endpointIndex ?? 0
    const order = [current, ...this.profile.endpoints.map((_, i) => i).filter((i) => i !== current)]
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
      error: lastError ? { code: lastError.code, message: lastError.message } : this.state.error,
      notice: `no manager answered; trying again in ${Math.round(delay / 100) / 10}s`
    })
    this.scheduleReconnect(attempt + 1)
  }

  private setState(change: Partial<ClusterState>): void {
    const phaseChanged = change.phase !== undefined && change.phase !== this.state.phase
    this.state = { ...this.state, ...change, since: phaseChanged ? new Date().toISOString() : this.state.since }
    this.deps.bus.publish('cluster.state', this.state)
  }
}
