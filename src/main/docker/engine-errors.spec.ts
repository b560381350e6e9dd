import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { toAppError } from './engine-errors'

const engineError = (statusCode: number, message: string) => Object.assign(new Error(`(HTTP code ${statusCode}) unexpected`), { statusCode, json: { message } })
const systemError = (code: string, message = `connect ${code}`) => Object.assign(new Error(message), { code })

describe('toAppError', () => {
  it.each([
    [engineError(404, 'no such node'), 'NOT_FOUND', 'no such node'],
    [engineError(409, 'name conflicts with an existing object'), 'CONFLICT', 'name conflicts with an existing object'],
    [engineError(400, 'invalid mount config'), 'INVALID_INPUT', 'invalid mount config'],
    [engineError(503, 'This node is not a swarm manager.'), 'NOT_A_MANAGER', 'This node is not a swarm manager.'],
    [engineError(503, 'This node is not part of a swarm'), 'NOT_IN_SWARM', 'This node is not part of a swarm'],
    [engineError(406, 'This node is already part of a swarm.'), 'ALREADY_IN_SWARM', 'This node is already part of a swarm.'],
    [engineError(500, 'rpc error'), 'ENGINE_ERROR', 'rpc error'],
    [systemError('ETIMEDOUT'), 'TIMEOUT', 'connect ETIMEDOUT'],
    [systemError('ECONNRESET'), 'CONNECTION_LOST', 'connect ECONNRESET'],
    [new Error('socket hang up'), 'CONNECTION_LOST', 'socket hang up']
  ])('%s -> %s', (error, code, message) => {
    expect(toAppError(error)).toMatchObject({ code, message })
  })

  it('words what the socket said for a refused or missing socket', () => {
    for (const code of ['ENOENT', 'ECONNREFUSED', 'EACCES']) expect(toAppError(systemError(code)).code).toBe('CONNECTION_REFUSED')
    for (const code of ['EHOSTUNREACH', 'ENOTFOUND']) expect(toAppError(systemError(code)).code).toBe('UNREACHABLE')
  })

  it('leaves an AppError as it is', () => {
    const error = new AppError('STALE_PLAN', 'the plan is stale')
    expect(toAppError(error)).toBe(error)
  })
})
