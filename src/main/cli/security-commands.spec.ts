import { describe, expect, it } from 'vitest'
import type { SwarmNode } from '../../shared/domain'
import { caRotationProgress } from '../../shared/ca-rotation'
import { parseGoDuration, parseUpdateFlags, rotationLine, SwarmUsageError } from './security-commands'

describe('parseGoDuration', () => {
  it.each([
    ['2160h', 7776000],
    ['90m', 5400],
    ['1h30m', 5400],
    ['5s', 5],
    ['1500ms', 1.5]
  ])('%s = %d s', (text, seconds) => expect(parseGoDuration(text)).toBe(seconds))
  it.each(['', '90', '5 days', 'h'])('refuses %j', (text) => expect(() => parseGoDuration(text)).toThrow(SwarmUsageError))
})

describe('parseUpdateFlags', () => {
  it('takes only the settings given', () => {
    expect(parseUpdateFlags({ 'task-history-limit': '10', 'cert-expiry': '720h' })).toEqual({ settings: { taskHistoryLimit: 10, certExpirySeconds: 2592000 }, autolock: null })
    expect(parseUpdateFlags({ autolock: 'true' })).toEqual({ settings: {}, autolock: true })
  })
  it.each([[{}], [{ autolock: 'yes' }], [{ 'snapshot-interval': '1.5' }]])('refuses %j', (flags) => expect(() => parseUpdateFlags(flags)).toThrow(SwarmUsageError))
})

describe('rotationLine', () => {
  it('names the pending nodes and what holds the rotation back', () => {
    const nodes = [
      { id: '1', hostname: 'manager1', state: 'ready', certIssuer: 'new', trustRoot: 'r' },
      { id: '2', hostname: 'worker2', state: 'down', certIssuer: 'old', trustRoot: 'r' }
    ] as SwarmNode[]
    const line = rotationLine(caRotationProgress({ certIssuer: 'new', trustRoot: 'r', rootRotationInProgress: true }, nodes))
    expect(line).toBe('certificates 1/2 nodes, trust roots 2/2 nodes; pending: worker2 (down: holds the rotation back)')
  })
})
