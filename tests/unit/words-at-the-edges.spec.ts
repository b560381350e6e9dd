import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The lint keeps main's English at its edges (eslint.config.mjs, englishAtTheEdges): a core that
// imports the English wording fails `npm run lint`, an edge or a test does not.
const eslint = new ESLint({ cwd: process.cwd() })

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
})
