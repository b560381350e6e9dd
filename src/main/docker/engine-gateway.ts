import type { Duplex, Readable, Writable } from 'node:stream'
import type Dockerode from 'dockerode'
import { ApiCallCounter } from './call-counter'
import { engineCall, type CallOptions } from './call-deadline'
import { engineTiming } from './engine-timing'
import type { EngineClient } from './engine-client'
import { dial, dialArray, dialStream, type DialRequest } from './engine-dial'
import type { EngineContainer, EngineContainerStats, EngineEvent, EngineInfo, EngineNetwork, EngineNode, EngineSecretOrConfig, EngineService, EngineSwarm, EngineSwarmSpec, EngineTask, ExecCreateBody, SwarmUpdateFlags } from './engine-shapes'

type Filters = Record<string, string[]>

/** dockerode's typings leave out the options (and so the abortSignal) these calls accept at run time. */
type TakesSignal<R> = (options: { abortSignal: AbortSignal }) => Promise<R>
function withSignal<R>(target: object, method: () => Promise<R>, abortSignal: AbortSignal): Promise<R> {
  return (method as unknown as TakesSignal<R>).call(target, { abortSignal })
}

interface EngineVolume {
  Name?: string
  Driver?: string
  Scope?: string
  Mountpoint?: string
  Labels?: Record<string, string> | null
  CreatedAt?: string
}

interface EngineVersionInfo {
  ApiVersion?: string
}

/**
 * The one way to the Engine API. Every call is counted by name (the benchmarks read the counter),
 * bounded by a deadline (engineTiming; streams only while they open), cancelled by the caller's
 * AbortSignal, and fails with an AppError (engine-errors.ts). Domain modules get it from their
 * cluster session (`registry.get(clusterId).engine`); stack-engine.ts is the stacks' and secrets'
 * typed view over `request`.
 *
 * To add a call: a method here that names the call and runs the client through `call` (a
 * dockerode helper when it fits, else `dial` with the exact request), typed with a shape of
 * engine-shapes.ts; a call of the stacks' kind goes in stack-engine.ts over `request`. A write
 * guarded by the version index goes through updateWithRetry (versioned-update.ts), with the
 * gateway's inspect and update calls as its read and write.
 */
export class EngineGateway {
  constructor(
    private readonly client: EngineClient,
    readonly counter: ApiCallCounter = new ApiCallCounter()
  ) {}

  /** Count, bound, cancel and map one call (engineCall). */
  private async call<T>(name: string, run: (signal: AbortSignal) => Promise<unknown>, options: CallOptions = {}): Promise<T> {
    return (await engineCall(this.counter, name, run, engineTiming.callMs, options.signal)) as T
  }

  /** A raw request, for typed views (stack-engine.ts): the caller names the call and types the answer. */
  request<T>(name: string, request: DialRequest, options?: CallOptions): Promise<T> {
    return this.call<T>(name, (signal) => dial<T>(this.client, request, signal), options)
  }

  // ---------------------------------------------------------------- engine and swarm

  info(options?: CallOptions): Promise<EngineInfo> {
    return this.call('info', (abortSignal) => withSignal(this.client, this.client.info, abortSignal), options)
  }

  version(options?: CallOptions): Promise<EngineVersionInfo> {
    return this.call('version', (abortSignal) => withSignal(this.client, this.client.version, abortSignal), options)
  }

  ping(options?: CallOptions): Promise<unknown> {
    return this.call('ping', (abortSignal) => withSignal(this.client, this.client.ping, abortSignal), options)
  }

  swarmInit(body: { AdvertiseAddr: string; ListenAddr: string }, options?: CallOptions): Promise<unknown> {
    return this.call('swarmInit', (abortSignal) => this.client.swarmInit({ ...body, abortSignal }), options)
  }

  /** GET /swarm: the spec and its version index, the join tokens, the trust root (a manager only). */
  swarmInspect(options?: CallOptions): Promise<EngineSwarm> {
    return this.call('swarmInspect', (abortSignal) => withSignal(this.client, this.client.swarmInspect, abortSignal), options)
  }

  /**
   * POST /swarm/update?version=N with the whole spec, and the rotation flags (`docker swarm update`,
   * `join-token --rotate`, `unlock-key --rotate`, `ca --rotate`). Guard it with updateWithRetry.
   */
  swarmUpdate(version: number, spec: EngineSwarmSpec, flags: SwarmUpdateFlags = {}, options?: CallOptions): Promise<void> {
    const query: Record<string, string | number | boolean> = { version }
    for (const [flag, on] of Object.entries(flags)) if (on) query[flag] = true
    return this.call('swarmUpdate', (signal) => dial(this.client, { method: 'POST', path: '/swarm/update', query, body: spec }, signal), options)
  }

  /** GET /swarm/unlockkey: the key a locked manager needs (empty when autolock is off). */
  swarmUnlockKey(options?: CallOptions): Promise<{ UnlockKey?: string }> {
    return this.call('swarmUnlockKey', (signal) => dial(this.client, { method: 'GET', path: '/swarm/unlockkey' }, signal), options)
  }

  /** POST /swarm/unlock on a locked manager's own engine. */
  swarmUnlock(unlockKey: string, options?: CallOptions): Promise<void> {
    return this.call('swarmUnlock', (signal) => dial(this.client, { method: 'POST', path: '/swarm/unlock', body: { UnlockKey: unlockKey } }, signal), options)
  }

  swarmLeave(force: boolean, options?: CallOptions): Promise<unknown> {
    return this.call('swarmLeave', (abortSignal) => this.client.swarmLeave({ force, abortSignal }), options)
  }

  // ---------------------------------------------------------------- lists and inspects

  listNodes(filters?: Filters, options?: CallOptions): Promise<EngineNode[]> {
    return this.call('listNodes', (abortSignal) => this.client.listNodes(filters ? { filters: JSON.stringify(filters), abortSignal } : { abortSignal }), options)
  }

  inspectNode(id: string, options?: CallOptions): Promise<EngineNode> {
    return this.call('inspectNode', (abortSignal) => this.client.getNode(id).inspect({ abortSignal }), options)
  }

  /** POST /nodes/{id}/update with the version index read before (see versioned-update.ts). */
  updateNode(id: string, version: number, spec: object, options?: CallOptions): Promise<void> {
    return this.call('updateNode', (abortSignal) => this.client.getNode(id).update({ _query: { version }, _body: spec, abortSignal }), options)
  }

  /** `status`: with each service's running and desired task counts. */
  listServices(query: { status?: boolean; filters?: Filters } = {}, options?: CallOptions): Promise<EngineService[]> {
    return this.call('listServices', (abortSignal) => this.client.listServices({ ...query, abortSignal } as Dockerode.ServiceListOptions), options)
  }

  inspectService(ref: string, options?: CallOptions): Promise<EngineService & { ID: string }> {
    return this.call('inspectService', (abortSignal) => this.client.getService(ref).inspect({ abortSignal }), options)
  }

  listTasks(filters?: Filters, options?: CallOptions): Promise<EngineTask[]> {
    return this.call('listTasks', (abortSignal) => this.client.listTasks(filters ? { filters, abortSignal } : { abortSignal }), options)
  }

  /**
   * GET /tasks read as it arrives, each task handed to `onTask` once parsed, never the whole list
   * at once: at 100,000 tasks the answer is 94 MB, and parsed whole it held 257 MB of raw objects
   * (main kept the heap it grew to). The deadline covers the whole read. Resolves with the count.
   */
  streamTasks(onTask: (task: EngineTask) => void, filters?: Filters, options?: CallOptions): Promise<number> {
    const query = filters ? { filters: JSON.stringify(filters) } : undefined
    return this.call('listTasks', (signal) => dialArray<EngineTask>(this.client, { method: 'GET', path: '/tasks', query }, onTask, signal), options)
  }

  inspectTask(id: string, options?: CallOptions): Promise<EngineTask> {
    return this.call('inspectTask', (abortSignal) => this.client.getTask(id).inspect({ abortSignal }), options)
  }

  listSecrets(filters?: Filters, options?: CallOptions): Promise<EngineSecretOrConfig[]> {
    return this.call('listSecrets', (abortSignal) => this.client.listSecrets(filters ? { filters, abortSignal } : { abortSignal }), options)
  }

  listConfigs(filters?: Filters, options?: CallOptions): Promise<EngineSecretOrConfig[]> {
    return this.call('listConfigs', (abortSignal) => this.client.listConfigs(filters ? { filters, abortSignal } : { abortSignal }), options)
  }

  listNetworks(filters?: Filters, options?: CallOptions): Promise<EngineNetwork[]> {
    return this.call('listNetworks', (abortSignal) => this.client.listNetworks(filters ? { filters, abortSignal } : { abortSignal }), options)
  }

  inspectNetwork(id: string, options?: CallOptions): Promise<EngineNetwork> {
    return this.call('inspectNetwork', (abortSignal) => {
      const network = this.client.getNetwork(id)
      return withSignal(network, network.inspect, abortSignal)
    }, options)
  }

  /** POST /networks/create with the body as given (the stack view adds CheckDuplicate itself). */
  async createNetwork(body: object, options?: CallOptions): Promise<{ id: string }> {
    const created = await this.call<{ id: string }>('createNetwork', (abortSignal) => this.client.createNetwork({ ...body, abortSignal } as unknown as Dockerode.NetworkCreateOptions), options)
    return { id: created.id }
  }

  removeNetwork(id: string, options?: CallOptions): Promise<void> {
    return this.call('removeNetwork', (abortSignal) => this.client.getNetwork(id).remove({ abortSignal }), options)
  }

  /** The volumes of the connected engine's own node. */
  listVolumes(options?: CallOptions): Promise<{ Volumes?: EngineVolume[] | null }> {
    return this.call('listVolumes', (abortSignal) => this.client.listVolumes({ abortSignal }), options)
  }

  // ---------------------------------------------------------------- containers (a node's own engine)

  /** GET /containers/{id}/json: the container's state and its addresses on each network. */
  inspectContainer(id: string, options?: CallOptions): Promise<EngineContainer> {
    return this.call('inspectContainer', (abortSignal) => this.client.getContainer(id).inspect({ abortSignal } as unknown as Dockerode.ContainerInspectOptions), options)
  }

  /**
   * One stats reading (`stream=false&one-shot=true`): CPU and memory counters as the engine reads
   * them from the cgroup, at once. Without one-shot the engine waits for a second reading of its
   * own (1-2 s) to fill precpu_stats; callers that sample take the CPU delta between two of their
   * own readings instead. Engines before API 1.41 ignore one-shot and answer the slow way.
   */
  containerStats(id: string, options?: CallOptions): Promise<EngineContainerStats> {
    type StatsOnce = (options: { stream: false; 'one-shot': true; abortSignal: AbortSignal }) => Promise<EngineContainerStats>
    return this.call('containerStats', (abortSignal) => {
      const container = this.client.getContainer(id)
      return (container.stats as unknown as StatsOnce).call(container, { stream: false, 'one-shot': true, abortSignal })
    }, options)
  }

  /** POST /containers/{id}/exec: `docker exec`'s first step. */
  async execCreate(containerId: string, body: ExecCreateBody, options?: CallOptions): Promise<{ id: string }> {
    const exec = await this.call<Dockerode.Exec>('execCreate', (abortSignal) => this.client.getContainer(containerId).exec({ ...body, abortSignal } as Dockerode.ExecCreateOptions), options)
    return { id: exec.id }
  }

  /**
   * POST /exec/{id}/start, hijacked: one stream both ways (with a TTY the bytes as they are,
   * without one the engine's multiplexed frames). The deadline covers opening it only.
   */
  execStart(execId: string, tty: boolean, options?: CallOptions): Promise<Duplex> {
    return this.call('execStart', (abortSignal) => this.client.getExec(execId).start({ hijack: true, stdin: true, Tty: tty, abortSignal } as Dockerode.ExecStartOptions), options)
  }

  /** POST /exec/{id}/resize: the terminal's new size. */
  execResize(execId: string, cols: number, rows: number, options?: CallOptions): Promise<unknown> {
    return this.call('execResize', (abortSignal) => this.client.getExec(execId).resize({ h: rows, w: cols, abortSignal } as unknown as { h: number; w: number }), options)
  }

  /** GET /exec/{id}/json: whether it still runs, and its exit code once it ended. */
  execInspect(execId: string, options?: CallOptions): Promise<{ Running?: boolean; ExitCode?: number | null }> {
    return this.call('execInspect', (abortSignal) => this.client.getExec(execId).inspect({ abortSignal } as unknown as Dockerode.ExecInspectOptions), options)
  }

  /** The engine's multiplexed stdout/stderr frames (a non-TTY exec, logs) split into two streams. */
  demux(stream: Readable, stdout: Writable, stderr: Writable): void {
    this.client.modem.demuxStream(stream, stdout, stderr)
  }

  // ---------------------------------------------------------------- streams

  /** The swarm's events between two times (Unix seconds), read to the end. */
  eventHistory(types: string[], since: number, until: number, options?: CallOptions): Promise<EngineEvent[]> {
    return this.call(
      'eventHistory',
      async (abortSignal) => {
        const stream = (await this.client.getEvents({ since, until, filters: JSON.stringify({ type: types }), abortSignal } as unknown as Dockerode.GetEventsOptions)) as unknown as Readable
        let text = ''
        for await (const chunk of stream) text += String(chunk)
        return parseEventLines(text + '\n').events
      },
      options
    )
  }

  /**
   * The live /events stream. The deadline covers opening it only; the caller's signal ends it.
   * The client's idle rule is turned off on its socket by the caller (a quiet cluster is normal).
   */
  eventStream(types: string[], options?: CallOptions): Promise<Readable> {
    return this.call('eventStream', (abortSignal) => this.client.getEvents({ filters: JSON.stringify({ type: types }), abortSignal } as unknown as Dockerode.GetEventsOptions) as unknown as Promise<Readable>, options)
  }

  /** GET /services/{id}/logs as a stream; the deadline covers opening it only. */
  serviceLogs(serviceId: string, query: Record<string, string | number | boolean>, options?: CallOptions): Promise<Readable> {
    return this.call(
      'serviceLogs',
      (signal) =>
        dialStream(
          this.client,
          {
            method: 'GET',
            path: `/services/${encodeURIComponent(serviceId)}/logs`,
            query,
            statusCodes: { 200: true, 404: 'no such service', 500: 'server error', 503: 'node is not part of a swarm' }
          },
          signal
        ),
      options
    )
  }
}

/** Events are JSON lines; a line may arrive in pieces, so the unfinished end is handed back. */
export function parseEventLines(buffer: string): { events: EngineEvent[]; rest: string } {
  const lines = buffer.split('\n')
  const rest = lines.pop() ?? ''
  const events: EngineEvent[] = []
  for (const line of lines) {
    if (!line.trim()) continue
    try {
      events.push(JSON.parse(line) as EngineEvent)
    } catch {
      // A malformed line is skipped; the next reconcile or event repairs anything it hid.
    }
  }
  return { events, rest }
}
