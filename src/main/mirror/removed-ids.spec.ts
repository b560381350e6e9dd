import { describe, expect, it } from 'vitest'
import { RemovedIds } from './removed-ids'

describe('RemovedIds', () => {
  it.each<[string, string[], number, string, boolean]>([
    ['a removed id stays removed', ['s1'], 3, 's1', true],
    ['an id never removed', ['s1'], 3, 's2', false],
    ['within the cap, the oldest is kept', ['s1', 's2', 's3'], 3, 's1', true],
    ['past the cap, the oldest is forgotten', ['s1', 's2', 's3', 's4'], 3, 's1', false],
    ['past the cap, the newest is kept', ['s1', 's2', 's3', 's4'], 3, 's4', true],
    ['an id removed again counts as new', ['s1', 's2', 's3', 's1', 's4'], 3, 's1', true]
  ])('%s', (_name, added, cap, asked, expected) => {
    const removed = new RemovedIds(cap)
    for (const id of added) removed.add(id)
    expect(removed.has(asked)).toBe(expected)
  })
})
