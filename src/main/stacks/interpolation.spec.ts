// Interpolation table tests. Every expectation marked (cli) was checked against the real docker
// CLI (`docker stack config`, client 28.2.2) with the same input and environment.
import { describe, expect, it } from 'vitest'
import { english } from '../i18n/english'
import { castToBool, castToFloat, castToInt, interpolateConfig, substitute, type VariableLookup } from './interpolation'

const envOf =
  (env: Record<string, string>, dotenv: Record<string, string> = {}): VariableLookup =>
  (name) =>
    name in env ? { value: env[name], source: 'env' } : name in dotenv ? { value: dotenv[name], source: 'dotenv' } : undefined

describe('substitute: syntax', () => {
  const env = envOf({ A: 'a', EMPTY: '', HOME: '/root', REGISTRY: 'reg.local' })
  it.each([
    ['$A', 'a'],
    ['${A}', 'a'],
    ['x${A}y', 'xay'],
    ['$UNSET', ''],
    ['${UNSET}', ''],
    ['${UNSET:-dflt}', 'dflt'],
    ['${EMPTY:-dflt}', 'dflt'],
    ['${EMPTY-dflt}', ''],
    ['${UNSET-dflt}', 'dflt'],
    ['${A:-dflt}', 'a'],
    ['${A?msg}', 'a'],
    ['${EMPTY?msg}', ''],
    ['$$HOME', '$HOME'],
    ['$$$$', '$$'],
    ['${a}', ''],
    ['$HOME/x', '/root/x']
  ])('%s -> %j', (template, want) => {
    const result = substitute(template, env)
    expect(result.error).toBeUndefined()
    expect(result.value).toBe(want)
  })

  it.each([
    ['${UNSET:?need it}', 'required variable UNSET is missing a value: need it'],
    ['${EMPTY:?need it}', 'required variable EMPTY is missing a value: need it'],
    ['${UNSET?need}', 'required variable UNSET is missing a value: need'],
    ['$1', 'invalid interpolation format: "$1"; you may need to escape any $ with another $'],
    ['${}', 'invalid interpolation format: "${}"; you may need to escape any $ with another $'],
    ['a $ b', 'invalid interpolation format: "a $ b"; you may need to escape any $ with another $'],
    ['${1X}', 'invalid interpolation format: "${1X}"; you may need to escape any $ with another $']
  ])('%s is an error', (template, message) => {
    expect(substitute(template, env).error).toBe(message)
  })
})

describe('substitute: CLI quirks', () => {
  const env = envOf({ A: '', REGISTRY: 'reg.local' })
  it('1. operators are tried :- then - then :? then ?, so a hyphen in a :? message makes it a default (cli)', () => {
    const r = substitute('${N:?must-be-set}', env)
    expect(r.error).toBeUndefined()
    expect(r.value).toBe('be-set')
    expect(r.uses).toEqual([{ name: 'N:?must', outcome: 'default' }])
  })
  it('1b. without a hyphen the :? check fires (cli)', () => {
    expect(substitute('${N:?mustset}', env).error).toBe('required variable N is missing a value: mustset')
  })
  it('2. a default ends at the first }, nested defaults give the literal text (cli)', () => {
    expect(substitute('${A:-${B}}', env).value).toBe('${B}')
    expect(substitute('${X:-${B}', env).value).toBe('${B')
  })
  it('3. unbraced names take operators up to the first } (cli)', () => {
    expect(substitute('$REGISTRY-foo/app', envOf({})).value).toBe('foo/app')
    expect(substitute('$REGISTRY-foo/app', env).value).toBe('reg.local')
    expect(substitute('$UNSET-a b}c', env).value).toBe('a b}c')
  })
  it('4. a later variable in the same string clears an earlier error (cli)', () => {
    const r = substitute('${A:?x} ${B}', env)
    expect(r.error).toBeUndefined()
    expect(r.value).toBe(' ')
    expect(r.forgottenSaid.map(english)).toEqual(['required variable A is missing a value: x'])
    expect(substitute('${Q:?x} $$ $B', env).value).toBe(' $ ')
    const invalid = substitute('${} ${B}', env)
    expect(invalid.error).toBeUndefined()
    expect(invalid.value).toBe('{} ')
  })
  it('4b. ... but not an error that comes last (cli)', () => {
    expect(substitute('${B} ${A:?x}', env).error).toBe('required variable A is missing a value: x')
  })
  it('${A-x}${B:-y} with A set but empty (cli)', () => {
    expect(substitute('${A-x}${B:-y}', env).value).toBe('y')
  })
})

describe('casts', () => {
  it.each([
    ['3', 3],
    ['+3', 3],
    ['-3', -3],
    ['0440', 440]
  ])('int %s', (input, want) => {
    expect(castToInt(input)).toEqual({ ok: true, value: want })
  })
  it.each(['', 'abc', '0x10', '1.5', ' 1'])('int %j fails', (input) => {
    expect(castToInt(input).ok).toBe(false)
  })
  it.each([
    ['y', true],
    ['Yes', true],
    ['TRUE', true],
    ['on', true],
    ['n', false],
    ['NO', false],
    ['false', false],
    ['Off', false]
  ])('bool %s', (input, want) => {
    expect(castToBool(input)).toEqual({ ok: true, value: want })
  })
  it('bool rejects other words', () => {
    expect(castToBool('1')).toMatchObject({ ok: false, message: 'invalid boolean: 1' })
  })
  it('float', () => {
    expect(castToFloat('0.25')).toEqual({ ok: true, value: 0.25 })
    expect(castToFloat('1e-1')).toEqual({ ok: true, value: 0.1 })
    expect(castToFloat('x').ok).toBe(false)
  })
})

describe('interpolateConfig', () => {
  const env = envOf({ N: '3', M: '0440', RO: 'Yes', T: 'off', EMPTY: '' }, { FROM_DOTENV: 'd' })
  it('casts only the listed paths, only when substitution changed the string (cli)', () => {
    const result = interpolateConfig(
      {
        services: {
          web: {
            image: 'x:$N',
            deploy: { replicas: '${N}', labels: { n: '$N' } },
            secrets: [{ source: 's', mode: '${M}' }],
            read_only: '${RO}',
            tty: '${T}',
            stdin_open: 'true',
            ports: [{ target: '${N}', published: '80' }]
          }
        },
        networks: { n: { external: '${RO}' } },
        'x-extra': { k: '$FROM_DOTENV' }
      },
      env
    )
    expect(result.errors).toEqual([])
    expect(result.value).toEqual({
      services: {
        web: {
          image: 'x:3',
          deploy: { replicas: 3, labels: { n: '3' } },
          secrets: [{ source: 's', mode: 440 }],
          read_only: true,
          tty: false,
          stdin_open: 'true',
          ports: [{ target: 3, published: '80' }]
        }
      },
      networks: { n: { external: true } },
      'x-extra': { k: 'd' }
    })
    expect(result.variables.map((v) => `${v.name}:${v.outcome}`)).toContain('FROM_DOTENV:dotenv')
  })
  it('reports cast failures with the path (cli: strconv.Atoi: parsing "abc": invalid syntax)', () => {
    const result = interpolateConfig({ services: { web: { deploy: { replicas: '${X}' } } } }, envOf({ X: 'abc' }))
    expect(result.errors).toMatchObject([{ path: ['services', 'web', 'deploy', 'replicas'], message: 'failed to cast to expected type: strconv.Atoi: parsing "abc": invalid syntax' }])
  })
  it('an unset variable cast to int fails like the CLI (parsing "")', () => {
    const result = interpolateConfig({ services: { web: { deploy: { replicas: '${X}' } } } }, envOf({}))
    expect(result.errors[0].message).toBe('failed to cast to expected type: strconv.Atoi: parsing "": invalid syntax')
  })
  it('keys are not interpolated and non-strings pass through', () => {
    const result = interpolateConfig({ services: { $N: { replicas: 2, on: true, nothing: null } } }, env)
    expect(result.value).toEqual({ services: { $N: { replicas: 2, on: true, nothing: null } } })
  })
  it('warns when the CLI would forget an error (quirk 4)', () => {
    const result = interpolateConfig({ services: { web: { user: '${A:?x} ${B}' } } }, envOf({}))
    expect(result.errors).toEqual([])
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0].message).toContain('required variable A is missing a value: x')
  })
})
