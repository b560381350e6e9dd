import type { ApiClient } from '../../api/client'
import type { EventPayload, ProcedureInput } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import type { LogSessionInfo } from '../../../../shared/logs'
import { toViewLines, type ViewLine } from './log-buffer'

type Batch = EventPayload<'logs.batch'>

export interface LogStreamHandlers {
  /** Called at most once per animation frame with every line that arrived since the last one. */
  apply(lines: ViewLine[], meta: { paused: boolean; ended: boolean }): void
  started(info: LogSessionInfo): void
  failed(error: AppError): void
}

/** When to apply what arrived: the next animation frame in the browser (the bench in Node passes its own). */
export interface Scheduler {
  request(callback: () => void): number
  cancel(handle: number): void
}

/**
 * One log session seen from the renderer: starts it, gathers its batches, applies them once per
 * animation frame (so a burst of batches costs one render), then acknowledges the last one. A
 * hidden or busy view therefore stops acknowledging, and main stops reading the engine.
 * Returns the stop function.
 */
export function openLogStream(api: ApiClient, input: ProcedureInput<'logs.start'>, handlers: LogStreamHandlers, scheduler: Scheduler): () => void {
  let sessionId: string | null = null
  let stopped = false
  let frame: number | null = null
  // Batches can arrive before logs.start answers: keep them until the session id is known.
  let early: Batch[] = []
  let queued: Batch[] = []

  const flush = (): void => {
    frame = null
    if (stopped || queued.length === 0) return
    const batches = queued
    queued = []
    const lines: ViewLine[] = []
    for (const batch of batches) for (const line of toViewLines(batch.lines, batch.tasks)) lines.push(line)
    const last = batches[batches.length - 1]
    handlers.apply(lines, { paused: last.paused, ended: batches.some((b) => b.ended) })
    if (!last.ended && sessionId) void api.call('logs.ack', { sessionId, seq: last.seq }).catch(() => undefined)
  }
  const accept = (batch: Batch): void => {
    queued.push(batch)
    if (frame === null) frame = scheduler.request(flush)
  }

  const unsubscribe = api.on('logs.batch', (batch) => {
    if (stopped) return
    if (sessionId === null) early.push(batch)
    else if (batch.sessionId === sessionId) accept(batch)
  })

  api
    .call('logs.start', input)
    .then((info) => {
      if (stopped) {
        void api.call('logs.stop', { sessionId: info.sessionId }).catch(() => undefined)
        return
      }
      sessionId = info.sessionId
      handlers.started(info)
      for (const batch of early) if (batch.sessionId === info.sessionId) accept(batch)
      early = []
    })
    .catch((error: unknown) => {
      if (!stopped) handlers.failed(error instanceof AppError ? error : new AppError('INTERNAL', String(error)))
    })

  return () => {
    stopped = true
    unsubscribe()
    if (frame !== null) scheduler.cancel(frame)
    if (sessionId) void api.call('logs.stop', { sessionId }).catch(() => undefined)
  }
}
