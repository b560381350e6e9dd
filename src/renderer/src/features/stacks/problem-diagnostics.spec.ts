import { createInstance, type TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { phrase } from '../../../../shared/phrase'
import type { PlanProblem } from '../../../../shared/stacks'
import en from '../../../../shared/i18n/en'
import fr from '../../../../shared/i18n/fr'
import { baseName, diagnosticsFor, fileIndexOf, fixWords, offsetAt, problemRange, problemWords } from './problem-diagnostics'

function translator(lng: 'en' | 'fr'): TFunction {
  const i18n = createInstance()
  void i18n.init({ resources: { en: { translation: en }, fr: { translation: fr } }, lng, initAsync: false, interpolation: { escapeValue: false }, showSupportNotice: false })
  return i18n.t
}
const tEn = translator('en')
const tFr = translator('fr')

const yaml = 'services:\n  web:\n    image: web:1\n    deploy:\n      replicas: "two"   # two of them\n'

describe('offsetAt', () => {
  it.each([
    [1, 1, 0],
    [2, 3, 12],
    [5, 17, yaml.indexOf('"two"')],
    [5, 999, yaml.indexOf('   # two')+ '   # two of them'.length],
    [99, 1, yaml.length],
    [0, 0, 0]
  ])('line %i column %i -> %i', (line, column, offset) => {
    expect(offsetAt(yaml, line, column)).toBe(offset)
  })

  it('counts \\r\\n lines', () => {
    expect(offsetAt('a: 1\r\nb: x\r\n', 2, 4)).toBe(9)
    expect(offsetAt('a: 1\r\nb: x\r\n', 1, 50)).toBe(4)
  })
})

describe('problemRange', () => {
  it.each([
    ['a value, without the comment', yaml, 5, 17, '"two"'],
    ['a key block', yaml, 2, 3, 'web:'],
    ['a bare line start', 'a: [\n', 1, 4, '['],
    ['the last character', 'x: y', 1, 4, 'y']
  ])('%s', (_what, text, line, column, underlined) => {
    const { from, to } = problemRange(text, line, column)
    expect(text.slice(from, to)).toBe(underlined)
  })

  it('is empty at the end of an empty line', () => {
    expect(problemRange('a: 1\n\nb: 2', 2, 1)).toEqual({ from: 5, to: 5 })
    expect(problemRange('a: 1\n', 2, 1)).toEqual({ from: 5, to: 5 })
  })
})

// `said` is what the screen shows; `message` is main's English (with the place in front for compose problems)
const problem = (over: Partial<PlanProblem>): PlanProblem => ({
  severity: 'error',
  code: 'compose',
  subject: '',
  message: 'm',
  said: phrase('compose.load.noFiles'),
  fix: null,
  fixSaid: null,
  path: null,
  location: null,
  ...over
})

describe('problems to buffers', () => {
  const files = ['/srv/a.yml', '/srv/b.yml']
  const located = problem({
    message: '/srv/b.yml:5:17: services.web.deploy.replicas must be an integer',
    said: phrase('compose.schema.type', { subject: 'services.web.deploy.replicas', types: phrase('compose.types.first.integer') }),
    location: { file: '/srv/b.yml', line: 5, column: 17 }
  })

  it('finds the file index', () => {
    expect(fileIndexOf(located, files)).toBe(1)
    expect(fileIndexOf(problem({ location: { file: '/elsewhere/.env', line: 1, column: 1 } }), files)).toBeNull()
    expect(fileIndexOf(problem({}), files)).toBeNull()
  })

  it('makes diagnostics for one buffer only, with the fix', () => {
    const other = problem({ severity: 'warning', message: 'w', said: phrase('compose.reason.dependsOn'), fix: 'do this', fixSaid: phrase('compose.reason.tmpfs'), location: { file: '/srv/a.yml', line: 2, column: 3 } })
    expect(diagnosticsFor(tEn, [located, other], files, 1, yaml)).toEqual([
      { from: yaml.indexOf('"two"'), to: yaml.indexOf('"two"') + 5, severity: 'error', message: 'services.web.deploy.replicas must be an integer', problem: 0 }
    ])
    expect(diagnosticsFor(tEn, [located, other], files, 0, yaml)).toEqual([
      { from: 12, to: 16, severity: 'warning', message: 'swarm starts services in no particular order\n→ use a volume of `type: tmpfs` instead', problem: 1 }
    ])
  })

  it('words a problem from its phrase, in the language of t, without the place', () => {
    expect(problemWords(tEn, located)).toBe('services.web.deploy.replicas must be an integer')
    expect(problemWords(tFr, located)).toBe('services.web.deploy.replicas doit être un entier')
  })

  it('words the fix from its phrase when there is one', () => {
    expect(fixWords(tFr, problem({ fix: 'do this', fixSaid: phrase('compose.reason.resources') }))).toBe('Fixez les limites de ressources avec deploy.resources')
    expect(fixWords(tFr, problem({ fix: 'do this' }))).toBe('do this')
    expect(fixWords(tFr, problem({}))).toBeNull()
  })

  it('editor diagnostics are in the language of t', () => {
    const warned = problem({ said: phrase('compose.reason.dependsOn'), fixSaid: phrase('compose.reason.tmpfs'), location: { file: '/srv/b.yml', line: 2, column: 3 } })
    expect(diagnosticsFor(tFr, [located, warned], files, 1, yaml).map((d) => d.message)).toEqual([
      'services.web.deploy.replicas doit être un entier',
      'swarm démarre les services dans un ordre quelconque\n→ utilisez plutôt un volume de `type: tmpfs`'
    ])
  })

  it('baseName', () => {
    expect(baseName('/srv/shop/docker-compose.yml')).toBe('docker-compose.yml')
    expect(baseName('C:\\x\\y.yml')).toBe('y.yml')
    expect(baseName('y.yml')).toBe('y.yml')
  })
})
