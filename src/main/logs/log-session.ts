import type { IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type { LogBatch, LogLine, LogTask } from '../../shared/logs'
import { phrase, type Phrase } from '../../shared/phrase'
import { toAppError } from '../docker/engine-errors'
import type { EngineGateway } from '../docker/engine-gateway'
import { wordOnRead } from '../i18n/words'
import { FrameDemuxer } from './demux'
import { defaultFlowLimits, LogFlow, type FlowLimits } from './log-flow'
import { LineAssembler, RawLineSplitter, type RawLogLine } from './log-parse'
import { mergeByTime } from './merge'
import { SeamWindow, sinceBefore } from './seam'
import { detached } from '../process-faults'

export interface LogSource {
  id: string
  name: string
  /** A TTY service's stream is raw text, not multiplexed frames. */
  tty: boolean
}

export interface LogSessionOptions {
  sessionId: string
  engine: EngineGateway
  sources: LogSource[]
  follow: boolean
  tail: number | null
  /** Already in the Engine's form (Unix seconds). */
  since: string | null
  /** Who wrote the lines of these tasks (the mirror's view); unknown ids may be left out. */
  describeTasks(taskIds: string[]): Record<string, LogTask>
  /** A task the mirror does not know yet (it just started): asked of the engine. */
  lookupTask(taskId: string): Promise<LogTask | null>
  deliver(batch: LogBatch): void
  /**
   * A followed stream was lost with its link (the manager cut off, its connection or its engine
   * gone): resolves with the engine to follow on through once the cluster answers again (null when
   * no manager answered in time, or the signal aborted: the session stopped), and what to tell the
   * user once (the switch, or why it gave up), if anything.
   */
  resume?(lost: EngineGateway, signal: AbortSignal): Promise<{ engine: EngineGateway | null; said: Phrase | null }>
  onFinished?(): void
  limits?: FlowLimits
  /** Lines are gathered for this long before a batch leaves (fewer, larger messages). */
  tickMs?: number
}

export interface LogSessionStats {
  buffered: number
  unacked: number
  /** The engine streams are paused right now. */
  paused: boolean
  /** How many times the streams were paused. */
  pauses: number
  dropped: number
  /** Lines read from the engine so far. */
  received: number
}

const TASK_LOOKUP_WAIT_MS = 2000

/** A stream lost this many times in a row with no new line in between ends (it is not the link that fails). */
const RESUMES_WITHOUT_LINES = 3

const SESSION_LINE = (text: string): RawLogLine => ({ ts: new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z'), stream: 'stdout', taskId: '', serviceId: '', nodeId: '', text })

/**
 * One log session: a `GET /services/{id}/logs` stream per service, demultiplexed and assembled
 * into lines, queued under the flow control of `LogFlow`, merged by time and delivered in batches.
 * The engine streams are paused (`Readable.pause()`, so TCP pushes back) whenever the queue is full
 * because the consumer does not acknowledge; they resume on acknowledgement.
 */
export class LogSession {
  private readonly flow: LogFlow<RawLogLine | { notice: Phrase; ts: string }>
  private readonly streams = new Map<string, Readable>()
  private readonly ended = new Set<string>()
  private readonly taskCache = new Map<string, LogTask>()
  private timer: NodeJS.Timeout | null = null
  private stopped = false
  private finished = false
  private streamsPaused = false
  private pauses = 0
  private received = 0
  /** Tasks being asked of the engine, with when the question left. */
  private readonly lookups = new Map<string, number>()
  /** Tasks the engine could not name (removed meanwhile): not asked again. */
  private readonly unnamed = new Set<string>()
  /** The engine the streams are read from: the cluster's next one after a failover. */
  private engine: EngineGateway
  /** Per source: what each task delivered, to open a lost stream again just before it and drop what comes twice. */
  private readonly seams = new Map<string, SeamWindow>()
  /** Per source: resumes since its last new line. */
  private readonly resumes = new Map<string, number>()
  /** The wait for the engine after `lost`: shared by the sources lost with it, so the user is told once. */
  private pendingResume: { lost: EngineGateway; next: Promise<EngineGateway | null> } | null = null
  private readonly aborter = new AbortController()

  constructor(private readonly options: LogSessionOptions) {
    this.flow = new LogFlow(options.limits ?? defaultFlowLimits)
    this.engine = options.engine
  }

  get id(): string {
    return this.options.sessionId
  }

  /** Opens every stream; a service that cannot be read fails the start (nothing left running). */
  async start(): Promise<void> {
    try {
      await Promise.all(this.options.sources.map((source) => this.open(source)))
    } catch (error) {
      this.stop()
      throw toAppError(error)
    }
    if (this.stopped) return
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 50)
  }

  ack(seq: number): void {
    if (this.stopped) return
    this.flow.ack(seq)
    this.tick()
  }

  stop(): void {
    if (this.stopped) return
    this.stopped = true
    this.aborter.abort()
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    for (const stream of this.streams.values()) stream.destroy()
    this.streams.clear()
    this.options.onFinished?.()
  }

  stats(): LogSessionStats {
    return {
      buffered: this.flow.buffered,
      unacked: this.flow.unacked,
      paused: this.streamsPaused,
      pauses: this.pauses,
      dropped: this.flow.droppedTotal,
      received: this.received
    }
  }

  /** `resumed`: opened again after its stream was lost (from just before its last lines, which are then dropped). */
  private async open(source: LogSource, resumed = false): Promise<void> {
    const seam = this.seams.get(source.id) ?? new SeamWindow()
    this.seams.set(source.id, seam)
    const resumeSince = resumed ? sinceBefore(seam.newest) : null
    const query: Record<string, string | number | boolean> = {
      stdout: true,
      stderr: true,
      // Always asked: timestamps order the merge, details name the task. Display is the renderer's choice.
      timestamps: true,
      details: true,
      follow: this.options.follow
    }
    if (resumeSince !== null) query.since = resumeSince
    else {
      if (this.options.tail !== null) query.tail = this.options.tail
      if (this.options.since) query.since = this.options.since
    }
    const engine = this.engine
    const stream = await engine.serviceLogs(source.id, query)
    if (this.stopped) {
      stream.destroy()
      return
    }
    // A quiet service must not look like a dead connection: the modem's timeout is an idle timeout.
    ;(stream as IncomingMessage).socket?.setTimeout(0)
    this.streams.set(source.id, stream)
    if (this.streamsPaused) stream.pause()
    const assembler = new LineAssembler(source.id)
    const take = (all: RawLogLine[]): void => {
      const lines = resumed ? seam.unseen(all) : all
      if (lines.length === 0) return
      seam.remember(lines)
      this.resumes.delete(source.id)
      this.learnTasks(lines)
      this.received += lines.length
      this.flow.push(lines)
      this.applyReading()
    }
    if (source.tty) {
      const decoder = new StringDecoder('utf8')
      const splitter = new RawLineSplitter()
      stream.on('data', (chunk: Buffer) => take(splitter.push(decoder.write(chunk)).flatMap((line) => assembler.push('stdout', line))))
      stream.on('end', () => take([...splitter.push(decoder.end()), ...splitter.flush()].flatMap((line) => assembler.push('stdout', line))))
    } else {
      const demuxer = new FrameDemuxer()
      stream.on('data', (chunk: Buffer) => {
        try {
          take(demuxer.push(chunk).flatMap((frame) => assembler.push(frame.stream, frame.payload.toString('utf8'))))
        } catch (error) {
          if (this.streams.get(source.id) === stream) this.endSource(source, phrase('logs.said.stream-failed', { service: source.name, message: (error as Error).message }))
          stream.destroy()
        }
      })
    }
    stream.on('end', () => {
      take(assembler.flush())
      if (this.streams.get(source.id) === stream) this.endSource(source, null)
    })
    stream.on('error', (error: Error) => {
      if (this.stopped || this.streams.get(source.id) !== stream) return
      take(assembler.flush())
      const failure = toAppError(error)
      this.lost(source, engine, phrase('logs.said.stream-failed', { service: source.name, message: failure.data.said ?? failure.message }))
    })
    stream.on('close', () => {
      if (this.streams.get(source.id) !== stream) return
      if (this.stopped || !this.options.follow) this.endSource(source, null)
      else this.lost(source, engine, phrase('logs.said.stream-closed', { service: source.name }))
    })
  }

  /**
   * A followed stream failed or closed before its end: its link may have gone with the manager.
   * The session waits for the cluster to answer again and opens the stream there, just before the
   * last lines it delivered; it ends saying why only when no manager answered in time (or the
   * stream keeps failing with no line in between: then it is not the link).
   */
  private lost(source: LogSource, engine: EngineGateway, problem: Phrase): void {
    this.streams.delete(source.id)
    const tries = (this.resumes.get(source.id) ?? 0) + 1
    if (!this.options.follow || !this.options.resume || tries > RESUMES_WITHOUT_LINES) {
      this.endSource(source, problem)
      return
    }
    this.resumes.set(source.id, tries)
    detached(this.resumeSource(source, engine, problem), `following ${source.name} on through another manager`)
  }

  private async resumeSource(source: LogSource, lost: EngineGateway, problem: Phrase): Promise<void> {
    const next = await this.engineAfter(lost)
    if (this.stopped) return
    if (!next) {
      this.endSource(source, problem)
      return
    }
    try {
      await this.open(source, true)
    } catch (error) {
      const failure = toAppError(error)
      this.endSource(source, phrase('logs.said.stream-failed', { service: source.name, message: failure.data.said ?? failure.message }))
    }
  }

  private engineAfter(lost: EngineGateway): Promise<EngineGateway | null> {
    const resume = this.options.resume
    if (!resume) return Promise.resolve(null)
    if (this.pendingResume?.lost !== lost) {
      const next = resume(lost, this.aborter.signal)
        .catch(() => ({ engine: null, said: null }))
        .then(({ engine, said }) => {
        if (this.stopped) return null
        if (said) this.flow.push([{ notice: said, ts: SESSION_LINE('').ts }])
        if (engine) this.engine = engine
        return engine
      })
      this.pendingResume = { lost, next }
    }
    return this.pendingResume.next
  }

  private endSource(source: LogSource, problem: Phrase | null): void {
    if (this.ended.has(source.id)) return
    this.ended.add(source.id)
    this.streams.delete(source.id)
    if (problem) this.flow.push([{ notice: problem, ts: SESSION_LINE('').ts }])
  }

  private applyReading(): void {
    const shouldPause = !this.flow.reading
    if (shouldPause === this.streamsPaused) return
    this.streamsPaused = shouldPause
    if (shouldPause) this.pauses += 1
    for (const stream of this.streams.values()) {
      if (shouldPause) stream.pause()
      else stream.resume()
    }
  }

  /**
   * Names the tasks of new lines before they leave, so that every line carries its `service.slot`:
   * from the mirror, or (a task that started a moment ago) from the engine.
   */
  private learnTasks(lines: RawLogLine[]): void {
    const unknown = [...new Set(lines.map((line) => line.taskId))].filter((id) => id && !this.taskCache.has(id) && !this.lookups.has(id) && !this.unnamed.has(id))
    if (unknown.length === 0) return
    const found = this.options.describeTasks(unknown)
    for (const id of unknown) {
      if (found[id]) {
        this.taskCache.set(id, found[id])
        continue
      }
      this.lookups.set(id, Date.now())
      // in the background: the lines are shown with the id until the name is known
      detached(
        this.options
          .lookupTask(id)
          .catch(() => null)
          .then((task) => {
            if (task) this.taskCache.set(id, task)
            else this.unnamed.add(id)
            this.lookups.delete(id)
            this.tick()
          }),
        `naming task ${id}`
      )
    }
  }

  /** Lines wait for their task's name at most this long, then leave named by ids. */
  private waitingForTasks(): boolean {
    for (const since of this.lookups.values()) if (Date.now() - since < TASK_LOOKUP_WAIT_MS) return true
    return false
  }

  private tick(): void {
    if (this.stopped || this.waitingForTasks()) return
    for (let batch = this.flow.take(); batch; batch = this.flow.take()) {
      const lines: LogLine[] = []
      const raw: RawLogLine[] = []
      for (const item of batch.items) {
        if (item.kind === 'skipped') lines.push({ ts: '', stream: 'skipped', task: '', text: '', count: item.count })
        else if ('notice' in item.line) lines.push(wordOnRead({ ts: item.line.ts, stream: 'notice', task: '', text: '', said: item.line.notice }, 'text', item.line.notice))
        else raw.push(item.line)
      }
      // Per task and stream: the engine copies stdout and stderr separately, each in time order.
      const merged = mergeByTime(raw, (line) => `${line.taskId} ${line.stream}`, (line) => line.ts)
      for (const line of merged) lines.push({ ts: line.ts, stream: line.stream, task: line.taskId, text: line.text })
      this.deliver(batch.seq, lines, this.tasksOf(merged), false)
      this.applyReading()
    }
    this.applyReading()
    if (!this.finished && this.ended.size === this.options.sources.length && this.flow.buffered === 0) {
      this.finished = true
      this.deliver(this.flow.nextSeq(), [], {}, true)
      this.stop()
    }
  }

  private deliver(seq: number, lines: LogLine[], tasks: Record<string, LogTask>, ended: boolean): void {
    this.options.deliver({ sessionId: this.options.sessionId, seq, lines, tasks, paused: this.streamsPaused, ended })
  }

  private tasksOf(lines: RawLogLine[]): Record<string, LogTask> {
    const tasks: Record<string, LogTask> = {}
    for (const line of lines) {
      if (!line.taskId || tasks[line.taskId]) continue
      // Neither the mirror nor the engine knew it in time: name it from the line itself.
      tasks[line.taskId] = this.taskCache.get(line.taskId) ?? {
        serviceId: line.serviceId,
        service: this.options.sources.find((s) => s.id === line.serviceId)?.name ?? line.serviceId,
        slot: null,
        nodeId: line.nodeId,
        node: line.nodeId
      }
    }
    return tasks
  }
}
