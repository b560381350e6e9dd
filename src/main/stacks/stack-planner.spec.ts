// Planner table tests. The live side is real Engine JSON: what the lab's engine returned right
// after `docker stack deploy -c lab-identity/docker-compose.yml cli_x` (live-cli_x.json), so
// "the CLI's own stack plans as unchanged" is checked against the daemon's actual spelling.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StackPlan } from '../../shared/stacks'
import { french } from '../../../tests/support/french'
import { compileStack, type CompiledStack } from './compose-compiler'
import { formatDiagnostic, loadCompose } from './compose-loader'
import type { JsonObject, LiveService, LiveState } from '../docker/live-shapes'
import { compareServiceSpecs } from './spec-compare'
import {
  compareContext,
  contentKey,
  desiredServiceSpec,
  imagesToResolve,
  nextVersionedName,
  planStack,
  platformsFromDistribution,
  updateBody,
  type ContentCheck,
  type ImageResolution,
  type PlanOptions
} from './stack-planner'

const DIR = join(__dirname, '../../../tests/fixtures/stacks/lab-identity')
const COMPOSE = readFileSync(join(DIR, 'docker-compose.yml'), 'utf8')
const CAPTURED = JSON.parse(readFileSync(join(DIR, 'live-cli_x.json'), 'utf8')) as {
  live: LiveState
  distribution: Record<string, { Descriptor: { digest: string }; Platforms: { architecture: string; os: string }[] }>
}
const WEB1 = '10.77.0.1:5000/swarmdesk/web:1'
const WEB2 = '10.77.0.1:5000/swarmdesk/web:2'

function compile(text = COMPOSE, stack = 'cli_x'): CompiledStack {
  const loaded = loadCompose({ files: [{ path: `${DIR}/docker-compose.yml`, text }], env: {} })
  expect(loaded.errors.map(formatDiagnostic)).toEqual([])
  if (!loaded.model) throw new Error('no model')
  return compileStack(stack, loaded.model)
}

function live(): LiveState {
  return structuredClone(CAPTURED.live)
}

function registry(overrides: Record<string, ImageResolution> = {}): Map<string, ImageResolution> {
  const map = new Map<string, ImageResolution>()
  for (const [image, d] of Object.entries(CAPTURED.distribution)) map.set(image, { ok: true, digest: d.Descriptor.digest, platforms: platformsFromDistribution(d.Platforms) })
  for (const [image, r] of Object.entries(overrides)) map.set(image, r)
  return map
}

function contents(compiled: CompiledStack, state: ContentCheck['state'] = 'same', overrides: Record<string, ContentCheck['state']> = {}): Map<string, ContentCheck> {
  const map = new Map<string, ContentCheck>()
  for (const s of compiled.secrets) map.set(contentKey('secret', s.name), { state: overrides[s.name] ?? state, detail: null })
  for (const c of compiled.configs) map.set(contentKey('config', c.name), { state: overrides[c.name] ?? state, detail: null })
  return map
}

const DEFAULTS: PlanOptions = { prune: false, resolveImage: 'always', withRegistryAuth: false }

function plan(options: { text?: string; state?: LiveState; opts?: Partial<PlanOptions>; images?: Map<string, ImageResolution>; content?: Record<string, ContentCheck['state']>; drift?: boolean } = {}): StackPlan {
  const compiled = compile(options.text)
  const state = options.state ?? live()
  return planStack({
    compiled,
    live: state,
    options: { ...DEFAULTS, ...options.opts },
    images: options.images ?? registry(),
    content: contents(compiled, state.secrets.length ? 'same' : 'new', options.content),
    files: ['docker-compose.yml'],
    variables: [],
    drift: options.drift
  })
}

const kinds = (p: StackPlan) => p.operations.map((o) => `${o.kind} ${o.name}`)
const service = (p: StackPlan, name: string) => p.operations.find((o) => o.name === name && o.kind.startsWith('service.'))
const webService = (state: LiveState): LiveService => state.services.find((s) => s.Spec.Name === 'cli_x_web') as LiveService
const containerSpec = (s: LiveService) => (s.Spec.TaskTemplate as JsonObject).ContainerSpec as JsonObject

describe('planStack against the CLI-made stack', () => {
  it('plans the docker CLI stack of the same file as unchanged, in every --resolve-image mode', () => {
    for (const resolveImage of ['always', 'changed', 'never'] as const) {
      const p = plan({ opts: { resolveImage } })
      expect(p.problems).toEqual([])
      expect(p.ok).toBe(true)
      expect(kinds(p)).toEqual([
        'network.unchanged cli_x_backend',
        'secret.unchanged cli_x_app_token',
        'config.unchanged cli_x_app_conf',
        'service.unchanged cli_x_sidecar',
        'service.unchanged cli_x_web'
      ])
      expect(p.summary).toEqual({ create: 0, update: 0, unchanged: 5, remove: 0, restarting: [], notInFile: [] })
    }
  })

  it('creates everything in the CLI order on an empty swarm, pinning images like `--resolve-image always`', () => {
    const empty: LiveState = { services: [], networks: live().networks.filter((n) => n.Name === 'ingress'), secrets: [], configs: [] }
    const p = plan({ state: empty })
    expect(kinds(p)).toEqual(['network.create cli_x_backend', 'secret.create cli_x_app_token', 'config.create cli_x_app_conf', 'service.create cli_x_sidecar', 'service.create cli_x_web'])
    expect(p.operations[0].cli).toBe('docker network create --driver overlay --label com.docker.stack.namespace=cli_x --label org.example.net=backend cli_x_backend')
    expect(service(p, 'cli_x_web')?.notes.map((n) => n.message)).toEqual([`image ${WEB1}@sha256:b5e5d8ad11964c2f69ba49c737284cced56f19d657e7075d1343efe370ac958a`])
    expect(p.summary.create).toBe(5)
    expect(p.cli).toBe('docker stack deploy -c docker-compose.yml cli_x')
  })

  it('does not report digest pinning as a change, even when the registry cannot be reached', () => {
    const p = plan({ images: registry({ [WEB1]: { ok: false, error: 'dial tcp: i/o timeout' } }) })
    expect(service(p, 'cli_x_web')?.kind).toBe('service.unchanged')
    expect(service(p, 'cli_x_web')?.notes.map((n) => n.message)).toEqual(['kept the digest the service runs (sha256:b5e5d8ad11964c2f69ba49c737284cced56f19d657e7075d1343efe370ac958a)'])
    expect(p.problems.map((x) => [x.severity, x.code])).toEqual([['warning', 'image-unresolved']])
    expect(p.ok).toBe(true)
    expect(service(p, 'cli_x_web')?.notes.map((n) => french(n.said))).toEqual(["digest conservé, celui qu'exécute le service (sha256:b5e5d8ad11964c2f69ba49c737284cced56f19d657e7075d1343efe370ac958a)"])
    expect(p.problems[0].message).toBe(
      `image ${WEB1} (used by cli_x_web) could not be accessed on a registry to record its digest (dial tcp: i/o timeout); each node will access it independently, possibly leading to different nodes running different versions of the image`
    )
    expect(p.problems[0].said && french(p.problems[0].said)).toBe(
      `l'image ${WEB1} (utilisée par cli_x_web) n'a pu être consultée sur aucun registre pour noter son digest (dial tcp: i/o timeout) ; chaque nœud la récupérera de son côté, et des nœuds différents pourraient exécuter des versions différentes de l'image`
    )
  })

  it('warns once per image that cannot be pinned, naming every service that uses it', () => {
    const text = ['services:', ...['web', 'api', 'admin', 'worker'].map((k) => `  ${k}:\n    image: ${WEB1}`)].join('\n') + '\n'
    const empty: LiveState = { services: [], networks: live().networks.filter((n) => n.Name === 'ingress'), secrets: [], configs: [] }
    const p = plan({ text, state: empty, images: registry({ [WEB1]: { ok: false, error: 'dial tcp: i/o timeout' } }) })
    const warnings = p.problems.filter((x) => x.code === 'image-unresolved')
    expect(warnings.map((w) => [w.subject, w.path])).toEqual([[WEB1, 'services.admin.image']])
    expect(warnings[0].message).toContain(`image ${WEB1} (used by cli_x_admin, cli_x_api, cli_x_web, cli_x_worker) could not be accessed`)
  })

  it('reports a tag that moved to another digest as an image change that restarts', () => {
    const moved = registry({ [WEB1]: { ok: true, digest: 'sha256:' + 'a'.repeat(64), platforms: [{ Architecture: 'amd64', OS: 'linux' }] } })
    const web = service(plan({ images: moved }), 'cli_x_web')
    expect(web?.kind).toBe('service.update')
    expect(web?.restarts).toBe(true)
    expect(web?.changes.map((c) => [c.path, c.after])).toEqual([['TaskTemplate.ContainerSpec.Image', `${WEB1}@sha256:${'a'.repeat(64)}`]])
    // `changed` does not ask the registry when the image string did not change
    expect(service(plan({ images: moved, opts: { resolveImage: 'changed' } }), 'cli_x_web')?.kind).toBe('service.unchanged')
  })

  it('changes only replicas without restarting tasks, and sends the stored task template back verbatim', () => {
    const p = plan({ text: COMPOSE.replace('replicas: 2', 'replicas: 3') })
    const web = service(p, 'cli_x_web')
    expect(web).toMatchObject({ kind: 'service.update', restarts: false, notes: [{ message: 'running tasks are kept' }] })
    expect(web?.notes.map((n) => french(n.said))).toEqual(['les tâches en cours sont conservées'])
    expect(web?.changes).toEqual([{ path: 'Mode.Replicated.Replicas', composePath: 'services.web.deploy.replicas', before: '2', after: '3', effect: 'none' }])
    expect(p.summary.restarting).toEqual([])

    const state = live()
    const compiled = compile(COMPOSE.replace('replicas: 2', 'replicas: 3'))
    const current = webService(state)
    const desired = desiredServiceSpec({
      compiled: compiled.services.find((s) => s.key === 'web')!,
      live: current,
      mode: 'always',
      resolution: registry().get(WEB1),
      secretIds: new Map(state.secrets.map((s) => [s.Spec.Name, s.ID])),
      configIds: new Map(state.configs.map((c) => [c.Spec.Name, c.ID]))
    })
    const comparison = compareServiceSpecs('web', desired.spec, current.Spec, compareContext(state))
    const body = updateBody(desired.spec, current, comparison)
    expect(body.TaskTemplate).toBe(current.Spec.TaskTemplate)
    expect(body.EndpointSpec).toBe(current.Spec.EndpointSpec)
    expect(body.Mode).toEqual({ Replicated: { Replicas: 3 } })
  })

  it('restarts on an image change, with the label and the pinned image in the diff', () => {
    const web = service(plan({ text: COMPOSE.replace('web:1', 'web:2') }), 'cli_x_web')
    expect(web?.restarts).toBe(true)
    expect(web?.changes.map((c) => [c.path, c.composePath, c.effect])).toEqual([
      ['Labels[com.docker.stack.image]', 'services.web.image', 'none'],
      ['TaskTemplate.ContainerSpec.Image', 'services.web.image', 'restart']
    ])
    expect(web?.changes[1].after).toBe(`${WEB2}@sha256:9afff8730c542c25c773c4011b63ae67c9a579b90203e5f5c8d5df81ae082033`)
    // --resolve-image never sends the tag as written
    expect(service(plan({ text: COMPOSE.replace('web:1', 'web:2'), opts: { resolveImage: 'never' } }), 'cli_x_web')?.changes[1].after).toBe(WEB2)
  })

  it('restarts on an environment change, naming the variable', () => {
    const web = service(plan({ text: COMPOSE.replace('MODE: prod', 'MODE: staging') }), 'cli_x_web')
    expect(web?.restarts).toBe(true)
    expect(web?.changes).toEqual([{ path: 'TaskTemplate.ContainerSpec.Env[MODE]', composePath: 'services.web.environment', before: 'MODE=prod', after: 'MODE=staging', effect: 'restart' }])
  })

  it('restarts on a port or endpoint change (swarmkit compares the task endpoint too)', () => {
    const web = service(plan({ text: COMPOSE.replace('endpoint_mode: dnsrr', 'endpoint_mode: vip') }), 'cli_x_web')
    expect(web?.changes.map((c) => [c.path, c.before, c.after, c.effect])).toEqual([['EndpointSpec.Mode', 'dnsrr', null, 'restart']])
    expect(web?.restarts).toBe(true)
  })

  it('moves tasks only where constraints no longer hold on a placement change', () => {
    const web = service(plan({ text: COMPOSE.replace('node.role == worker', 'node.labels.zone == a') }), 'cli_x_web')
    expect(web).toMatchObject({ kind: 'service.update', restarts: false })
    expect(web?.changes.map((c) => c.effect)).toEqual(['placement'])
    expect(web?.notes.map((n) => n.message)).toEqual(['placement change: only tasks on nodes that no longer satisfy the constraints move'])
    expect(web?.notes.map((n) => french(n.said))).toEqual(['changement de placement : seules les tâches sur des nœuds qui ne respectent plus les contraintes sont déplacées'])
  })

  it('does not restart on update_config or deploy labels changes', () => {
    const p = plan({ text: COMPOSE.replace('parallelism: 2', 'parallelism: 1').replace('org.example.tier: web', 'org.example.tier: front') })
    const web = service(p, 'cli_x_web')
    expect(web?.changes.map((c) => [c.path, c.before, c.after, c.effect])).toEqual([
      ['Labels[org.example.tier]', 'web', 'front', 'none'],
      ['UpdateConfig.Parallelism', '2', '1', 'none']
    ])
    expect(web?.restarts).toBe(false)
  })

  it('shows what was changed out of band (docker service update --env-add) as a change the deploy reverts', () => {
    const state = live()
    const cs = containerSpec(webService(state))
    cs.Env = [...(cs.Env as string[]), 'DEBUG=1']
    const web = service(plan({ state }), 'cli_x_web')
    expect(web?.changes).toEqual([{ path: 'TaskTemplate.ContainerSpec.Env[DEBUG]', composePath: 'services.web.environment', before: 'DEBUG=1', after: null, effect: 'restart' }])
  })
})

describe('planStack against the CLI-made stack: what blocks, what is refreshed, pruned or pinned', () => {
  it('blocks a secret whose content changed, proposing a versioned name', () => {
    const p = plan({ content: { cli_x_app_token: 'changed' } })
    expect(p.ok).toBe(false)
    const op = p.operations.find((o) => o.name === 'cli_x_app_token')
    expect(op?.kind).toBe('secret.content-changed')
    expect(op?.blocked?.message).toMatch(/differs from secret cli_x_app_token in the swarm; swarm secrets cannot change/)
    const problem = p.problems.find((x) => x.code === 'secret-content-changed')
    expect(problem).toMatchObject({ severity: 'error', subject: 'cli_x_app_token', path: 'secrets.app_token' })
    expect(problem?.fix).toMatch(/name: cli_x_app_token_v2/)
    expect(op?.blocked && french(op.blocked.said)).toBe(
      `le contenu de ${DIR}/app_token.txt diffère du secret cli_x_app_token du swarm ; un secret swarm ne peut pas changer (docker stack deploy échoue avec « only updates to Labels are allowed »)`
    )
    expect(op?.notes.map((n) => [n.message, french(n.said)])).toEqual([['rename it, e.g. name: cli_x_app_token_v2', 'renommez-le, par exemple name: cli_x_app_token_v2']])
  })

  it('blocks a config whose content changed the same way', () => {
    const p = plan({ content: { cli_x_app_conf: 'changed' } })
    expect(p.problems.map((x) => x.code)).toEqual(['config-content-changed'])
    expect(p.problems[0].fix).toMatch(/name: cli_x_app_conf_v2/)
  })

  it('refreshes labels of a secret without touching its content', () => {
    const state = live()
    state.secrets[0].Spec.Labels = { 'com.docker.stack.namespace': 'cli_x', stale: 'yes' }
    const op = plan({ state }).operations.find((o) => o.name === 'cli_x_app_token')
    expect(op?.kind).toBe('secret.update-labels')
    expect(op?.changes).toEqual([{ path: 'Labels[stale]', composePath: null, before: 'yes', after: null, effect: 'none' }])
  })

  it('blocks a missing external network with the CLI message and a fix', () => {
    const text = COMPOSE.replace("networks:\n  backend:\n    driver: overlay", 'networks:\n  backend:\n    external: true\n    name: shared_net\n  unused:\n    driver: overlay').replace('    labels:\n      org.example.net: backend\n', '')
    const p = plan({ text })
    expect(p.ok).toBe(false)
    expect(p.problems.find((x) => x.code === 'external-network-missing')).toMatchObject({
      severity: 'error',
      subject: 'shared_net',
      message: 'network "shared_net" is declared as external, but could not be found. You need to create a swarm-scoped network before the stack is deployed',
      fix: 'docker network create --driver overlay --attachable shared_net'
    })
    const missing = p.problems.find((x) => x.code === 'external-network-missing')
    expect(missing?.said && french(missing.said)).toBe('le réseau « shared_net » est déclaré externe, mais il est introuvable. Créez un réseau de portée swarm avant de déployer la stack')
    expect(missing?.fixSaid && french(missing.fixSaid)).toBe("créez-le d'abord : docker network create --driver overlay --attachable shared_net")
  })

  it('blocks a service mode change, which swarm refuses', () => {
    const text = COMPOSE.replace('    deploy:\n      mode: global\n', '    deploy:\n      mode: replicated\n')
    const p = plan({ text })
    expect(p.problems.map((x) => x.code)).toEqual(['mode-change'])
    expect(service(p, 'cli_x_sidecar')?.blocked?.message).toBe("swarm cannot change a service's mode (global -> replicated)")
    const blocked = service(p, 'cli_x_sidecar')?.blocked
    expect(blocked && french(blocked.said)).toBe("swarm ne peut pas changer le mode d'un service (global -> répliqué)")
    const [problem] = p.problems
    expect(problem.message).toBe("service cli_x_sidecar: swarm cannot change a service's mode (global -> replicated); the engine refuses the update")
    expect(problem.said && french(problem.said)).toBe("service cli_x_sidecar : swarm ne peut pas changer le mode d'un service (global -> répliqué) ; le moteur refuse la mise à jour")
    expect(problem.fix).toBe('remove the service first (docker service rm cli_x_sidecar) and deploy again, or give it a new key in the file')
    expect(problem.fixSaid && french(problem.fixSaid)).toBe("supprimez d'abord le service (docker service rm cli_x_sidecar) puis redéployez, ou donnez-lui une nouvelle clé dans le fichier")
  })

  it('prunes services the file no longer has only with --prune, first', () => {
    const text = COMPOSE.replace(/ {2}sidecar:[\s\S]*?(?=networks:\n {2}backend:\n {4}driver)/, '')
    const kept = plan({ text })
    expect(kept.summary.notInFile).toEqual(['cli_x_sidecar'])
    expect(kinds(kept)).not.toContain('service.remove cli_x_sidecar')
    const pruned = plan({ text, opts: { prune: true } })
    expect(pruned.operations[0]).toMatchObject({ kind: 'service.remove', name: 'cli_x_sidecar', phase: 'prune', cli: 'docker service rm cli_x_sidecar' })
    expect(pruned.summary.remove).toBe(1)
  })

  it('blocks names taken by objects outside the stack', () => {
    const state = live()
    for (const n of state.networks) if (n.Name === 'cli_x_backend') n.Labels = {}
    for (const s of state.services) if (s.Spec.Name === 'cli_x_web') s.Spec.Labels = { 'com.docker.stack.namespace': 'other' }
    const p = plan({ state })
    expect(p.problems.filter((x) => x.severity === 'error').map((x) => x.code)).toEqual(['network-name-conflict', 'service-name-conflict'])
    expect(service(p, 'cli_x_web')?.blocked?.message).toBe('a service named cli_x_web exists outside stack cli_x')
    const blocked = service(p, 'cli_x_web')?.blocked
    expect(blocked && french(blocked.said)).toBe('un service nommé cli_x_web existe hors de la stack cli_x')
    expect(p.problems.filter((x) => x.severity === 'error').map((x) => x.message)).toEqual([
      'network cli_x_backend already exists and does not belong to stack cli_x (no com.docker.stack.namespace=cli_x label); docker stack deploy would fail creating it',
      'service cli_x_web already exists in stack other; docker stack deploy would fail creating it'
    ])
    expect(p.problems.filter((x) => x.severity === 'error').map((x) => x.said && french(x.said))).toEqual([
      "le réseau cli_x_backend existe déjà et n'appartient pas à la stack cli_x (pas de label com.docker.stack.namespace=cli_x) ; docker stack deploy échouerait en le créant",
      'le service cli_x_web existe déjà dans la stack other ; docker stack deploy échouerait en le créant'
    ])
  })

  it('for drift, shows an image changed out of band even though the image label still matches', () => {
    const state = live()
    containerSpec(webService(state)).Image = `${WEB2}@sha256:${'b'.repeat(64)}`
    expect(service(plan({ state, opts: { resolveImage: 'never' } }), 'cli_x_web')?.kind).toBe('service.unchanged') // what the CLI's redeploy would do
    const drift = service(plan({ state, opts: { resolveImage: 'never' }, drift: true }), 'cli_x_web')
    expect(drift?.changes.map((c) => [c.path, c.before, c.after])).toEqual([['TaskTemplate.ContainerSpec.Image', `${WEB2}@sha256:${'b'.repeat(64)}`, WEB1]])
  })
})

describe('planner helpers', () => {
  it('asks the registry only where the CLI would', () => {
    const compiled = compile(COMPOSE.replace('web:1', 'web:2'))
    expect(imagesToResolve(compiled, live(), 'always')).toEqual(['10.77.0.1:5000/swarmdesk/sleeper:1', WEB2])
    expect(imagesToResolve(compiled, live(), 'changed')).toEqual([WEB2])
    expect(imagesToResolve(compiled, live(), 'never')).toEqual([])
  })

  it('reads platforms like the Go client', () => {
    expect(
      platformsFromDistribution([
        { architecture: 'amd64', os: 'linux' },
        { architecture: 'unknown', os: 'unknown' },
        { architecture: 'arm', os: 'linux' },
        { architecture: 'ARM', os: 'linux' },
        { architecture: 'amd64', os: 'linux' }
      ])
    ).toEqual([{ Architecture: 'amd64', OS: 'linux' }, { OS: 'linux' }])
  })

  it.each([
    ['shop_db_pw', 'shop_db_pw_v2'],
    ['shop_db_pw_v2', 'shop_db_pw_v3'],
    ['x_v9', 'x_v10']
  ])('versions %s as %s', (name, next) => expect(nextVersionedName(name)).toBe(next))
})
