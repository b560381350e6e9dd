import { describe, expect, it } from 'vitest'
import { rootAsciiCompare, rootCollation } from './text-order'

// The reference: ICU's own root-locale collation (what localeCompare does under en, C, POSIX).
const icu = new Intl.Collator('en')

describe('rootAsciiCompare agrees with ICU', () => {
  it('orders every printable ASCII character as ICU does', () => {
    const chars = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i))
    for (const a of chars) for (const b of chars) expect([a, b, Math.sign(rootAsciiCompare(a, b) ?? NaN)]).toEqual([a, b, Math.sign(icu.compare(a, b))])
  })

  it.each([
    ['the characters names are made of', 'aAbBzZ09_-. xX:/@=,'],
    ['all of printable ASCII', Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('')]
  ])('on 200,000 random pairs over %s, close variants included', (_, alphabet) => {
    let seed = 7
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    const word = (): string => Array.from({ length: random(7) }, () => alphabet[random(alphabet.length)]).join('')
    for (let i = 0; i < 200_000; i++) {
      const a = word()
      // half the time a close variant: one character changed, added or its case flipped
      const b = i % 2 ? word() : a.slice(0, random(a.length + 1)) + alphabet[random(alphabet.length)] + a.slice(random(a.length + 1))
      const ours = rootAsciiCompare(a, b)
      if (ours === null || Math.sign(ours) !== Math.sign(icu.compare(a, b))) expect({ a, b, ours }).toEqual({ a, b, ours: Math.sign(icu.compare(a, b)) })
    }
  })

  it.each([
    ['web', 'Web'],
    ['web', 'web-1'],
    ['web_1', 'web-1'],
    ['a10', 'a9'],
    ['svc.v2', 'svc_v2'],
    ['', 'a'],
    ['same', 'same']
  ])('%j vs %j', (a, b) => expect(Math.sign(rootAsciiCompare(a, b) ?? NaN)).toBe(Math.sign(icu.compare(a, b))))

  it('leaves anything outside printable ASCII to localeCompare', () => {
    expect(rootAsciiCompare('café', 'cafe')).toBeNull()
    expect(rootAsciiCompare('a\tb', 'ab')).toBeNull()
  })
})

describe('rootCollation', () => {
  it.each([
    [{}, true],
    [{ LANG: 'C.UTF-8' }, true],
    [{ LANG: 'POSIX' }, true],
    [{ LANG: 'en_US.UTF-8' }, true],
    [{ LANG: 'en_GB.UTF-8', LC_ALL: 'sv_SE.UTF-8' }, false],
    [{ LANG: 'fr_FR.UTF-8' }, false],
    [{ LC_MESSAGES: 'tr_TR.UTF-8', LANG: 'en_US.UTF-8' }, false]
  ])('%j -> %s', (env, expected) => expect(rootCollation(env)).toBe(expected))

  it('is off where there is no process environment (the browser)', () => expect(rootCollation(undefined)).toBe(false))
})
