import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, beforeAll } from 'vitest'
import { parse } from 'yaml'
import { canonicalBodies, readGoldenCase, type GoldenCase } from '../../scripts/golden/golden-cases'
import { recordCliStack } from '../../scripts/golden/cli-recorder'
import { withExternalObjects } from '../../scripts/golden/external-objects'
import { swarmDeskBodies } from '../../scripts/golden/swarmdesk-bodies'
import { labNode, requireLab, tempDir, uniqueName, type LabStatus } from '../support/lab'

// The golden files were recorded once; this re-records a few of them live, with the docker CLI
// installed on this machine, so a CLI whose output drifted from our compiler (a new default, a
// new field) fails here rather than silently in production. The recording proxy keeps every
// service unschedulable and publishes only in 18900-18999, and the stacks are removed afterwards.
const LIVE_CASES = ['course-web-redis', 'course-afternoon', 'secrets-long-syntax', 'configs-long-syntax', 'external-objects', 'ports-long-syntax', 'healthcheck-variants', 'multi-file-merge', 'resources-sizes']

let lab: LabStatus

/**
 * Names the case fixes outside the stack's prefix: a `name:` of a secret, config or network and
 * the external objects. Two live recordings at once (this test twice, or with the recorder script)
 * would share them: the second CLI finds the secret made by the first and updates it instead of
 * creating it (so its bodies lack it), or the first run removes it under the second's deploy.
 */
function fixedNames(c: GoldenCase): string[] {
  const names = new Set<string>([...c.external.networks, ...c.external.secrets, ...c.external.configs])
  for (const file of c.files) {
    const doc = parse(readFileSync(join(c.dir, file), 'utf8')) as Record<string, Record<string, { name?: unknown; external?: { name?: unknown } } | null> | undefined>
    for (const section of ['networks', 'secrets', 'configs']) {
      for (const entry of Object.values(doc?.[section] ?? {})) {
        if (typeof entry?.name === 'string') names.add(entry.name)
        if (typeof entry?.external === 'object' && typeof entry.external?.name === 'string') names.add(entry.external.name)
      }
    }
  }
  return [...names].sort((a, b) => b.length - a.length)
}

/** A copy of the case (in a temp dir) whose fixed names end with this run's suffix. */
function isolatedCase(c: GoldenCase, suffix: string): GoldenCase {
  const names = fixedNames(c)
  const rename = (text: string) => names.reduce((t, n) => t.split(n).join(`${n}${suffix}`), text)
  const dir = tempDir('h6-golden-')
  cpSync(c.dir, dir, { recursive: true })
  for (const file of c.files) writeFileSync(join(dir, file), rename(readFileSync(join(c.dir, file), 'utf8')))
  const external = { networks: c.external.networks.map(rename), secrets: c.external.secrets.map(rename), configs: c.external.configs.map(rename) }
  return { ...c, dir, external }
}

/** The run's suffix taken out again: what is compared is what the fixture's names give. */
function withoutSuffix<T>(value: T, suffix: string): T {
  return JSON.parse(JSON.stringify(value).split(suffix).join('')) as T
}

beforeAll(() => {
  lab = requireLab()
})

type Ref = { SecretName?: string; ConfigName?: string; File?: { Name?: string } }
type ServiceBody = { TaskTemplate?: { ContainerSpec?: { Secrets?: Ref[]; Configs?: Ref[] } } }

/**
 * The docker CLI sorts a service's secret and config references by name only, after collecting
 * them in a Go map (cli/command/service/parse.go ParseSecrets/ParseConfigs): two references to the
 * same secret at different targets come out in a random order from one run to the next. Compare
 * them with ties broken by target, so the comparison checks everything but that coin toss.
 */
function refsInTargetOrder<T>(services: T[] | undefined): T[] | undefined {
  const byNameThenTarget = (a: Ref, b: Ref): number =>
    (a.SecretName ?? a.ConfigName ?? '').localeCompare(b.SecretName ?? b.ConfigName ?? '') || (a.File?.Name ?? '').localeCompare(b.File?.Name ?? '')
  return services?.map((service) => {
    const copy = structuredClone(service) as T & ServiceBody
    const spec = copy.TaskTemplate?.ContainerSpec
    if (spec?.Secrets) spec.Secrets.sort(byNameThenTarget)
    if (spec?.Configs) spec.Configs.sort(byNameThenTarget)
    return copy
  })
}

describe('docker CLI vs compiler, recorded live', () => {
  for (const name of LIVE_CASES) {
    it(`${name}: the CLI sends what SwarmDesk would send`, async () => {
      const socket = labNode(lab, 'manager1').socket
      const stack = uniqueName('h1g')
      const suffix = `-${uniqueName('run')}`
      const c = isolatedCase(readGoldenCase(name), suffix)
      const run = await withExternalObjects(socket, c.external, () => recordCliStack({ upstreamSocket: socket, stack, files: c.files, cwd: c.dir, env: c.env }))
      expect(run.code, run.stderr).toBe(0)
      const cli = withoutSuffix(canonicalBodies(run, stack, { client: '', api: '', command: '' }), suffix)
      expect(cli.services.length).toBeGreaterThan(0)
      const ours = withoutSuffix(await swarmDeskBodies(c, cli.stack), suffix)
      expect(ours.errors).toEqual([])
      expect(ours.bodies?.networks).toEqual(cli.networks)
      expect(ours.bodies?.secrets).toEqual(cli.secrets)
      expect(ours.bodies?.configs).toEqual(cli.configs)
      expect(refsInTargetOrder(ours.bodies?.services)).toEqual(refsInTargetOrder(cli.services))
    }, 120_000)
  }
})
