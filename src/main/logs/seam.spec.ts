import { describe, expect, it } from 'vitest'
import type { RawLogLine } from './log-parse'
import { dropDelivered, lineKey, SeamWindow, sinceBefore, timestampNanos } from './seam'

const line = (taskId: string, ts: string, text: string): RawLogLine => ({ ts, stream: 'stdout', taskId, serviceId: 's', nodeId: 'n', text })
const at = (seconds: number, nanos = 0) => `2026-12-06T12:00:${String(seconds).padStart(2, '0')}.${String(nanos).padStart(9, '0')}Z`
const BASE = Date.parse('2026-12-06T12:00:00Z') / 1000

describe('timestampNanos', () => {
  it.each([
    [at(0, 1), BigInt(BASE) * 1_000_000_000n + 1n],
    [at(59, 999_999_999), BigInt(BASE + 59) * 1_000_000_000n + 999_999_999n],
    // not normalised (the parser pads to nine digits in UTC): not a timestamp here
    ['2026-12-06T12:00:00.5Z', null],
    ['2026-12-06T12:00:00.000000000+01:00', null],
    ['', null]
  ])('%s -> %s', (ts, expected) => {
    expect(timestampNanos(ts)).toBe(expected)
  })
})

describe('sinceBefore', () => {
  it.each([
    ['2 s before, to the nanosecond', at(10, 123_456_789), 2000, `${BASE + 8}.123456789`],
    ['across a second', at(10, 500), 1, `${BASE + 9}.999000500`],
    ['no margin: the line itself (the Engine keeps lines at or after since)', at(10, 7), 0, `${BASE + 10}.000000007`],
    ['nothing delivered yet', null, 2000, null],
    ['an unreadable stamp', 'yesterday', 2000, null],
    ['before the epoch', '1970-01-01T00:00:01.000000000Z', 2000, '0']
  ])('%s', (_, ts, margin, expected) => {
    expect(sinceBefore(ts, margin)).toBe(expected)
  })
})

describe('dropDelivered', () => {
  const delivered = new Set([lineKey(line('t1', at(1), 'tick 1')), lineKey(line('t1', at(2), 'tick 2'))])
  it.each([
    ['the seam: lines sent again are dropped, the new ones kept in order', [line('t1', at(1), 'tick 1'), line('t1', at(2), 'tick 2'), line('t1', at(3), 'tick 3'), line('t1', at(4), 'tick 4')], ['tick 3', 'tick 4']],
    ['same text and time from another task is another line', [line('t2', at(1), 'tick 1')], ['tick 1']],
    ['same task and text at another time is another line', [line('t1', at(5), 'tick 1')], ['tick 1']],
    ['same task and time, other text', [line('t1', at(1), 'tock')], ['tock']],
    ['a line twice in the resumed stream is kept once', [line('t1', at(3), 'x'), line('t1', at(3), 'x')], ['x']],
    ['nothing new', [line('t1', at(2), 'tick 2')], []]
  ])('%s', (_, lines, expected) => {
    expect(dropDelivered(lines, delivered).map((l) => l.text)).toEqual(expected)
  })
})

describe('SeamWindow', () => {
  it('drops what each task delivered already, however many lines ago, and keeps what comes after', () => {
    const window = new SeamWindow()
    expect(window.newest).toBeNull()
    window.remember([line('t1', at(1), 'a'), line('t1', at(2), 'b')])
    window.remember([line('t2', at(4), 'c'), line('t1', at(3, 500), 'd')])
    expect(window.newest).toBe(at(4))
    expect(window.unseen([line('t1', at(1), 'a'), line('t1', at(2), 'b'), line('t2', at(4), 'c'), line('t1', at(3, 500), 'd'), line('t2', at(5), 'e'), line('t1', at(3, 600), 'f')]).map((l) => l.text)).toEqual(['e', 'f'])
    expect(window.tasks).toBe(2)
  })
  it("drops what a task wrote before its first delivered line (cut by the session's tail), keeps a new task's lines", () => {
    const window = new SeamWindow()
    window.remember([line('t1', at(5), 'tick 51'), line('t1', at(6), 'tick 52')])
    expect(window.unseen([line('t1', at(4), 'tick 50'), line('t1', at(5), 'tick 51'), line('t2', at(4), 'other task'), line('t1', at(7), 'tick 53')]).map((l) => l.text)).toEqual(['other task', 'tick 53'])
  })
  it('a flood: a hundred thousand lines delivered, all sent again, none passes', () => {
    const window = new SeamWindow()
    const flood = Array.from({ length: 100_000 }, (_, i) => line('t1', at(Math.floor(i / 10_000), (i % 10_000) * 1000), `line ${i}`))
    window.remember(flood)
    expect(window.unseen([...flood.slice(50_000), line('t1', at(10), 'line 100000')]).map((l) => l.text)).toEqual(['line 100000'])
  })
  it('two lines of a task at the same nanosecond: the one not delivered passes', () => {
    const window = new SeamWindow()
    window.remember([line('t1', at(3), 'x')])
    expect(window.unseen([line('t1', at(3), 'x'), line('t1', at(3), 'y')]).map((l) => l.text)).toEqual(['y'])
  })
  it('an older line arriving after a newer one does not move the newest back', () => {
    const window = new SeamWindow()
    window.remember([line('t1', at(9), 'late node'), line('t2', at(8), 'early node')])
    expect(window.newest).toBe(at(9))
  })
  it('ignores lines without a readable time (markers)', () => {
    const window = new SeamWindow()
    window.remember([line('', '', 'marker')])
    expect([window.newest, window.tasks]).toEqual([null, 0])
  })
})
