// The golden cases of tests/fixtures/stacks: a directory with a case.json is recorded from the
// real docker CLI into cli-bodies.json (scripts/golden/record-cli-stack.ts). Shared by the
// recorder, the unit golden test and the live drift test.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { CliRun, RecordedBody } from './cli-recorder'

export const FIXTURES_DIR = resolve(__dirname, '..', '..', 'tests', 'fixtures', 'stacks')
/** the stack name the recorded bodies are rewritten to */
export const CANONICAL_STACK = 'st'

export interface GoldenCase {
  name: string
  dir: string
  /** compose files in -c order (default docker-compose.yml) */
  files: string[]
  /** environment for interpolation (the CLI also gets PATH and HOME) */
  env: Record<string, string>
  /** objects that must exist before the deploy (fixed names, created and removed by the recorder) */
  external: { networks: string[]; secrets: string[]; configs: string[] }
  /** a case the CLI refuses: hand-written messages our loader or compiler must give */
  expectedErrors?: string[]
  description?: string
}

export interface CliBodies {
  recordedWith: { client: string; api: string; command: string }
  stack: string
  networks: Record<string, unknown>[]
  secrets: Record<string, unknown>[]
  configs: Record<string, unknown>[]
  services: Record<string, unknown>[]
  serviceUpdates: Record<string, unknown>[]
  /** stderr of a refused deploy */
  cliError?: string
}

export function goldenCases(): GoldenCase[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => existsSync(join(FIXTURES_DIR, name, 'case.json')))
    .sort()
    .map((name) => readGoldenCase(name))
}

export function readGoldenCase(name: string): GoldenCase {
  const dir = join(FIXTURES_DIR, name)
  const raw = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Partial<GoldenCase> & { external?: Partial<GoldenCase['external']> }
  return {
    name,
    dir,
    files: raw.files ?? ['docker-compose.yml'],
    env: raw.env ?? {},
    external: { networks: raw.external?.networks ?? [], secrets: raw.external?.secrets ?? [], configs: raw.external?.configs ?? [] },
    expectedErrors: raw.expectedErrors,
    description: raw.description
  }
}

const byName = (a: Record<string, unknown>, b: Record<string, unknown>): number => String(a.Name).localeCompare(String(b.Name))

/**
 * Recorded bodies -> the fixture's stable form: IDs of networks, secrets and configs become
 * `id:<name>`, the random stack name becomes CANONICAL_STACK, and everything is sorted by name
 * (the CLI iterates Go maps, so its order is random).
 */
export function canonicalBodies(run: CliRun, stack: string, recordedWith: CliBodies['recordedWith']): CliBodies {
  let text = JSON.stringify(run.bodies)
  for (const [id, name] of run.names) text = text.split(`"${id}"`).join(JSON.stringify(`id:${name}`))
  text = text.split(stack).join(CANONICAL_STACK)
  const bodies = JSON.parse(text) as RecordedBody[]
  const of = (kind: RecordedBody['kind']) => bodies.filter((b) => b.kind === kind).map((b) => b.body).sort(byName)
  const out: CliBodies = {
    recordedWith,
    stack: CANONICAL_STACK,
    networks: of('network'),
    secrets: of('secret'),
    configs: of('config'),
    services: of('service-create'),
    serviceUpdates: of('service-update')
  }
  if (run.code !== 0) out.cliError = run.stderr.split(stack).join(CANONICAL_STACK).trim()
  return out
}

/**
 * Bind-mount sources are absolute paths into the checkout the bodies were made in. Goldens store
 * them with the case's folder as a token, so they compare equal in any clone.
 */
export const CASE_DIR_TOKEN = '<case-dir>'
export function withCaseDirToken<T>(value: T, caseDir: string): T {
  return JSON.parse(JSON.stringify(value).split(caseDir).join(CASE_DIR_TOKEN)) as T
}
