// Go parsing rules the loader depends on; expected values follow the Go functions named in
// go-parse.ts (and the `docker stack config` oracle for the YAML scalars).
import { describe, expect, it } from 'vitest'
import { goFormatFloat, parseComposeYaml, resolvePlainScalar } from './compose-yaml'
import { canonicalIP, canonicalPrefix, parseCPUs, parseGoDuration, parseRAMInBytes, shlexSplit } from './go-parse'

describe('go-yaml v3 plain scalars (cli: environment values printed by docker stack config)', () => {
  it.each([
    ['0755', 493, false],
    ['0o17', 15, false],
    ['0x1F', 31, false],
    ['0b101', 5, false],
    ['1_000', 1000, false],
    ['089', 89, true],
    ['1e6', 1e6, true],
    ['-12', -12, false],
    ['+.5', 0.5, true],
    ['.5', 0.5, true],
    ['3.10', 3.1, true]
  ])('%s', (input, value, float) => {
    expect(resolvePlainScalar(input)).toEqual({ value, float })
  })
  it.each([
    ['yes', 'yes'],
    ['on', 'on'],
    ['Off', 'Off'],
    ['True', true],
    ['FALSE', false],
    ['~', null],
    ['', null],
    ['NULL', null],
    ['nan', 'nan'],
    ['80:80', '80:80'],
    ['1.5g', '1.5g']
  ])('%s', (input, value) => {
    expect(resolvePlainScalar(input).value).toBe(value)
  })
  it.each([
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [0.1, '0.1'],
    [100000, '100000'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [89, '89'],
    [-2.5, '-2.5']
  ])('fmt.Sprint(float64 %d) = %s', (value, want) => {
    expect(goFormatFloat(value)).toBe(want)
  })
})

describe('parseComposeYaml', () => {
  it('keeps positions of values and keys', () => {
    const parsed = parseComposeYaml('services:\n  web:\n    image: nginx\n    deploy:\n      replicas: "2"\n')
    expect(parsed.errors).toEqual([])
    expect(parsed.valuePos.get(['services', 'web', 'deploy', 'replicas'].join('\u0000'))).toEqual({ line: 5, column: 17 })
    expect(parsed.keyPos.get(['services', 'web', 'deploy', 'replicas'].join('\u0000'))).toEqual({ line: 5, column: 7 })
  })
  it('resolves anchors and merge keys with explicit keys winning, then the first merged map', () => {
    const parsed = parseComposeYaml('x-a: &a {image: a, user: ua}\nx-b: &b {image: b, hostname: hb}\nservices:\n  web:\n    <<: [*a, *b]\n    image: own\n')
    expect(parsed.value).toMatchObject({ services: { web: { image: 'own', user: 'ua', hostname: 'hb' } } })
  })
  it('reports YAML errors with a position', () => {
    const parsed = parseComposeYaml('services:\n  web:\n    image: [unclosed\n')
    expect(parsed.value).toBeUndefined()
    expect(parsed.errors[0].pos.line).toBeGreaterThanOrEqual(3)
  })
  it('refuses duplicate keys and a non-mapping top level', () => {
    expect(parseComposeYaml('a: 1\na: 2\n').errors).toHaveLength(1)
    expect(parseComposeYaml('- a\n').errors[0].message).toBe('top-level object must be a mapping')
  })
  it('marks floats so that they print the Go way', () => {
    const parsed = parseComposeYaml('a: 1.0\nb: 1\n')
    expect(parsed.floats.has('a')).toBe(true)
    expect(parsed.floats.has('b')).toBe(false)
  })
})

describe('time.ParseDuration', () => {
  it.each([
    ['10s', 10e9],
    ['1m30s', 90e9],
    ['1.5h', 5400e9],
    ['250ms', 250e6],
    ['1us', 1000],
    ['1µs', 1000],
    ['0', 0],
    ['-5s', -5e9],
    ['.5s', 5e8],
    ['1h0m0s', 3600e9]
  ])('%s', (input, ns) => {
    expect(parseGoDuration(input)).toEqual({ ok: true, value: ns })
  })
  it.each(['', '10', '1d', 's', '.s', '1.5', 'abc'])('%j is invalid', (input) => {
    expect(parseGoDuration(input).ok).toBe(false)
  })
})

describe('go-units RAMInBytes (binary multipliers)', () => {
  it.each([
    ['512M', 536870912],
    ['1.5g', 1610612736],
    ['100', 100],
    ['1k', 1024],
    ['1KB', 1024],
    ['1KiB', 1024],
    ['2 mb', 2 * 1024 ** 2],
    ['1b', 1],
    ['1p', 1024 ** 5]
  ])('%s', (input, bytes) => {
    expect(parseRAMInBytes(input)).toEqual({ ok: true, value: bytes })
  })
  it.each(['abc', '-1m', '1x', '1kbb', '1kb2'])('%j is invalid', (input) => {
    expect(parseRAMInBytes(input).ok).toBe(false)
  })
})

describe('opts.ParseCPUs', () => {
  it.each([
    ['0.5', 500000000],
    ['2', 2000000000],
    ['3/4', 750000000],
    ['1e-3', 1000000],
    ['.25', 250000000]
  ])('%s', (input, nano) => {
    expect(parseCPUs(input)).toEqual({ ok: true, value: nano })
  })
  it('too precise / not a number', () => {
    expect(parseCPUs('0.0000000001')).toMatchObject({ ok: false, error: 'value is too precise' })
    expect(parseCPUs('abc')).toMatchObject({ ok: false, error: 'failed to parse abc as a rational number' })
    expect(parseCPUs('1/0').ok).toBe(false)
  })
})

describe('google/shlex Split', () => {
  it.each([
    ['sh -c "echo hi; sleep 1"', ['sh', '-c', 'echo hi; sleep 1']],
    ["echo 'a b' c", ['echo', 'a b', 'c']],
    ['a\\ b', ['a b']],
    ['"a\\"b"', ['a"b']],
    ['"a\\nb"', ['anb']],
    ["''", ['']],
    ['a#b #comment', ['a#b']],
    ['  spaced   out  ', ['spaced', 'out']]
  ])('%j', (input, words) => {
    expect(shlexSplit(input)).toEqual({ ok: true, value: words })
  })
  it('unterminated quotes fail', () => {
    expect(shlexSplit('"abc').ok).toBe(false)
    expect(shlexSplit("'abc").ok).toBe(false)
  })
})

describe('netip', () => {
  it.each([
    ['8.8.8.8', '8.8.8.8'],
    ['2001:4860:4860:0:0:0:0:8888', '2001:4860:4860::8888'],
    ['2001:DB8::1', '2001:db8::1'],
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['::', '::'],
    ['1:0:0:1:0:0:0:1', '1:0:0:1::1'],
    ['fe80::1%eth0', 'fe80::1%eth0']
  ])('%s', (input, want) => {
    expect(canonicalIP(input)).toBe(want)
  })
  it.each(['010.0.0.1', '1.2.3', '256.1.1.1', 'host', '1::2::3', ''])('%j is not an address', (input) => {
    expect(canonicalIP(input)).toBeNull()
  })
  it('prefixes', () => {
    expect(canonicalPrefix('10.0.0.0/24')).toBe('10.0.0.0/24')
    expect(canonicalPrefix('10.0.0.1/24')).toBe('10.0.0.1/24')
    expect(canonicalPrefix('10.0.0.0/33')).toBeNull()
    expect(canonicalPrefix('fd00::/8')).toBe('fd00::/8')
    expect(canonicalPrefix('not-a-subnet')).toBeNull()
  })
})
