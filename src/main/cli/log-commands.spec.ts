import { describe, expect, it } from 'vitest'
import type { LogLine } from '../../shared/logs'
import { formatLogLine, jsonLogLine, LogUsageError, parseLogArgs } from './log-commands'

const tasks = {
  taskaaaaaaaaaaaaaaaa: { serviceId: 's1', service: 'web', slot: 3, nodeId: 'nodeid1', node: 'worker2' },
  taskbbbbbbbbbbbbbbbb: { serviceId: 's2', service: 'agent', slot: null, nodeId: 'nodeid9', node: 'manager1' }
}
const line = (task: string, text: string, stream: LogLine['stream'] = 'stdout'): LogLine => ({ ts: '2026-11-26T17:32:39.824846487Z', stream, task, text })

describe('formatLogLine (docker service logs output)', () => {
  it.each([
    [line('taskaaaaaaaaaaaaaaaa', 'out 1'), false, 'web.3.taskaaaaaaaa@worker2    | out 1'],
    [line('taskaaaaaaaaaaaaaaaa', 'out 1'), true, '2026-11-26T17:32:39.824846487Z web.3.taskaaaaaaaa@worker2    | out 1'],
    [line('taskbbbbbbbbbbbbbbbb', 'hello'), false, 'agent.nodeid9.taskbbbbbbbb@manager1    | hello'],
    [{ ts: '', stream: 'skipped', task: '', text: '', count: 42 } as LogLine, false, 'swarmdesk: 42 lines skipped (the output could not keep up)'],
    [line('', 'web: the log stream closed', 'notice'), false, 'swarmdesk: web: the log stream closed']
  ])('%j (timestamps %s)', (input, timestamps, expected) => {
    expect(formatLogLine(input, tasks, timestamps)).toBe(expected)
  })
})

describe('jsonLogLine', () => {
  it('is self-contained', () => {
    expect(JSON.parse(jsonLogLine(line('taskaaaaaaaaaaaaaaaa', 'x', 'stderr'), tasks))).toEqual({
      ts: '2026-11-26T17:32:39.824846487Z', stream: 'stderr', service: 'web', slot: 3, node: 'worker2', task: 'taskaaaaaaaaaaaaaaaa', text: 'x'
    })
  })
})

describe('parseLogArgs', () => {
  it.each([
    [['web'], {}, { services: ['web'], tail: null, follow: false, since: null, timestamps: false, warnings: [] }],
    [['web', 'db'], { tail: '10', follow: true, since: '5m', timestamps: true }, { services: ['web', 'db'], tail: 10, follow: true, since: '5m', timestamps: true, warnings: [] }],
    [['web'], { tail: 'all' }, { tail: null, warnings: [] }],
    [['web'], { tail: '-3' }, { tail: null, warnings: [expect.stringMatching(/--tail "-3".*all lines/)] }]
  ])('%j %j', (positionals, flags, expected) => {
    expect(parseLogArgs(positionals, flags)).toMatchObject(expected)
  })
  it('needs a service', () => {
    expect(() => parseLogArgs([], {})).toThrow(LogUsageError)
  })
})
