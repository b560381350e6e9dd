// What SwarmDesk sends for a golden case when it deploys a fresh stack with --resolve-image never:
// the compiler's specs through the same request builders as the applier (networkCreateRequest,
// desiredServiceSpec), IDs written `id:<name>` like the recorded CLI bodies.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compileStack, type CompiledStack } from '../../src/main/stacks/compose-compiler'
import { loadComposeFiles } from '../../src/main/stacks/compose-files'
import { formatDiagnostic } from '../../src/main/stacks/compose-loader'
import { toJson } from '../../src/main/stacks/live-shapes'
import { networkCreateRequest } from '../../src/main/docker/stack-engine'
import { desiredServiceSpec } from '../../src/main/stacks/stack-planner'
import type { CliBodies, GoldenCase } from './golden-cases'

export interface SwarmDeskBodies {
  errors: string[]
  bodies: Omit<CliBodies, 'recordedWith' | 'serviceUpdates' | 'cliError'> | null
}

const byName = (a: Record<string, unknown>, b: Record<string, unknown>): number => String(a.Name).localeCompare(String(b.Name))
const plain = (value: unknown): Record<string, unknown> => toJson(value) as Record<string, unknown>

export async function swarmDeskBodies(c: GoldenCase, stack: string): Promise<SwarmDeskBodies> {
  const loaded = await loadComposeFiles(
    c.files.map((f) => join(c.dir, f)),
    { env: c.env }
  )
  if (!loaded.model) return { errors: loaded.errors.map(formatDiagnostic), bodies: null }
  const compiled: CompiledStack = compileStack(stack, loaded.model)
  if (compiled.errors.length > 0) return { errors: compiled.errors.map((e) => e.message), bodies: null }
  const ids = (names: string[]) => new Map(names.map((n) => [n, `id:${n}`]))
  const secretNames = compiled.services.flatMap((s) => (s.spec.TaskTemplate.ContainerSpec.Secrets ?? []).map((r) => r.SecretName))
  const configNames = compiled.services.flatMap((s) => [...(s.spec.TaskTemplate.ContainerSpec.Configs ?? []).map((r) => r.ConfigName), ...(s.credentialSpecConfig ? [s.credentialSpecConfig] : [])])
  // the plan reads every secret and config file before anything is written (stack-reader.ts)
  const unreadable = [...compiled.secrets, ...compiled.configs].flatMap((o) => {
    if (o.dataSource.kind !== 'file') return []
    try {
      readFileSync(o.dataSource.path)
      return []
    } catch (error) {
      return [`${o.name}: ${(error as Error).message}`]
    }
  })
  if (unreadable.length > 0) return { errors: unreadable, bodies: null }
  const data = (source: { kind: string; path?: string }) => (source.kind === 'file' && source.path ? { Data: readFileSync(source.path).toString('base64') } : {})
  return {
    errors: [],
    bodies: {
      stack,
      networks: compiled.networks.map((n) => plain(networkCreateRequest(n.spec))).sort(byName),
      secrets: compiled.secrets.map((s) => plain({ ...s.spec, ...data(s.dataSource) })).sort(byName),
      configs: compiled.configs.map((s) => plain({ ...s.spec, ...data(s.dataSource) })).sort(byName),
      services: compiled.services
        .map((s) => plain(desiredServiceSpec({ compiled: s, live: null, mode: 'never', resolution: undefined, secretIds: ids(secretNames), configIds: ids(configNames) }).spec))
        .sort(byName)
    }
  }
}
