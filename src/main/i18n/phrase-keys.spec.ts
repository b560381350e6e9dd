import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '../../shared/i18n/en'
import { english } from './english'
import { phrase } from '../../shared/phrase'

// Phrase keys are strings, not types (the catalogue is too deep for a key-path type), so this
// reads main's and shared's sources for every `phrase('…')` call and checks its key is in the
// English catalogue; the catalogue parity test then holds French to the same keys.

const roots = ['src/main', 'src/shared']

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path))
    else if (/\.tsx?$/.test(name) && !/\.spec\.tsx?$/.test(name)) out.push(path)
  }
  return out
}

function hasKey(key: string): boolean {
  let node: unknown = en
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return false
    const record = node as Record<string, unknown>
    // a plural group is called by its base key (`x` for `x_one`/`x_other`)
    node = part in record ? record[part] : `${part}_other` in record ? record[`${part}_other`] : undefined
  }
  return typeof node === 'string'
}

describe('phrase keys written in main', () => {
  const calls: { file: string; key: string | null; text: string }[] = []
  for (const root of roots) {
    for (const file of sourceFiles(root)) {
      const source = readFileSync(file, 'utf8')
      for (const match of source.matchAll(/\bphrase\(\s*([^,)\s]+)/g)) {
        const literal = /^(['"])([^'"]+)\1$/.exec(match[1])
        calls.push({ file: relative(process.cwd(), file), key: literal ? literal[2] : null, text: match[0] })
      }
    }
  }
  const definitions = new Set(['src/shared/phrase.ts'])
  const uses = calls.filter((c) => !definitions.has(c.file))

  it('are written as string literals, so this check can read them', () => {
    expect(uses.filter((c) => c.key === null).map((c) => `${c.file}: ${c.text}`)).toEqual([])
  })

  it('all exist in the English catalogue', () => {
    expect(uses.filter((c) => c.key !== null && !hasKey(c.key)).map((c) => `${c.file}: ${c.key}`)).toEqual([])
  })

  it('english() words nested phrases and refuses an unknown key', () => {
    expect(english(phrase('errors.title'))).toBe(String((en.errors as Record<string, unknown>).title))
    expect(english(phrase('errors.details', { message: phrase('errors.title') }))).toBe('Details: Something went wrong')
    expect(() => english(phrase('no.such.key'))).toThrow(/no English text for phrase key "no.such.key"/)
  })
})

describe('french() for tests', () => {
  it('words the same phrase in French', async () => {
    const { french } = await import('../../../tests/support/french')
    const fr = (await import('../../shared/i18n/fr')).default
    expect(french(phrase('errors.title'))).toBe(String((fr.errors as Record<string, unknown>).title))
    expect(french(phrase('errors.title'))).not.toBe(english(phrase('errors.title')))
  })
})
