import { describe, expect, it } from 'vitest'
import { LineAssembler, normaliseTimestamp, parseDetails, parseLogRecord, RawLineSplitter } from './log-parse'

const details = 'com.docker.swarm.node.id=node1,com.docker.swarm.service.id=svc1,com.docker.swarm.task.id=task1'

describe('normaliseTimestamp', () => {
  it.each([
    ['2026-11-26T17:32:17.110270309Z', '2026-11-26T17:32:17.110270309Z'],
    ['2026-11-26T17:32:17.11027Z', '2026-11-26T17:32:17.110270000Z'],
    ['2026-11-26T17:32:17Z', '2026-11-26T17:32:17.000000000Z'],
    ['2026-11-26T18:32:17.5+01:00', '2026-11-26T17:32:17.500000000Z'],
    ['yesterday', null]
  ])('%s -> %s', (raw, expected) => {
    expect(normaliseTimestamp(raw)).toBe(expected)
  })

  it('makes string order time order whatever the fraction length', () => {
    const a = normaliseTimestamp('2026-11-26T17:32:17.9Z')!
    const b = normaliseTimestamp('2026-11-26T17:32:17.10Z')!
    expect(b < a).toBe(true)
  })
})

describe('parseDetails', () => {
  it('splits key=value pairs and unescapes values', () => {
    expect(parseDetails('a=1,b=x%2Cy,c=hello+world')).toEqual({ a: '1', b: 'x,y', c: 'hello world' })
    expect(parseDetails('')).toEqual({})
  })
})

describe('parseLogRecord', () => {
  it.each([
    [`2026-11-26T17:32:17.1Z ${details} out 1\n`, { message: 'out 1', complete: true }],
    [`2026-11-26T17:32:17.1Z ${details} spaces  kept  \r\n`, { message: 'spaces  kept  ', complete: true }],
    [`2026-11-26T17:32:17.1Z ${details} \n`, { message: '', complete: true }],
    [`2026-11-26T17:32:17.1Z ${details} first part of a long line`, { message: 'first part of a long line', complete: false }],
    // no details (a container without swarm labels): the engine leaves the details field empty
    ['2026-11-26T17:32:17.1Z  plain\n', { message: 'plain', complete: true }]
  ])('%j', (payload, expected) => {
    expect(parseLogRecord(payload)).toMatchObject({ ts: '2026-11-26T17:32:17.100000000Z', ...expected })
  })

  it('reads the task, service and node from the details', () => {
    expect(parseLogRecord(`2026-11-26T17:32:17Z ${details} x\n`)?.details).toEqual({
      'com.docker.swarm.node.id': 'node1',
      'com.docker.swarm.service.id': 'svc1',
      'com.docker.swarm.task.id': 'task1'
    })
  })

  it('returns null for text not in the engine format', () => {
    expect(parseLogRecord('hello world\n')).toBeNull()
  })
})

describe('LineAssembler', () => {
  it('attributes complete lines to their task and stream', () => {
    const assembler = new LineAssembler('svc1')
    expect(assembler.push('stderr', `2026-11-26T17:32:17.1Z ${details} boom\n`)).toEqual([
      { ts: '2026-11-26T17:32:17.100000000Z', stream: 'stderr', taskId: 'task1', serviceId: 'svc1', nodeId: 'node1', text: 'boom' }
    ])
  })

  it('joins the pieces of a long message per task and stream, with the first piece\'s timestamp', () => {
    const assembler = new LineAssembler('svc1')
    const other = details.replace('task1', 'task2')
    expect(assembler.push('stdout', `2026-11-26T17:32:17.1Z ${details} aaa`)).toEqual([])
    expect(assembler.push('stdout', `2026-11-26T17:32:17.2Z ${other} task2 line\n`).map((l) => l.text)).toEqual(['task2 line'])
    expect(assembler.push('stderr', `2026-11-26T17:32:17.3Z ${details} an error\n`).map((l) => l.text)).toEqual(['an error'])
    const joined = assembler.push('stdout', `2026-11-26T17:32:17.4Z ${details} bbb\n`)
    expect(joined).toMatchObject([{ text: 'aaabbb', ts: '2026-11-26T17:32:17.100000000Z', taskId: 'task1' }])
  })

  it('flushes an unfinished message at the end instead of losing it', () => {
    const assembler = new LineAssembler('svc1')
    assembler.push('stdout', `2026-11-26T17:32:17.1Z ${details} cut`)
    expect(assembler.flush().map((l) => l.text)).toEqual(['cut'])
    expect(assembler.flush()).toEqual([])
  })

  it('keeps text it cannot parse as a line of its own', () => {
    expect(new LineAssembler('svc1').push('stdout', 'garbage\n')).toMatchObject([{ text: 'garbage', taskId: '', serviceId: 'svc1' }])
  })
})

describe('RawLineSplitter (TTY streams)', () => {
  it('splits at newlines and keeps the unfinished line for the next chunk', () => {
    const splitter = new RawLineSplitter()
    expect(splitter.push('a\nb')).toEqual(['a\n'])
    expect(splitter.push('c\nd\n')).toEqual(['bc\n', 'd\n'])
    expect(splitter.push('tail')).toEqual([])
    expect(splitter.flush()).toEqual(['tail'])
  })
})
