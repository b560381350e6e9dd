import { describe, expect, it } from 'vitest'
import { LogFlow, type FlowLimits } from './log-flow'

const limits: FlowLimits = { maxUnacked: 2, maxBatchLines: 3, highWater: 6, lowWater: 2, maxBuffered: 10 }
const numbers = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i)
const linesOf = (batch: ReturnType<LogFlow<number>['take']>) => batch?.items.map((i) => (i.kind === 'line' ? i.line : `skipped ${i.count}`))

describe('LogFlow', () => {
  it('sends batches of at most maxBatchLines, numbered from 1', () => {
    const flow = new LogFlow<number>(limits)
    flow.push(numbers(1, 4))
    expect(flow.take()).toMatchObject({ seq: 1 })
    expect(linesOf(flow.take())).toEqual([4])
    expect(flow.take()).toBeNull()
  })

  it('stops sending while maxUnacked batches wait, and resumes on ack', () => {
    const flow = new LogFlow<number>(limits)
    flow.push(numbers(1, 5))
    expect(linesOf(flow.take())).toEqual([1, 2, 3])
    flow.push([6])
    expect(linesOf(flow.take())).toEqual([4, 5, 6])
    flow.push([7])
    expect(flow.take()).toBeNull()
    expect(flow.unacked).toBe(2)
    flow.ack(1)
    expect(linesOf(flow.take())).toEqual([7])
  })

  it('stops reading at highWater and reads again at lowWater once acknowledged (hysteresis)', () => {
    const flow = new LogFlow<number>(limits)
    const steps: [string, boolean, number][] = []
    const record = (step: string) => steps.push([step, flow.reading, flow.buffered])
    flow.push(numbers(1, 5))
    record('5 queued')
    flow.push([6])
    record('6 queued: highWater')
    flow.take()
    record('one batch out, 3 left')
    flow.take()
    record('two batches out, none acknowledged')
    flow.push(numbers(7, 3))
    record('3 more in flight')
    flow.ack(2)
    record('acked: still 3 > lowWater')
    flow.take()
    record('sent: 0 left')
    expect(steps).toEqual([
      ['5 queued', true, 5],
      ['6 queued: highWater', false, 6],
      ['one batch out, 3 left', false, 3],
      ['two batches out, none acknowledged', false, 0],
      ['3 more in flight', false, 3],
      ['acked: still 3 > lowWater', false, 3],
      ['sent: 0 left', true, 0]
    ])
  })

  it('never holds more than maxBuffered lines; dropped lines become one explicit marker', () => {
    const flow = new LogFlow<number>(limits)
    flow.push(numbers(1, 13))
    expect(flow.buffered).toBe(10)
    expect(flow.droppedTotal).toBe(3)
    expect(linesOf(flow.take())).toEqual(['skipped 3', 4, 5, 6])
    expect(linesOf(flow.take())).toEqual([7, 8, 9])
    flow.ack(2)
    expect(linesOf(flow.take())).toEqual([10, 11, 12])
  })

  it('ignores stale and future acknowledgements', () => {
    const flow = new LogFlow<number>(limits)
    flow.push(numbers(1, 6))
    flow.take()
    flow.ack(5)
    expect(flow.unacked).toBe(1)
    flow.ack(1)
    flow.ack(0)
    expect(flow.unacked).toBe(0)
  })

  it('keeps order across internal compaction', () => {
    const flow = new LogFlow<number>({ maxUnacked: 1, maxBatchLines: 1000, highWater: 1e9, lowWater: 0, maxBuffered: 1e9 })
    const seen: number[] = []
    for (let round = 0; round < 20; round++) {
      flow.push(numbers(round * 700, 700))
      const batch = flow.take()
      for (const item of batch?.items ?? []) if (item.kind === 'line') seen.push(item.line)
      flow.ack(batch?.seq ?? 0)
    }
    for (let batch = flow.take(); batch; batch = flow.take()) {
      for (const item of batch.items) if (item.kind === 'line') seen.push(item.line)
      flow.ack(batch.seq)
    }
    expect(seen).toEqual(numbers(0, 14_000))
  })
})
