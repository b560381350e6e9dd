import { describe, expect, it } from 'vitest'
import type { ApiClient } from '../../api/client'
import type { LogBatch } from '../../../../shared/logs'
import { openLogStream, type Scheduler } from './log-stream'
import type { ViewLine } from './log-buffer'

// The contract's client replaced by a recorder: this tests the renderer's own batching and
// acknowledgement logic, not the transport (the e2e test covers that against the lab).
function harness() {
  const calls: [string, unknown][] = []
  let listener: ((batch: LogBatch) => void) | null = null
  let answerStart: (info: unknown) => void = () => undefined
  const api = {
    transport: 'ws',
    call: (name: string, input: unknown) => {
      calls.push([name, input])
      if (name === 'logs.start') return new Promise((resolve) => (answerStart = resolve))
      return Promise.resolve({ ok: true })
    },
    on: (_name: string, l: (batch: LogBatch) => void) => {
      listener = l
      return () => (listener = null)
    }
  } as unknown as ApiClient
  const frames: (() => void)[] = []
  const scheduler: Scheduler = { request: (cb) => frames.push(cb), cancel: (h) => (frames[h - 1] = () => undefined) }
  const applied: { lines: ViewLine[]; ended: boolean }[] = []
  const stop = openLogStream(api, { clusterId: 'c', target: { serviceIds: ['s'] } }, {
    apply: (lines, meta) => applied.push({ lines, ended: meta.ended }),
    started: () => undefined,
    failed: () => undefined
  }, scheduler)
  const batch = (sessionId: string, seq: number, texts: string[], ended = false): LogBatch => ({
    sessionId, seq, ended, paused: false, tasks: {},
    lines: texts.map((text) => ({ ts: 't', stream: 'stdout' as const, task: '', text }))
  })
  const runFrames = async () => {
    const pending = frames.splice(0)
    for (const frame of pending) frame()
    await Promise.resolve()
  }
  return { calls, applied, stop, batch, runFrames, emit: (b: LogBatch) => listener?.(b), answer: (id: string) => answerStart({ sessionId: id, services: [], cli: '' }), frames }
}

describe('openLogStream', () => {
  it('applies every batch of a frame at once, then acknowledges the last one', async () => {
    const h = harness()
    h.answer('S1')
    await Promise.resolve()
    h.emit(h.batch('S1', 1, ['a', 'b']))
    h.emit(h.batch('S1', 2, ['c']))
    h.emit(h.batch('OTHER', 1, ['not mine']))
    expect(h.applied).toEqual([])
    expect(h.frames).toHaveLength(1)
    await h.runFrames()
    expect(h.applied.map((a) => a.lines.map((l) => l.text))).toEqual([['a', 'b', 'c']])
    expect(h.calls.filter(([name]) => name === 'logs.ack')).toEqual([['logs.ack', { sessionId: 'S1', seq: 2 }]])
  })

  it('keeps batches that arrive before logs.start answers', async () => {
    const h = harness()
    h.emit(h.batch('S2', 1, ['early']))
    h.emit(h.batch('ELSE', 1, ['other session']))
    h.answer('S2')
    await new Promise((r) => setTimeout(r, 0))
    await h.runFrames()
    expect(h.applied.map((a) => a.lines.map((l) => l.text))).toEqual([['early']])
  })

  it('does not acknowledge the ended batch, and stops the session when closed', async () => {
    const h = harness()
    h.answer('S3')
    await Promise.resolve()
    h.emit(h.batch('S3', 1, [], true))
    await h.runFrames()
    expect(h.applied).toEqual([{ lines: [], ended: true }])
    expect(h.calls.some(([name]) => name === 'logs.ack')).toBe(false)
    h.stop()
    expect(h.calls.at(-1)).toEqual(['logs.stop', { sessionId: 'S3' }])
  })
})
