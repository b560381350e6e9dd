import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser'
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options'

// The layer rules are the ones `npm run lint` applies (.dependency-cruiser.cjs). They are run on a
// miniature tree with one deliberately wrong import per rule (tests/fixtures/layers), and on the
// real src/, which must be clean.

const repoRoot = resolve(__dirname, '../..')
const fixtureRoot = resolve(repoRoot, 'tests/fixtures/layers')

async function violationsIn(baseDir: string): Promise<IViolation[]> {
  const options = await extractDepcruiseOptions(resolve(repoRoot, '.dependency-cruiser.cjs'))
  const result = await cruise(['src'], { ...options, baseDir, outputType: 'json' })
  const output = typeof result.output === 'string' ? (JSON.parse(result.output) as ICruiseResult) : result.output
  return output.summary.violations
}

const brief = (violation: IViolation): string => `${violation.rule.name}: ${violation.from} -> ${violation.to}`

describe('layer rules', () => {
  it('report each wrong import of the fixture tree under the rule it breaks, and nothing else', async () => {
    const found = (await violationsIn(fixtureRoot)).map(brief).sort()
    expect(found).toEqual(
      [
        'shared-imports-no-process: src/shared/contract.ts -> src/main/domain/thing.ts',
        'main-imports-no-renderer: src/main/index.ts -> src/renderer/src/features/alpha/page.ts',
        'features-import-no-app: src/renderer/src/features/alpha/page.ts -> src/renderer/src/app/nav.ts',
        'no-feature-folder-cycle: src/renderer/src/features/alpha -> src/renderer/src/features/beta',
        'no-feature-folder-cycle: src/renderer/src/features/beta -> src/renderer/src/features/alpha',
        'preload-imports-only-shared: src/preload/index.ts -> src/main/domain/thing.ts',
        'no-main-domain-folder-cycle: src/main/domain -> src/main/placement',
        'no-main-domain-folder-cycle: src/main/placement -> src/main/domain',
        'renderer-imports-no-main: src/renderer/src/features/beta/list.ts -> src/main/domain/thing.ts',
        'src-imports-no-tests: src/main/domain/thing.ts -> tests/support/builders.ts',
        'no-circular-import: src/main/domain/left.ts -> src/main/domain/right.ts',
        'no-test-only-module: src/main/placement/test-fixtures.ts -> src/main/placement/test-fixtures.ts'
      ].sort()
    )
  }, 60_000)

  it('find no violation in src/', async () => {
    expect((await violationsIn(repoRoot)).map(brief)).toEqual([])
  }, 60_000)
})
