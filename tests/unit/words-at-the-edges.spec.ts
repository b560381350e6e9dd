import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The lint keeps main's English at its edges (eslint.config.mjs, englishAtTheEdges): a core that
// imports the English wording fails `npm run lint`, an edge or a test does not.
// The files linted here are made up (lintText): outside any TypeScript program, so the type-aware
// rules of src/main (and their parser project) are switched off for them; the import rules stay.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    files: ['src/main/**/*.ts'],
    languageOptions: { parserOptions: { project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' }
  }
})

async function refusedSyntax(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message)
}

async function refusedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

const importsEnglish = (from: string): string => `import { english } from '${from}'\nexport const say = english\n`

describe('English only at the edges', () => {
  it.each([
    ['src/main/stacks/wording.ts', '../i18n/english'],
    ['src/main/secrets/wording.ts', '../i18n/english'],
    ['src/main/connections/ssh/wording.ts', '../../i18n/english'],
    ['src/main/composition-wording.ts', './i18n/english'],
    ['src/main/index.ts', './i18n/english']
  ])('%s may not import %s', async (file, from) => {
    expect(await refusedImports(file, importsEnglish(from))).toEqual([expect.stringContaining('English is made at the edges')])
  })

  it.each([
    ['src/main/rpc/wording.ts', '../i18n/english'],
    ['src/main/cli.ts', './i18n/english'],
    ['src/main/cli/wording.ts', '../i18n/english'],
    ['src/main/i18n/wording.ts', './english'],
    ['src/main/stacks/wording.spec.ts', '../i18n/english']
  ])('%s may import %s', async (file, from) => {
    expect(await refusedImports(file, importsEnglish(from))).toEqual([])
  })

  it('a core builds worded values with the words module', async () => {
    expect(await refusedImports('src/main/stacks/wording.ts', "import { worded } from '../i18n/words'\nexport const w = worded\n")).toEqual([])
  })

  it('still keeps electron out of main outside the bootstrap', async () => {
    expect(await refusedImports('src/main/stacks/wording.ts', "import { app } from 'electron'\nexport const a = app\n")).toEqual([expect.stringContaining('electron belongs to')])
  })

  const wordsNow = "import { sentenceOnRead } from '../i18n/words'\nimport { phrase } from '../../shared/phrase'\nexport const text = sentenceOnRead(phrase('errors.title'))()\n"
  const wordsOnRead = "import { sentenceOnRead } from '../i18n/words'\nimport { phrase } from '../../shared/phrase'\nconst later = sentenceOnRead(phrase('errors.title'))\nexport const value = { get text() { return later() } }\n"
  const importsSentence = "import { sentence } from '../i18n/words'\nexport const s = sentence\n"

  it.each(['src/main/stacks/wording.ts', 'src/main/placement/wording.ts', 'src/main/docker/wording.ts'])('%s may not word a phrase at once', async (file) => {
    expect(await refusedSyntax(file, wordsNow)).toEqual([expect.stringContaining('a sentence is made when read')])
    expect(await refusedSyntax(file, importsSentence)).toEqual([expect.stringContaining('no sentence now in a core')])
    expect(await refusedSyntax(file, wordsOnRead)).toEqual([])
  })

  it.each(['src/main/cli/wording.ts', 'src/main/rpc/wording.ts', 'src/main/stacks/wording.spec.ts'])('%s, an edge, may', async (file) => {
    expect(await refusedSyntax(file, wordsNow)).toEqual([])
  })
})
