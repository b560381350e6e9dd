import { spawnSync } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { AppError } from '../shared/errors'
import { describeRejection, detached, exitOnRejection, keepRunningOnRejection } from './process-faults'

describe('unhandled rejections', () => {
  it('main logs them and keeps running', () => {
    const proc = new EventEmitter()
    const logged: string[] = []
    const stop = keepRunningOnRejection(proc, (line) => logged.push(line))
    proc.emit('unhandledRejection', new AppError('TIMEOUT', 'the engine did not answer'))
    expect(logged).toEqual(['swarmdesk: a promise failed and nothing handled it (the app keeps running): the engine did not answer [TIMEOUT]'])
    stop()
    expect(proc.listenerCount('unhandledRejection')).toBe(0)
  })

  it('the CLI says so and exits 1', () => {
    const proc = new EventEmitter()
    const said: string[] = []
    const exits: number[] = []
    exitOnRejection(proc, (text) => said.push(text), (code) => exits.push(code))
    proc.emit('unhandledRejection', 'just a string')
    expect(said).toEqual(['swarmdesk: internal error: a non-error value: "just a string" [INTERNAL]\n'])
    expect(exits).toEqual([1])
  })

  it('describes odd values without throwing', () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    expect(describeRejection(circular)).toBe('a non-error value: [object Object]')
    expect(describeRejection(undefined)).toBe('a non-error value: undefined')
    expect(describeRejection(new Error('plain'))).toBe('plain')
  })

  it('the CLI process installs it: a stray rejection ends with a clear message and code 1', () => {
    // tsx runs the CLI module as a script would be (require.main): the handler is what turns the
    // rejection into this message instead of Node's stack trace
    // (a command that waits on I/O, so the stray rejection comes first: an engine socket that is not there)
    const script = `require(${JSON.stringify(join(__dirname, 'cli.ts'))}).runCliProcess(['-H', 'unix:///nonexistent/docker.sock', 'node', 'ls']); Promise.reject(new Error('stray'))`
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 60_000 })
    expect(run.stderr).toContain('swarmdesk: internal error: stray [INTERNAL]')
    expect(run.status).toBe(1)
  }, 70_000)

  it('a detached promise that fails is logged with what it was doing, not left unhandled', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      detached(Promise.reject(new Error('engine gone')), 'reconciling tasks')
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(logged).toHaveBeenCalledWith('swarmdesk: reconciling tasks failed: engine gone')
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
      logged.mockRestore()
    }
  })
})
