import { describe, expect, it } from 'vitest'
import en from '../../../shared/i18n/en'
import fr from '../../../shared/i18n/fr'
import { pickLanguage, resolveLanguage, resources } from './index'

// Every language must say everything English says, nothing English does not, and keep each
// string's {{placeholders}} and <tags> (a lost {{name}} or <strong> is a broken sentence, not a
// style choice). Plural groups (`key_one`, `key_other`, ...) must have exactly the forms the
// language's plural rules (Intl.PluralRules, which i18next uses) select.

type Tree = { [key: string]: string | Tree }

// The files on disk, whether or not an index registers them (Vite lists them at build time).
const sectionFilesOnDisk: Record<string, string[]> = {}
for (const path of Object.keys(import.meta.glob('../../../shared/i18n/*/*.json'))) {
  const [, language, file] = /\/shared\/i18n\/([^/]+)\/(.+)\.json$/.exec(path) ?? []
  if (language && file) (sectionFilesOnDisk[language] ??= []).push(file)
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

/** `a.b_one` -> { base: 'a.b', form: 'one' } when the key is part of a plural group, else null. */
function pluralForm(key: string, keys: Set<string>): { base: string; form: string } | null {
  const match = /^(.*)_(zero|one|two|few|many|other)$/.exec(key)
  if (!match) return null
  const base = match[1]
  // `update_completed` style keys are not plurals; a plural group always has an `_other`.
  if (!keys.has(`${base}_other`)) return null
  return { base, form: match[2] }
}

/** The catalogue with plural groups folded to their base key: { base -> { form -> text } }. */
function entries(catalogue: Tree): { singles: Map<string, string>; plurals: Map<string, Map<string, string>> } {
  const flat = flatten(catalogue)
  const keys = new Set(flat.keys())
  const singles = new Map<string, string>()
  const plurals = new Map<string, Map<string, string>>()
  for (const [key, text] of flat) {
    const plural = pluralForm(key, keys)
    if (!plural) {
      singles.set(key, text)
      continue
    }
    const forms = plurals.get(plural.base) ?? new Map<string, string>()
    forms.set(plural.form, text)
    plurals.set(plural.base, forms)
  }
  return { singles, plurals }
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*-?\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1]))].sort()
}

/** Markup tags (<strong>, <0>, </code>); an all-capitals <ADDRESS> is a value to type, which may be translated. */
function tags(text: string): string[] {
  return [...text.matchAll(/<\/?([A-Za-z0-9]+)\s*\/?>/g)]
    .filter((m) => !/^[A-Z_]+$/.test(m[1]))
    .map((m) => m[0].replace(/\s+/g, ''))
    .sort()
}

function pluralCategories(language: string): string[] {
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories.slice().sort()
}

/** Compares one language with English; returns readable problems (empty when they agree). */
export function compareCatalogues(language: string, reference: Tree, candidate: Tree): string[] {
  const problems: string[] = []
  const ref = entries(reference)
  const cand = entries(candidate)
  const wanted = pluralCategories(language)

  for (const [key, text] of ref.singles) {
    const translated = cand.singles.get(key)
    if (translated === undefined) {
      problems.push(`${language}: missing ${key}`)
      continue
    }
    if (translated.trim() === '') problems.push(`${language}: empty ${key}`)
    if (placeholders(translated).join() !== placeholders(text).join())
      problems.push(`${language}: ${key} has placeholders [${placeholders(translated)}], English has [${placeholders(text)}]`)
    if (tags(translated).join() !== tags(text).join()) problems.push(`${language}: ${key} has tags [${tags(translated)}], English has [${tags(text)}]`)
  }
  for (const key of cand.singles.keys()) if (!ref.singles.has(key)) problems.push(`${language}: ${key} is not in English`)

  for (const [base, refForms] of ref.plurals) {
    const forms = cand.plurals.get(base)
    if (!forms) {
      problems.push(`${language}: missing plural ${base}_{${wanted.join(',')}}`)
      continue
    }
    const have = [...forms.keys()].sort()
    if (have.join() !== wanted.join()) problems.push(`${language}: ${base} has plural forms [${have}], ${language} needs [${wanted}]`)
    const englishOther = refForms.get('other') ?? ''
    const expected = placeholders(englishOther)
    for (const [form, text] of forms) {
      if (text.trim() === '') problems.push(`${language}: empty ${base}_${form}`)
      // "une tâche" may say the count in words: {{count}} is optional in the `one` form only.
      const got = placeholders(text)
      const need = form === 'one' ? expected.filter((p) => p !== 'count') : expected
      const allowed = new Set(expected)
      if (need.some((p) => !got.includes(p)) || got.some((p) => !allowed.has(p)))
        problems.push(`${language}: ${base}_${form} has placeholders [${got}], English has [${expected}]`)
      if (tags(text).join() !== tags(englishOther).join()) problems.push(`${language}: ${base}_${form} has tags [${tags(text)}], English has [${tags(englishOther)}]`)
    }
  }
  for (const base of cand.plurals.keys()) if (!ref.plurals.has(base)) problems.push(`${language}: plural ${base} is not in English`)
  return problems
}

function sectionFiles(language: string): string[] {
  return (sectionFilesOnDisk[language] ?? []).slice().sort()
}

describe('catalogue comparison', () => {
  const table: { name: string; language: string; reference: Tree; candidate: Tree; problems: string[] }[] = [
    { name: 'identical shape', language: 'fr', reference: { a: { b: 'Hi {{name}}' } }, candidate: { a: { b: 'Salut {{name}}' } }, problems: [] },
    { name: 'missing key', language: 'fr', reference: { a: 'A', b: 'B' }, candidate: { a: 'A' }, problems: ['fr: missing b'] },
    { name: 'extra key', language: 'fr', reference: { a: 'A' }, candidate: { a: 'A', z: 'Z' }, problems: ['fr: z is not in English'] },
    {
      name: 'renamed placeholder',
      language: 'fr',
      reference: { a: 'Drain {{node}}' },
      candidate: { a: 'Drainer {{nœud}}' },
      problems: ['fr: a has placeholders [nœud], English has [node]']
    },
    { name: 'formatted placeholder counts by name', language: 'fr', reference: { a: '{{value, number}} s' }, candidate: { a: '{{value,number}} s' }, problems: [] },
    { name: 'lost tag', language: 'fr', reference: { a: 'Use <code>x</code>' }, candidate: { a: 'Utilisez x' }, problems: ['fr: a has tags [], English has [</code>,<code>]'] },
    { name: 'a capitalised value to type is not a tag', language: 'fr', reference: { a: '<ADDRESS>' }, candidate: { a: '<ADRESSE>' }, problems: [] },
    { name: 'empty text', language: 'fr', reference: { a: 'A' }, candidate: { a: ' ' }, problems: ['fr: empty a'] },
    {
      name: 'French plural needs one, many, other',
      language: 'fr',
      reference: { n_one: '{{count}} node', n_other: '{{count}} nodes' },
      candidate: { n_one: '{{count}} nœud', n_other: '{{count}} nœuds' },
      problems: ['fr: n has plural forms [one,other], fr needs [many,one,other]']
    },
    {
      name: 'French plural complete, count spelt out in one',
      language: 'fr',
      reference: { n_one: '{{count}} node', n_other: '{{count}} nodes' },
      candidate: { n_one: 'un nœud', n_many: '{{count}} de nœuds', n_other: '{{count}} nœuds' },
      problems: []
    },
    {
      name: 'plural form losing count in other',
      language: 'fr',
      reference: { n_one: '{{count}} node', n_other: '{{count}} nodes' },
      candidate: { n_one: 'un nœud', n_many: '{{count}} de nœuds', n_other: 'des nœuds' },
      problems: ['fr: n_other has placeholders [], English has [count]']
    },
    {
      name: 'underscore keys that are not plurals',
      language: 'fr',
      reference: { update_completed: 'Done' },
      candidate: { update_completed: 'Terminé' },
      problems: []
    }
  ]
  it.each(table)('$name', ({ language, reference, candidate, problems }) => {
    expect(compareCatalogues(language, reference, candidate)).toEqual(problems)
  })
})

describe('shipped catalogues', () => {
  const languages = Object.keys(resources).filter((language) => language !== 'en')

  it('registers French', () => {
    expect(languages).toContain('fr')
    expect(resources.fr.translation).toBe(fr)
  })

  it.each(languages)('%s has one file per English section, all registered', (language) => {
    expect(sectionFiles('en')).toContain('nodes')
    expect(sectionFiles(language)).toEqual(sectionFiles('en'))
    const catalogue = resources[language].translation as Tree
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort())
  })

  it.each(languages)('%s says everything English says, with the same placeholders and tags', (language) => {
    const problems = compareCatalogues(language, en as unknown as Tree, resources[language].translation as unknown as Tree)
    expect(problems).toEqual([])
  })
})

describe('the OS language', () => {
  it.each([
    [['fr-FR', 'en-US'], 'fr'],
    [['fr-CA'], 'fr'],
    [['de-DE', 'fr-FR', 'en'], 'fr'],
    [['en-GB', 'fr-FR'], 'en'],
    [['de-DE', 'es'], 'en'],
    [[], 'en']
  ])('%j -> %s', (preferred, language) => expect(pickLanguage(preferred, ['en', 'fr'])).toBe(language))
})

describe('resolveLanguage', () => {
  it.each([
    [{ stored: 'en', system: ['fr-FR'], browser: ['fr'] }, 'en'],
    [{ stored: null, system: ['de-DE', 'fr-FR'], browser: ['de'] }, 'fr'],
    [{ stored: null, system: [], browser: ['fr-FR', 'en'] }, 'fr'],
    [{ stored: null, system: [], browser: ['de'] }, 'en']
  ])('%j -> %s', (choice, language) => expect(resolveLanguage(choice)).toBe(language))
})
