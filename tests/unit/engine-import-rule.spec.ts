// The lint rule that keeps dockerode inside the Engine gateway (eslint.config.mjs): a domain
// module that imports it fails, the gateway itself passes.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// Only the import rules are under test: the type-aware rules of src/main (which would build the whole
// TypeScript program for each file, seconds on a loaded machine) are switched off here.
const eslint = new ESLint({
  overrideConfig: {
    files: ['src/main/**/*.ts'],
    languageOptions: { parserOptions: { project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' }
  }
})
const importing = "import type Dockerode from 'dockerode'\nexport type Client = Dockerode\n"

async function restrictedImports(filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(importing, { filePath })
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('dockerode only in src/main/docker/', () => {
  it('fails a domain module, the bootstrap and the SSH carrier', async () => {
    for (const file of ['src/main/nodes/node-service.ts', 'src/main/index.ts', 'src/main/connections/ssh/ssh-engine.ts']) {
      expect(await restrictedImports(file)).toEqual([expect.stringContaining('src/main/docker/')])
    }
  })

  it('passes the gateway, the lab tests and the benchmarks', async () => {
    for (const file of ['src/main/docker/engine-client.ts', 'tests/integration/stacks.test.ts', 'bench/mirror.bench.ts']) {
      expect(await restrictedImports(file)).toEqual([])
    }
  })
})
