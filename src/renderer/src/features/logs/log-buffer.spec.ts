import { describe, expect, it } from 'vitest'
import { cliPrefix, shortPrefix } from '../../../../shared/logs'
import { isAtBottom, prefixColor, RingBuffer, toLogFile, toViewLines, type ViewLine } from './log-buffer'

describe('RingBuffer', () => {
  it('keeps everything below capacity', () => {
    const ring = new RingBuffer<number>(5)
    ring.push([1, 2, 3])
    expect([ring.size, ring.first, ring.toArray()]).toEqual([3, 0, [1, 2, 3]])
  })

  it('forgets the oldest past capacity and keeps absolute numbers', () => {
    const ring = new RingBuffer<number>(5)
    ring.push([1, 2, 3, 4, 5, 6, 7])
    expect([ring.size, ring.first, ring.toArray()]).toEqual([5, 2, [3, 4, 5, 6, 7]])
    expect(ring.byNumber(2)).toBe(3)
    expect(ring.byNumber(6)).toBe(7)
    expect(ring.byNumber(1)).toBeUndefined()
    expect(ring.at(5)).toBeUndefined()
  })

  it('wraps many times over without growing (100,000 lines of 1,000,000)', () => {
    const ring = new RingBuffer<number>(100_000)
    for (let batch = 0; batch < 100; batch++) ring.push(Array.from({ length: 10_000 }, (_, i) => batch * 10_000 + i))
    expect(ring.size).toBe(100_000)
    expect(ring.first).toBe(900_000)
    expect(ring.at(0)).toBe(900_000)
    expect(ring.at(99_999)).toBe(999_999)
  })

  it('clears', () => {
    const ring = new RingBuffer<number>(2)
    ring.push([1, 2, 3])
    ring.clear()
    expect([ring.size, ring.first, ring.toArray()]).toEqual([0, 0, []])
  })

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError)
  })
})

describe('prefixes', () => {
  const replicated = { serviceId: 's', service: 'web', slot: 2, nodeId: 'n1abc', node: 'worker1' }
  const global = { ...replicated, slot: null }
  it.each([
    [replicated, 'web.2', 'web.2.task12345678@worker1'],
    [global, 'web.worker1', 'web.n1abc.task12345678@worker1'],
    [undefined, 'task12345678', 'task12345678']
  ])('%j', (task, short, cli) => {
    expect(shortPrefix(task, 'task1234567890xyz')).toBe(short)
    expect(cliPrefix(task, 'task1234567890xyz')).toBe(cli)
  })

  it('gives the same prefix the same colour', () => {
    expect(prefixColor('web.1')).toBe(prefixColor('web.1'))
    expect(new Set(['web.1', 'web.2', 'web.3', 'db.1', 'db.2'].map(prefixColor)).size).toBeGreaterThan(1)
  })
})

describe('toViewLines and toLogFile', () => {
  const tasks = { t1: { serviceId: 's', service: 'web', slot: 1, nodeId: 'n1', node: 'manager1' } }
  const lines = toViewLines(
    [
      { ts: '2026-11-26T17:00:00.000000001Z', stream: 'stdout', task: 't1', text: 'hello' },
      { ts: '', stream: 'skipped', task: '', text: '', count: 12 },
      { ts: '2026-11-26T17:00:00.000000002Z', stream: 'stderr', task: 't1', text: 'oops' }
    ],
    tasks
  )
  it('names each line', () => {
    expect(lines.map((l: ViewLine) => [l.stream, l.prefix, l.text])).toEqual([
      ['stdout', 'web.1', 'hello'],
      ['skipped', '', ''],
      ['stderr', 'web.1', 'oops']
    ])
  })
  it('writes the docker CLI form, markers as comments', () => {
    const skippedText = (n: number) => `${n} lines skipped`
    expect(toLogFile(lines, { timestamps: false, skippedText })).toBe('web.1.t1@manager1    | hello\n# 12 lines skipped\nweb.1.t1@manager1    | oops\n')
    expect(toLogFile(lines.slice(0, 1), { timestamps: true, skippedText })).toBe('2026-11-26T17:00:00.000000001Z web.1.t1@manager1    | hello\n')
    expect(toLogFile([], { timestamps: true, skippedText })).toBe('')
  })
})

describe('isAtBottom', () => {
  it.each([
    [{ scrollTop: 800, clientHeight: 200, scrollHeight: 1000 }, true],
    [{ scrollTop: 785, clientHeight: 200, scrollHeight: 1000 }, true],
    [{ scrollTop: 700, clientHeight: 200, scrollHeight: 1000 }, false],
    [{ scrollTop: 0, clientHeight: 200, scrollHeight: 100 }, true]
  ])('%j -> %s', (scroll, expected) => {
    expect(isAtBottom(scroll, 20)).toBe(expected)
  })
})
