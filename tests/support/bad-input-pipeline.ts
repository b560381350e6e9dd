// The pure part of `stacks.plan` for a file that must be refused: load (YAML, schema,
// interpolation, env_file), compile, then plan against a given live state. Used by the bad-input
// table test; the live integration test runs the real service instead.
import { readFile } from 'node:fs/promises'
import { compileStack } from '../../src/main/stacks/compose-compiler'
import { readStackFileData } from '../../src/main/stacks/compose-files'
import type { PlanProblem } from '../../src/shared/stacks'
import type { LiveState } from '../../src/main/docker/live-shapes'
import { loadStackSource } from '../../src/main/stacks/stack-sources'
import { composeProblem } from '../../src/main/stacks/compose-loader'
import { contentKey, planStack, type ContentCheck } from '../../src/main/stacks/stack-planner'

export const EMPTY_LIVE: LiveState = { services: [], networks: [], secrets: [], configs: [] }

interface BadInputOptions {
  stack: string
  env?: Record<string, string>
  live?: LiveState
}

/** Every blocking problem, as `file:line:column: message` when there is a place, else the message. */
export async function refusalsOf(paths: string[], options: BadInputOptions): Promise<string[]> {
  return blockingProblems(await refusalProblemsOf(paths, options))
}

/** The plan's problems for the files (the load's own when the files do not load), as the app receives them. */
export async function refusalProblemsOf(paths: string[], options: BadInputOptions): Promise<PlanProblem[]> {
  const files = await Promise.all(paths.map(async (path) => ({ path, text: await readFile(path, 'utf8') })))
  const loaded = await loadStackSource({ files }, { env: options.env ?? {}, useDotEnv: false })
  if (!loaded.result.model) return loaded.result.errors.map((d) => composeProblem('error', d))
  const compiled = compileStack(options.stack, loaded.result.model)
  const content = new Map<string, ContentCheck>()
  for (const object of [...compiled.secrets.map((s) => ['secret', s] as const), ...compiled.configs.map((c) => ['config', c] as const)]) {
    const [kind, o] = object
    if (o.dataSource.kind !== 'file') continue
    const path = o.dataSource.path
    const check: ContentCheck = await readStackFileData(path).then(
      () => ({ state: 'new', detail: null }),
      (error: Error) => ({ state: 'unreadable', detail: error.message })
    )
    content.set(contentKey(kind, o.name), check)
  }
  const plan = planStack({
    compiled,
    live: options.live ?? EMPTY_LIVE,
    options: { prune: false, resolveImage: 'never', withRegistryAuth: false },
    images: new Map(),
    content,
    files: paths,
    variables: [],
    locate: loaded.locate
  })
  return plan.problems
}

/** A plan's errors as `file:line:column: message` when they have a place (compose errors already do). */
export function blockingProblems(problems: PlanProblem[]): string[] {
  return problems
    .filter((p) => p.severity === 'error')
    .map((p) => (p.location && !p.message.startsWith(p.location.file) ? `${p.location.file}:${p.location.line}:${p.location.column}: ${p.message}` : p.message))
}
