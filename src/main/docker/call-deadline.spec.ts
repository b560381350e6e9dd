import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../shared/errors'
import { ApiCallCounter } from './call-counter'
import { engineCall, withDeadline } from './call-deadline'

/** A call that answers only when told to, and says whether its signal was aborted. */
function pendingCall<T>() {
  let answer: (value: T) => void = () => undefined
  let seen: AbortSignal | null = null
  const run = (signal: AbortSignal) => {
    seen = signal
    return new Promise<T>((resolve) => {
      answer = resolve
    })
  }
  return { run, answer: (value: T) => answer(value), signal: () => seen }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('withDeadline', () => {
  it('gives the answer of a call that answers in time', async () => {
    await expect(withDeadline('info', async () => 42, 1000)).resolves.toBe(42)
  })

  it('fails with TIMEOUT naming the call once the deadline passes, and aborts its signal', async () => {
    vi.useFakeTimers()
    const call = pendingCall<number>()
    const result = withDeadline('listTasks', call.run, 30_000)
    const failure = expect(result).rejects.toMatchObject({ code: 'TIMEOUT', message: 'the engine did not answer listTasks within 30s' })
    await vi.advanceTimersByTimeAsync(29_999)
    expect(call.signal()?.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await failure
    expect(call.signal()?.aborted).toBe(true)
  })

  it('has no deadline when the time-out is null', async () => {
    vi.useFakeTimers()
    const call = pendingCall<string>()
    const result = withDeadline('eventStream', call.run, null)
    await vi.advanceTimersByTimeAsync(3_600_000)
    call.answer('open')
    await expect(result).resolves.toBe('open')
  })

  it("stops at once with the caller's reason when the caller aborts, even if the call ignores its signal", async () => {
    const caller = new AbortController()
    const call = pendingCall<number>()
    const result = withDeadline('info', call.run, 30_000, caller.signal)
    caller.abort(new Error('closed by the user'))
    await expect(result).rejects.toThrow('closed by the user')
    expect(call.signal()?.aborted).toBe(true)
  })

  it('does not start a call whose signal is already aborted', async () => {
    const caller = new AbortController()
    caller.abort(new Error('too late'))
    const run = vi.fn(async () => 1)
    await expect(withDeadline('info', run, 30_000, caller.signal)).rejects.toThrow('too late')
    expect(run).not.toHaveBeenCalled()
  })

  it('keeps the caller\'s signal linked after the call answered (a stream opened by it ends with it)', async () => {
    const caller = new AbortController()
    const call = pendingCall<string>()
    const result = withDeadline('eventStream', call.run, 30_000, caller.signal)
    call.answer('stream')
    await expect(result).resolves.toBe('stream')
    caller.abort()
    expect(call.signal()?.aborted).toBe(true)
  })

  it('passes the failure of the call through', async () => {
    await expect(withDeadline('info', async () => Promise.reject(new Error('socket hang up')), 1000)).rejects.toThrow('socket hang up')
  })
})

describe('engineCall', () => {
  it('counts each call under its name when it leaves, answered or not', async () => {
    const counter = new ApiCallCounter()
    await engineCall(counter, 'listServices', async () => [], 1000)
    await engineCall(counter, 'listServices', async () => [], 1000)
    await engineCall(counter, 'info', async () => Promise.reject(new Error('boom')), 1000).catch(() => undefined)
    expect(counter.of('listServices')).toBe(2)
    expect(counter.of('info')).toBe(1)
    expect(counter.of('ping')).toBe(0)
    expect(counter.calls).toBe(3)
    expect(counter.byName()).toEqual({ info: 1, listServices: 2 })
  })

  it('fails with an AppError mapped from what the engine said', async () => {
    const engineSaid = Object.assign(new Error('(HTTP code 404) no such service'), { statusCode: 404, json: { message: 'service web not found' } })
    const failure = await engineCall(new ApiCallCounter(), 'inspectService', async () => Promise.reject(engineSaid), 1000).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AppError)
    expect(failure).toMatchObject({ code: 'NOT_FOUND', message: 'service web not found' })
  })

  it('keeps the message the optimistic-concurrency retry looks for', async () => {
    const engineSaid = Object.assign(new Error('(HTTP code 500) server error'), { statusCode: 500, json: { message: 'rpc error: code = Unknown desc = update out of sequence' } })
    const failure = await engineCall(new ApiCallCounter(), 'updateNode', async () => Promise.reject(engineSaid), 1000).catch((error: unknown) => error)
    expect(failure).toMatchObject({ code: 'ENGINE_ERROR', message: 'rpc error: code = Unknown desc = update out of sequence' })
  })

  it('fails with TIMEOUT when the deadline passes', async () => {
    vi.useFakeTimers()
    const result = engineCall(new ApiCallCounter(), 'ping', () => new Promise<never>(() => undefined), 4000)
    const failure = expect(result).rejects.toMatchObject({ code: 'TIMEOUT' })
    await vi.advanceTimersByTimeAsync(4000)
    await failure
  })
})

describe('withDeadline, a call that throws before it starts', () => {
  it('fails like a call that rejected', async () => {
    const run = (): Promise<number> => {
      throw new Error('bad options')
    }
    await expect(withDeadline('info', run, 30_000)).rejects.toThrow('bad options')
  })
})
