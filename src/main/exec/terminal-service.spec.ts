import { describe, expect, it } from 'vitest'
import { endReason } from './terminal-service'

describe('endReason', () => {
  it.each<[number | null, string[] | null, string | null, RegExp | null]>([
    [0, null, null, null],
    [3, null, null, null],
    [126, ['/app/server'], null, null],
    [126, null, 'CONFLICT', /has no shell \(\/bin\/sh could not run on worker2\)/],
    [null, null, 'CONNECTION_LOST', /on worker2 ended without an exit code/]
  ])('exit %s, command %j', (code, command, errorCode, message) => {
    const reason = endReason(code, command, 'worker2')
    if (errorCode === null) expect(reason).toBeNull()
    else {
      expect(reason?.code).toBe(errorCode)
      expect(reason?.message).toMatch(message as RegExp)
    }
  })
})
