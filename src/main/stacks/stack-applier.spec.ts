// The applier against a scripted engine: order of the calls, what stops what, the version-index
// retry, and that file contents never reach progress messages or outcomes. (The lab suite,
// tests/integration/stacks.test.ts, checks the same against the real swarm.)
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { french } from '../../../tests/support/french'
import { english } from '../i18n/english'
import { VALUE_HMAC_LABEL } from '../../shared/secrets'
import type { StackPlan } from '../../shared/stacks'
import { compileStack, type CompiledStack } from './compose-compiler'
import { loadCompose } from './compose-loader'
import type { JsonObject, LiveService, LiveState } from '../docker/live-shapes'
import { applyPlan } from './stack-applier'
import type { StackEngine } from '../docker/stack-engine'
import { contentKey, planStack, platformsFromDistribution, type ImageResolution } from './stack-planner'

const DIR = join(__dirname, '../../../tests/fixtures/stacks/lab-identity')
const COMPOSE = readFileSync(join(DIR, 'docker-compose.yml'), 'utf8')
const CAPTURED = JSON.parse(readFileSync(join(DIR, 'live-cli_x.json'), 'utf8')) as {
  live: LiveState
  distribution: Record<string, { Descriptor: { digest: string }; Platforms: { architecture: string; os: string }[] }>
}
const SECRET_DATA = Buffer.from('s3cr3t-value').toString('base64')

function compile(text = COMPOSE): CompiledStack {
  const loaded = loadCompose({ files: [{ path: `${DIR}/docker-compose.yml`, text }], env: {} })
  if (!loaded.model) throw new Error(loaded.errors.map((e) => e.message).join('; '))
  return compileStack('cli_x', loaded.model)
}

const images = new Map<string, ImageResolution>(Object.entries(CAPTURED.distribution).map(([image, d]) => [image, { ok: true, digest: d.Descriptor.digest, platforms: platformsFromDistribution(d.Platforms) }]))

function planFor(compiled: CompiledStack, live: LiveState, resolved = images): StackPlan {
  const content = new Map([...compiled.secrets.map((s) => contentKey('secret', s.name)), ...compiled.configs.map((c) => contentKey('config', c.name))].map((k) => [k, { state: live.secrets.length ? ('same' as const) : ('new' as const), detail: null }]))
  return planStack({ compiled, live, options: { prune: true, resolveImage: 'always', withRegistryAuth: false }, images: resolved, content, files: ['f.yml'], variables: [] })
}

class Err extends Error {
  constructor(
    message: string,
    readonly statusCode: number
  ) {
    super(message)
    this.json = { message }
  }
  json: { message: string }
}

/** Records every call; each method answers from the captured state unless scripted otherwise. */
function fakeEngine(live: LiveState, script: { failNetwork?: boolean; outOfSequence?: number; failService?: string } = {}) {
  const calls: string[] = []
  const bodies: unknown[] = []
  let outOfSequence = script.outOfSequence ?? 0
  const services = structuredClone(live.services)
  const engine = {
    stackServices: async () => services.filter((s) => (s.Spec.Labels as JsonObject | undefined)?.['com.docker.stack.namespace'] === 'cli_x'),
    listServices: async () => services,
    listSecrets: async () => live.secrets,
    listConfigs: async () => live.configs,
    listNetworks: async () => live.networks,
    listTasks: async () => [],
    inspectService: async (id: string) => {
      calls.push(`inspect service ${id}`)
      return services.find((s) => s.ID === id) as LiveService
    },
    inspectSecret: async (id: string) => live.secrets.find((s) => s.ID === id),
    inspectConfig: async (id: string) => live.configs.find((c) => c.ID === id),
    createNetwork: async (body: { Name: string }) => {
      calls.push(`create network ${body.Name}`)
      if (script.failNetwork) throw new Err('pool overlaps with other one on this address space', 403)
      return { Id: 'n-new' }
    },
    createSecret: async (body: { Name: string; Data?: string }) => {
      calls.push(`create secret ${body.Name}`)
      bodies.push(body)
      return { ID: 's-new' }
    },
    createConfig: async (body: { Name: string }) => {
      calls.push(`create config ${body.Name}`)
      return { ID: 'c-new' }
    },
    createService: async (body: { Name: string }) => {
      calls.push(`create service ${body.Name}`)
      if (script.failService === body.Name) throw new Err('constraint expected one operator from ==, !=', 500)
      return { ID: `id-${body.Name}`, Warnings: null }
    },
    updateService: async (id: string, version: number, body: JsonObject) => {
      calls.push(`update service ${id} v${version}`)
      bodies.push(body)
      if (outOfSequence-- > 0) {
        const s = services.find((x) => x.ID === id) as LiveService
        s.Version = { Index: s.Version.Index + 1 }
        throw new Err('rpc error: code = Unknown desc = update out of sequence', 500)
      }
      return { Warnings: null }
    },
    removeService: async (id: string) => {
      calls.push(`remove service ${id}`)
    }
  }
  return { engine: engine as unknown as StackEngine, calls, bodies }
}

async function apply(compiled: CompiledStack, live: LiveState, engine: StackEngine, resolved = images, secretCreated?: (id: string, data: string) => Promise<void>) {
  const progress: string[] = []
  const out = await applyPlan({
    engine,
    compiled,
    plan: planFor(compiled, live, resolved),
    resolveImage: 'always',
    images: resolved,
    registryAuth: async () => null,
    readData: async () => SECRET_DATA,
    progress: (opId, status, said) => progress.push(`${status} ${opId} ${english(said)}`),
    waitTimeoutMs: null,
    ...(secretCreated ? { secretCreated } : {})
  })
  return { ...out, progress }
}

const empty = (): LiveState => ({ services: [], networks: CAPTURED.live.networks.filter((n) => n.Name === 'ingress'), secrets: [], configs: [] })

describe('applyPlan', () => {
  it('creates networks, then secrets, then configs, then the services', async () => {
    const { engine, calls, bodies } = fakeEngine(empty())
    const result = await apply(compile(), empty(), engine)
    expect(calls.slice(0, 3)).toEqual(['create network cli_x_backend', 'create secret cli_x_app_token', 'create config cli_x_app_conf'])
    expect(calls.slice(3).sort()).toEqual(['create service cli_x_sidecar', 'create service cli_x_web'])
    expect(result.outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done', 'done', 'done'])
    expect(bodies[0]).toMatchObject({ Name: 'cli_x_app_token', Data: SECRET_DATA })
    // the data went to the engine, and nowhere else
    expect(JSON.stringify([result.outcomes, result.progress])).not.toContain(SECRET_DATA)
  })

  it('tells who remembers fingerprints of each secret it created, with its id and data (the spec sent stays the CLI\'s)', async () => {
    const { engine, bodies } = fakeEngine(empty())
    const told: string[] = []
    await apply(compile(), empty(), engine, images, async (id, data) => {
      told.push(`${id} ${data}`)
    })
    expect(told).toEqual([`s-new ${SECRET_DATA}`])
    expect(Object.keys((bodies[0] as { Labels?: Record<string, string> }).Labels ?? {})).not.toContain(VALUE_HMAC_LABEL)
  })

  it('says once per image that it could not be pinned, naming the services written with it, not once per service', async () => {
    const { engine } = fakeEngine(empty())
    const web = '10.77.0.1:5000/swarmdesk/web:1'
    const offline = new Map<string, ImageResolution>([...images, [web, { ok: false, error: 'dial tcp: i/o timeout' }]])
    const result = await apply(compile(COMPOSE.replace('10.77.0.1:5000/swarmdesk/sleeper:1', web)), empty(), engine, offline)
    expect(result.outcomes.flatMap((o) => o.warnings)).toEqual([])
    expect(result.warnings.map((w) => w.message)).toEqual([
      `image ${web} (used by cli_x_sidecar, cli_x_web) could not be accessed on a registry to record its digest (dial tcp: i/o timeout); each node will access it independently, possibly leading to different nodes running different versions of the image`
    ])
  })

  it('stops after a failed network: what depends on it is reported as not attempted', async () => {
    const { engine, calls } = fakeEngine(empty(), { failNetwork: true })
    const result = await apply(compile(), empty(), engine)
    expect(calls).toEqual(['create network cli_x_backend'])
    expect(result.outcomes.map((o) => [o.id, o.status])).toEqual([
      ['network.create:cli_x_backend', 'failed'],
      ['secret.create:cli_x_app_token', 'skipped'],
      ['config.create:cli_x_app_conf', 'skipped'],
      ['service.create:cli_x_sidecar', 'skipped'],
      ['service.create:cli_x_web', 'skipped']
    ])
    expect(result.outcomes[0]).toMatchObject({ message: 'Creating network cli_x_backend failed: pool overlaps with other one on this address space', error: { code: 'ENGINE_ERROR' } })
    expect(result.outcomes[1].message).toBe('not attempted: network create cli_x_backend failed')
    expect(french(result.outcomes[0].said)).toBe('Création du réseau cli_x_backend : échec : pool overlaps with other one on this address space')
    expect(french(result.outcomes[1].said)).toBe('non tenté : la création du réseau cli_x_backend a échoué')
    expect(result.progress).toContain('failed network.create:cli_x_backend pool overlaps with other one on this address space')
  })

  it('does not let one failed service stop the others', async () => {
    const { engine } = fakeEngine(empty(), { failService: 'cli_x_sidecar' })
    const result = await apply(compile(), empty(), engine)
    expect(result.outcomes.map((o) => [o.id, o.status])).toEqual([
      ['network.create:cli_x_backend', 'done'],
      ['secret.create:cli_x_app_token', 'done'],
      ['config.create:cli_x_app_conf', 'done'],
      ['service.create:cli_x_sidecar', 'failed'],
      ['service.create:cli_x_web', 'done']
    ])
  })

  it('re-reads and re-applies an update that lost a race ("update out of sequence"), with the new version', async () => {
    const live = structuredClone(CAPTURED.live)
    const { engine, calls, bodies } = fakeEngine(live, { outOfSequence: 2 })
    const web = live.services.find((s) => s.Spec.Name === 'cli_x_web') as LiveService
    const v = web.Version.Index
    const result = await apply(compile(COMPOSE.replace('replicas: 2', 'replicas: 4')), live, engine)
    expect(calls.filter((c) => c.startsWith('update') || c.startsWith('inspect'))).toEqual([
      `inspect service ${web.ID}`,
      `update service ${web.ID} v${v}`,
      `inspect service ${web.ID}`,
      `update service ${web.ID} v${v + 1}`,
      `inspect service ${web.ID}`,
      `update service ${web.ID} v${v + 2}`
    ])
    expect(french(result.outcomes[0].said)).toBe('service cli_x_web mis à jour (réappliqué après 2 modifications concurrentes)')
    expect(result.outcomes).toEqual([{ id: 'service.update:cli_x_web', status: 'done', message: 'updated service cli_x_web (re-applied after 2 concurrent change(s))', said: { key: 'stacks.said.outcome.serviceUpdatedRetried', params: { name: 'cli_x_web', count: 2 } }, error: null, warnings: [] }])
    // replicas only: the stored task template goes back untouched, so no task is replaced
    const body = bodies[bodies.length - 1] as JsonObject
    expect(body.TaskTemplate).toEqual(web.Spec.TaskTemplate)
    expect(body.Mode).toEqual({ Replicated: { Replicas: 4 } })
  })

  it('prunes first, then the rest', async () => {
    const live = structuredClone(CAPTURED.live)
    const { engine, calls } = fakeEngine(live)
    const withoutSidecar = COMPOSE.replace(/ {2}sidecar:[\s\S]*?(?=networks:\n {2}backend:\n {4}driver)/, '').replace('replicas: 2', 'replicas: 3')
    const result = await apply(compile(withoutSidecar), live, engine)
    const sidecar = live.services.find((s) => s.Spec.Name === 'cli_x_sidecar') as LiveService
    expect(calls[0]).toBe(`remove service ${sidecar.ID}`)
    expect(result.outcomes.map((o) => o.id)).toEqual(['service.remove:cli_x_sidecar', 'service.update:cli_x_web'])
  })

  it('refuses a blocked plan', async () => {
    const live = structuredClone(CAPTURED.live)
    const compiled = compile()
    const plan = { ...planFor(compiled, live), ok: false }
    const { engine } = fakeEngine(live)
    await expect(
      applyPlan({ engine, compiled, plan, resolveImage: 'always', images, registryAuth: async () => null, readData: async () => '', progress: () => undefined, waitTimeoutMs: null })
    ).rejects.toThrow(/blocking problems; nothing was applied/)
  })
})
