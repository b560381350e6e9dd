import { describe, expect, it } from 'vitest'
import { emptyServiceDraft } from '../../../../shared/services'
import i18next from 'i18next'
import { resources } from '../../i18n'
import type { DraftIssue } from '../../../../shared/services'
import { changedFields, isDraftDirty, issueMessage, issuesAt, lineIssues, linesToList, removeAt, replaceAt, wordIssues } from './service-form-model'

const i18n = i18next.createInstance()
void i18n.init({ resources, lng: 'en', fallbackLng: 'en', initAsync: false, interpolation: { escapeValue: false }, showSupportNotice: false })
const en = i18n.getFixedT('en')
const fr = i18n.getFixedT('fr')

describe('service form model', () => {
  it('textareas are lists of non-blank, trimmed lines', () => {
    expect(linesToList(' A=1 \n\n  B=two words\n')).toEqual(['A=1', 'B=two words'])
  })
  it('places issues on fields and rows', () => {
    const issues = [{ path: 'ports.1.published', message: 'taken' }, { path: 'image', message: 'bad' }, { path: 'ports.10.target', message: 'other row' }]
    expect(issuesAt(issues, 'ports.1')).toEqual(['taken'])
    expect(issuesAt(issues, 'image')).toEqual(['bad'])
    expect(issuesAt(issues, 'name')).toEqual([])
  })
  it('says which textarea line an issue is on', () => {
    expect(lineIssues([{ path: 'env.1', message: 'set twice' }], 'env', ['A=1', 'A=2'], 'A=1\n\nA=2')).toEqual(['3: set twice'])
  })
  it.each<[DraftIssue, string, string]>([
    [
      { path: 'update.delay', code: 'duration', value: '10x' },
      '"10x" is not a duration: expected a number with a unit, like 10s, 1m30s or 500ms',
      "« 10x » n'est pas une durée : il faut un nombre suivi d'une unité, comme 10s, 1m30s ou 500ms"
    ],
    [{ path: 'name', code: 'name-taken', name: 'web' }, 'a service named "web" already exists', 'un service nommé « web » existe déjà'],
    [
      { path: 'ports.0.published', code: 'port-taken', port: '8080/tcp', service: 'shop' },
      'port 8080/tcp is already published by service shop: choose another published port',
      'le port 8080/tcp est déjà publié par le service shop : choisissez un autre port publié'
    ],
    [
      { path: 'mode', code: 'mode-change', from: 'replicated', to: 'global' },
      "a service's mode cannot be changed (replicated -> global): the engine refuses it. Create a new global service and remove this one (docker service rm, then docker service create --mode global)",
      "le mode d'un service ne peut pas changer (répliqué -> global) : le moteur le refuse. Créez un nouveau service en mode global et supprimez celui-ci (docker service rm, puis docker service create --mode global)"
    ],
    [
      { path: 'constraints.0', code: 'constraint', message: "key 'x' is invalid", suggestion: '', said: { key: 'placement.said.constraint.key-invalid', params: { name: 'x' } }, suggestionSaid: null, fix: null },
      "key 'x' is invalid",
      "la clé « x » n'est pas valide"
    ],
    [
      {
        path: 'constraints.0',
        code: 'constraint',
        message: 'constraint expected one operator from ==, !=',
        suggestion: 'use ==: node.role == worker',
        said: { key: 'placement.said.constraint.operator-expected', params: { operators: '==, !=' } },
        suggestionSaid: { key: 'placement.said.constraint.use-operator', params: { operator: '==', fix: 'node.role == worker' } },
        fix: 'node.role == worker'
      },
      'constraint expected one operator from ==, != (use ==: node.role == worker)',
      'la contrainte attend un opérateur parmi ==, != (utilisez == : node.role == worker)'
    ],
    [{ path: 'env.1', code: 'env-twice', key: 'A', firstLine: 1 }, 'A is set twice (also on line 1)', 'A est défini deux fois (déjà à la ligne 1)']
  ])('words issue %# in English and in French', (issue, english, french) => {
    expect(issueMessage(en, issue)).toBe(english)
    expect(issueMessage(fr, issue)).toBe(french)
  })
  it('words every issue of a plan with its path', () => {
    expect(wordIssues(en, [{ path: 'name', code: 'name-missing' }, { path: 'secrets.0.source', code: 'secret-unknown', name: 'api' }])).toEqual([
      { path: 'name', message: 'a service needs a name' },
      { path: 'secrets.0.source', message: 'no secret named "api" in this swarm (docker secret ls lists them)' }
    ])
  })
  it('edits rows immutably and lists changed fields', () => {
    const list = [1, 2, 3]
    expect(replaceAt(list, 1, 9)).toEqual([1, 9, 3])
    expect(removeAt(list, 0)).toEqual([2, 3])
    expect(list).toEqual([1, 2, 3])
    const base = emptyServiceDraft()
    expect(changedFields(base, { ...base, image: 'x', replicas: 3 })).toEqual(['image', 'replicas'])
    expect(changedFields(null, base)).toEqual([])
  })

  const start = { ...emptyServiceDraft(), name: 'web', image: 'web:1', env: ['A=1'], healthcheck: { ...emptyServiceDraft().healthcheck } }
  it.each([
    ['the same draft', start, false],
    ['an equal copy', structuredClone(start), false],
    ['the same values, keys in another order', Object.fromEntries(Object.entries(start).reverse()), false],
    ['a field edited', { ...start, image: 'web:2' }, true],
    ['a line added to a list', { ...start, env: ['A=1', 'B=2'] }, true],
    ['a list emptied', { ...start, env: [] }, true],
    ['a nested value edited', { ...start, healthcheck: { ...start.healthcheck, retries: 7 } }, true]
  ])('is dirty when the draft differs from what the form opened with: %s', (_name, draft, dirty) => {
    expect(isDraftDirty(start, draft as typeof start)).toBe(dirty)
  })
})
