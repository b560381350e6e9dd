import { describe, expect, it } from 'vitest'
import { ExecUsageError, parseExecArgs } from './exec-commands'

describe('parseExecArgs', () => {
  it.each<[string[], ReturnType<typeof parseExecArgs>]>([
    [['web'], { target: 'web', task: null, interactive: false, tty: false, command: null }],
    [['-it', 'web.2'], { target: 'web.2', task: null, interactive: true, tty: true, command: null }],
    [['web', '--', 'sh', '-c', 'exit 3'], { target: 'web', task: null, interactive: false, tty: false, command: ['sh', '-c', 'exit 3'] }],
    [['-i', 'web', 'cat', '/etc/hostname'], { target: 'web', task: null, interactive: true, tty: false, command: ['cat', '/etc/hostname'] }],
    [['--task', 'abc123', '--', 'ls', '-l'], { target: null, task: 'abc123', interactive: false, tty: false, command: ['ls', '-l'] }]
  ])('%j', (argv, expected) => {
    expect(parseExecArgs(argv)).toEqual(expected)
  })

  it('needs a service or a task; unknown options are misuse', () => {
    expect(() => parseExecArgs([])).toThrow(ExecUsageError)
    expect(() => parseExecArgs(['--', 'ls'])).toThrow(ExecUsageError)
    expect(() => parseExecArgs(['-x', 'web'])).toThrow(ExecUsageError)
  })
})
