import { describe, expect, it } from 'vitest'
import { compileSearch, findMatches, highlightParts, pruneMatches, stepMatch } from './log-search'

const regexOf = (query: string): RegExp => {
  const compiled = compileSearch(query)
  if (!compiled?.ok) throw new Error(`expected ${query} to compile`)
  return compiled.regex
}

describe('compileSearch', () => {
  it('is null for an empty query', () => expect(compileSearch('')).toBeNull())
  it.each([
    ['(unclosed', 'syntax'],
    ['[z-a]', 'syntax'],
    ['a*', 'empty'],
    ['|', 'empty']
  ])('refuses %s (%s) with a reason', (query, problem) => {
    expect(compileSearch(query)).toMatchObject({ ok: false, problem })
  })
  it('gives the browser\'s own words for a syntax error', () => {
    const compiled = compileSearch('(unclosed')
    expect(compiled && !compiled.ok && compiled.detail).toMatch(/unclosed|Unterminated|group/i)
  })
  it.each([
    ['error', 'An ERROR here', true],
    ['Error', 'An ERROR here', false],
    ['Error', 'An Error here', true],
    ['out \\d+$', 'out 42', true],
    ['out \\d+$', 'out 42 more', false]
  ])('%s on %j -> %s (smart case)', (query, text, expected) => {
    expect(findMatches(regexOf(query), [text], 0)).toEqual(expected ? [0] : [])
  })
})

describe('findMatches', () => {
  it('numbers matches from the first line number and is not fooled by the g flag\'s lastIndex', () => {
    expect(findMatches(regexOf('x'), ['x', 'x', 'y', 'xx'], 100)).toEqual([100, 101, 103])
  })
})

describe('highlightParts', () => {
  it.each([
    ['err', 'no match', [{ text: 'no match', match: false }]],
    ['err', 'err at start, err again', [
      { text: 'err', match: true },
      { text: ' at start, ', match: false },
      { text: 'err', match: true },
      { text: ' again', match: false }
    ]],
    ['\\d+', 'line 12', [{ text: 'line ', match: false }, { text: '12', match: true }]],
    ['x', '', [{ text: '', match: false }]]
  ])('%s in %j', (query, text, parts) => {
    expect(highlightParts(regexOf(query), text)).toEqual(parts)
  })
})

describe('stepMatch', () => {
  const matches = [3, 8, 20]
  it.each([
    [null, 1, 3],
    [null, -1, 20],
    [3, 1, 8],
    [5, 1, 8],
    [20, 1, 3],
    [8, -1, 3],
    [3, -1, 20],
    [9, -1, 8]
  ] as const)('from %s going %s -> %s', (current, direction, expected) => {
    expect(stepMatch(matches, current, direction)).toBe(expected)
  })
  it('is null without matches', () => expect(stepMatch([], 4, 1)).toBeNull())
})

describe('pruneMatches', () => {
  it('drops matches that left the buffer', () => {
    expect(pruneMatches([1, 5, 9], 6)).toEqual([9])
    const kept = [7, 9]
    expect(pruneMatches(kept, 6)).toBe(kept)
  })
})
