import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayload } from '../../src/shared/contract'
import type { StackPlan } from '../../src/shared/stacks'
import type { LiveConfig, LiveNetwork, LiveSecret, LiveService } from '../../src/main/stacks/live-shapes'
import { EngineGateway } from '../../src/main/docker/engine-gateway'
import { StackEngine } from '../../src/main/docker/stack-engine'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { WEB1 } from '../support/lab-images'
import { startServices } from '../support/services'

// Stacks through SwarmDesk against the real 5-node lab, checked against the docker CLI itself:
// the same file deployed by both gives the same objects, each removes the other's stacks, and
// plan/deploy/prune/drift behave as the plan says (task IDs are the witness of restarts).
const FIXTURE = resolve(__dirname, '..', 'fixtures', 'stacks', 'lab-identity')
const LABEL = 'com.docker.stack.namespace'

let lab: LabStatus
let engine: StackEngine
let harness: ReturnType<typeof startServices>
let clusterId: string
const stacks: string[] = []

/** A copy of the fixture in a temp dir, edited; secret and config contents overridable. */
function stackFile(edit: (text: string) => string = (t) => t, contents: { token?: string; conf?: string } = {}): string {
  const dir = tempDir('sd-stack-')
  writeFileSync(join(dir, 'docker-compose.yml'), edit(readFileSync(join(FIXTURE, 'docker-compose.yml'), 'utf8')))
  if (contents.token === undefined) copyFileSync(join(FIXTURE, 'app_token.txt'), join(dir, 'app_token.txt'))
  else writeFileSync(join(dir, 'app_token.txt'), contents.token)
  if (contents.conf === undefined) copyFileSync(join(FIXTURE, 'app.conf'), join(dir, 'app.conf'))
  else writeFileSync(join(dir, 'app.conf'), contents.conf)
  return join(dir, 'docker-compose.yml')
}

function newStack(prefix: string): string {
  const name = uniqueName(prefix)
  stacks.push(name)
  return name
}

const filter = (stack: string) => ({ label: [`${LABEL}=${stack}`] })

interface StackObjects {
  services: LiveService[]
  networks: LiveNetwork[]
  secrets: LiveSecret[]
  configs: LiveConfig[]
}

/** Raw Engine JSON (read without insertDefaults, like the API gives it to any client). */
async function objectsOf(stack: string): Promise<StackObjects> {
  const [services, networks, secrets, configs] = await Promise.all([engine.listServices(filter(stack)), engine.listNetworks(filter(stack)), engine.listSecrets(filter(stack)), engine.listConfigs(filter(stack))])
  return { services, networks, secrets, configs }
}

async function countOf(stack: string): Promise<number> {
  const o = await objectsOf(stack)
  return o.services.length + o.networks.length + o.secrets.length + o.configs.length
}

/** Raw Engine JSON of a stack with its name, IDs, versions, times and allocations taken out. */
async function comparable(stack: string): Promise<Record<string, unknown>> {
  const [o, networks, secrets, configs] = await Promise.all([objectsOf(stack), engine.listNetworks(), engine.listSecrets(), engine.listConfigs()])
  const names = new Map<string, string>([...networks.map((n) => [n.Id, n.Name] as const), ...secrets.map((s) => [s.ID, s.Spec.Name] as const), ...configs.map((c) => [c.ID, c.Spec.Name] as const)])
  const clean = (value: unknown): unknown => {
    let text = JSON.stringify(value)
    for (const [id, name] of names) text = text.split(id).join(name)
    return JSON.parse(text.split(`${stack}_`).join('STACK_').split(`"${stack}"`).join('"STACK"'))
  }
  const out: Record<string, unknown> = {}
  for (const s of o.services) out[`service ${String(clean(s.Spec.Name))}`] = clean(s.Spec)
  for (const n of o.networks) {
    const { Id: _id, Created: _created, Containers: _c, IPAM, Options, ...rest } = n as LiveNetwork & { Created?: string; Containers?: unknown }
    const options = { ...(Options ?? {}) }
    delete options['com.docker.network.driver.overlay.vxlanid_list']
    out[`network ${String(clean(n.Name))}`] = clean({ ...rest, Options: options, IPAMDriver: IPAM?.Driver })
  }
  for (const s of o.secrets) out[`secret ${String(clean(s.Spec.Name))}`] = clean(s.Spec)
  for (const c of o.configs) out[`config ${String(clean(c.Spec.Name))}`] = clean(c.Spec)
  return out
}

async function runningTasks(service: string): Promise<string[]> {
  return (await docker(lab, 'manager1', ['service', 'ps', '-q', '--filter', 'desired-state=running', service])).split('\n').filter(Boolean).sort()
}

const ops = (plan: StackPlan) => plan.operations.map((o) => `${o.kind} ${o.name}`)

async function plan(stack: string, file: string, extra: { prune?: boolean; resolveImage?: 'always' | 'changed' | 'never' } = {}) {
  return harness.call('stacks.plan', { clusterId, stack, source: { paths: [file] }, ...extra })
}

async function deploy(stack: string, file: string, extra: { prune?: boolean; wait?: boolean; withRegistryAuth?: boolean } = {}) {
  return harness.call('stacks.deploy', { clusterId, stack, source: { paths: [file] }, waitTimeoutSeconds: 120, ...extra })
}

beforeAll(async () => {
  lab = requireLab()
  engine = new StackEngine(new EngineGateway(new Docker({ socketPath: labNode(lab, 'manager1').socket })))
  const dockerConfig = tempDir('sd-docker-config-')
  // --with-registry-auth reads this; the lab registry needs no credentials and ignores them
  writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [lab.registry]: { auth: Buffer.from('lab:unused').toString('base64') } } }))
  harness = startServices({ env: { DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}`, DOCKER_CONFIG: dockerConfig } })
  clusterId = (await harness.call('clusters.open', { profileId: 'default' })).clusterId
})

afterAll(async () => {
  for (const stack of stacks) {
    await docker(lab, 'manager1', ['stack', 'rm', stack]).catch(() => undefined)
  }
  for (const stack of stacks) await waitFor(`stack ${stack} gone`, async () => (await countOf(stack)) === 0, 60_000).catch(() => undefined)
  await removeStackVolumes(lab, stacks)
  harness?.services.dispose()
})

/** Stacks never remove their volumes: the tests do, on every node, once the tasks are gone. */
async function removeStackVolumes(lab: LabStatus, names: string[]): Promise<void> {
  for (const node of lab.nodes) {
    for (const stack of names) {
      await waitFor(`volumes of ${stack} removed on ${node.name}`, async () => {
        const volumes = (await docker(lab, node.name, ['volume', 'ls', '-q', '--filter', `label=${LABEL}=${stack}`])).split('\n').filter(Boolean)
        for (const v of volumes) await docker(lab, node.name, ['volume', 'rm', v])
        return true
      }, 60_000).catch(() => undefined)
    }
  }
}

describe('stacks: identity with the docker CLI', () => {
  let cliStack: string
  let sdStack: string

  it('deploys the same file to the same services, networks, secrets and configs as docker stack deploy', async () => {
    cliStack = newStack('cli')
    sdStack = newStack('sd')
    const file = stackFile()
    await docker(lab, 'manager1', ['stack', 'deploy', '-c', file, cliStack])
    const progress: EventPayload<'stacks.progress'>[] = []
    const unsubscribe = harness.services.bus.subscribe((name, payload) => {
      if (name === 'stacks.progress') progress.push(payload as EventPayload<'stacks.progress'>)
    })
    const result = await deploy(sdStack, file, { wait: true })
    unsubscribe()
    expect(result).toMatchObject({ applied: true, ok: true, summary: { done: 5, failed: 0, skipped: 0 } })
    expect(result.convergence?.map((c) => [c.service, c.state])).toEqual([
      [`${sdStack}_sidecar`, 'converged'],
      [`${sdStack}_web`, 'converged']
    ])
    // the CLI's order, one running/done pair per operation, then convergence
    const started = progress.filter((p) => p.status === 'running' && !p.opId.startsWith('wait:')).map((p) => p.opId.slice(0, p.opId.indexOf(':')))
    expect(started.slice(0, 3)).toEqual(['network.create', 'secret.create', 'config.create'])
    expect(started.slice(3).sort()).toEqual(['service.create', 'service.create'])
    expect(progress.every((p) => p.requestId === result.requestId && p.stack === sdStack)).toBe(true)

    const [theirs, ours] = await Promise.all([comparable(cliStack), comparable(sdStack)])
    expect(Object.keys(ours).sort()).toEqual(['config STACK_app_conf', 'network STACK_backend', 'secret STACK_app_token', 'service STACK_sidecar', 'service STACK_web'])
    expect(ours['service STACK_sidecar']).toMatchObject({ TaskTemplate: { ContainerSpec: { Mounts: [{ Type: 'volume', Source: 'STACK_data', VolumeOptions: { Labels: { [LABEL]: 'STACK', 'org.example.volume': 'data' } } }] } } })
    expect(ours).toEqual(theirs)
  })

  it('lets docker stack ls/services/ps see a SwarmDesk stack, and docker stack rm remove it', async () => {
    expect(await docker(lab, 'manager1', ['stack', 'ls', '--format', '{{.Name}} {{.Services}}'])).toContain(`${sdStack} 2`)
    expect((await docker(lab, 'manager1', ['stack', 'services', '--format', '{{.Name}}', sdStack])).split('\n').sort()).toEqual([`${sdStack}_sidecar`, `${sdStack}_web`])
    const tasks = (await docker(lab, 'manager1', ['stack', 'ps', '--filter', 'desired-state=running', '--format', '{{.Name}}', sdStack])).split('\n')
    expect(tasks).toHaveLength(5)
    await docker(lab, 'manager1', ['stack', 'rm', sdStack])
    await waitFor('the SwarmDesk stack removed by the CLI', async () => (await countOf(sdStack)) === 0)
  })

  it('lists a CLI-made stack and removes it in the CLI order, keeping volumes', async () => {
    const listed = await harness.call('stacks.list', { clusterId })
    expect(listed.find((s) => s.name === cliStack)).toMatchObject({ services: 2, networks: 1, secrets: 1, configs: 1, deployedAt: null })
    const removed = await harness.call('stacks.remove', { clusterId, stack: cliStack })
    expect(removed).toMatchObject({ found: true, ok: true, keptVolumes: [`${cliStack}_data`], cli: `docker stack rm ${cliStack}` })
    expect(removed.notes).toEqual([`volumes are kept: ${cliStack}_data (remove them on each node with docker volume rm once no task uses them)`])
    expect(removed.removed.map((r) => `${r.kind} ${r.name} ${String(r.ok)}`)).toEqual([
      `service ${cliStack}_sidecar true`,
      `service ${cliStack}_web true`,
      `secret ${cliStack}_app_token true`,
      `config ${cliStack}_app_conf true`,
      `network ${cliStack}_backend true`
    ])
    // the manager's local copy of the overlay network goes a moment after the swarm object
    await waitFor('nothing left of the CLI stack', async () => (await countOf(cliStack)) === 0)
    expect(await docker(lab, 'manager1', ['stack', 'ls', '--format', '{{.Name}}'])).not.toContain(cliStack)
    // like docker stack rm: the volume the global sidecar made on each manager is still there
    for (const node of ['manager1', 'manager2', 'manager3']) expect(await docker(lab, node, ['volume', 'ls', '-q', '--filter', `label=${LABEL}=${cliStack}`])).toBe(`${cliStack}_data`)
    expect(await harness.call('stacks.remove', { clusterId, stack: cliStack })).toMatchObject({ found: false, ok: true, notes: [`Nothing found in stack: ${cliStack}`] })
  })
})

describe('stacks: plan and deploy', () => {
  /** Each test starts from its own freshly deployed, converged stack of the fixture. */
  async function deployedStack(prefix: string): Promise<{ stack: string; file: string }> {
    const stack = newStack(prefix)
    const file = stackFile()
    const first = await deploy(stack, file, { wait: true })
    expect(first.ok, JSON.stringify(first.plan.problems)).toBe(true)
    return { stack, file }
  }

  it('redeploys an unchanged file as all unchanged: nothing sent, no task replaced', async () => {
    const stack = newStack('sdre')
    const file = stackFile()
    const first = await deploy(stack, file, { wait: true, withRegistryAuth: true })
    expect(first.ok).toBe(true)
    const before = [...(await runningTasks(`${stack}_web`)), ...(await runningTasks(`${stack}_sidecar`))]
    const again = await plan(stack, file)
    expect(again.ok).toBe(true)
    expect(ops(again)).toEqual([
      `network.unchanged ${stack}_backend`,
      `secret.unchanged ${stack}_app_token`,
      `config.unchanged ${stack}_app_conf`,
      `service.unchanged ${stack}_sidecar`,
      `service.unchanged ${stack}_web`
    ])
    expect(again.summary.restarting).toEqual([])
    // The placement planner runs inline on the file's services against the live nodes.
    expect(again.placement.map((p) => [p.key, p.eligible, p.pendingTasks])).toEqual([
      ['sidecar', ['manager1', 'manager2', 'manager3'], 0],
      ['web', ['worker1', 'worker2'], 0]
    ])
    const version = await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.Version.Index}}', `${stack}_web`])
    const redeploy = await deploy(stack, file)
    expect(redeploy).toMatchObject({ applied: true, ok: true, outcomes: [] })
    // and the docker CLI redeploying SwarmDesk's stack sees no change either
    await docker(lab, 'manager1', ['stack', 'deploy', '-c', file, stack])
    expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.UpdateStatus}}', `${stack}_web`])).toBe('<nil>')
    expect(await plan(stack, file)).toMatchObject({ summary: { update: 0, create: 0, unchanged: 5 } })
    expect([...(await runningTasks(`${stack}_web`)), ...(await runningTasks(`${stack}_sidecar`))]).toEqual(before)
    expect(version).not.toBe('')
  })

  it('plans an unchanged service with host-mode ports as placeable: its own tasks hold the port, not another service', async () => {
    const stack = newStack('sdhost')
    const dir = tempDir('sd-stack-host-')
    const file = join(dir, 'docker-compose.yml')
    writeFileSync(
      file,
      [
        'version: "3.8"',
        'services:',
        '  api:',
        `    image: ${WEB1}`,
        '    ports: [{ target: 80, published: 8095, mode: host }]',
        '    deploy: { replicas: 2, placement: { constraints: [node.role == worker] } }',
        ''
      ].join('\n')
    )
    const first = await deploy(stack, file, { wait: true })
    expect(first.ok, JSON.stringify(first.plan.problems)).toBe(true)
    const again = await plan(stack, file)
    expect(ops(again)).toEqual([`network.unchanged ${stack}_default`, `service.unchanged ${stack}_api`])
    expect(again.placement.map((p) => [p.key, p.eligible, p.pendingTasks])).toEqual([['api', ['worker1', 'worker2'], 0]])
  })

  it('plans an image change as a restart, deploys it and waits for convergence', async () => {
    const { stack } = await deployedStack('sdimg')
    const web2 = stackFile((t) => t.replace('swarmdesk/web:1', 'swarmdesk/web:2'))
    const before = await runningTasks(`${stack}_web`)
    const p = await plan(stack, web2)
    const web = p.operations.find((o) => o.name === `${stack}_web`)
    expect(web?.kind).toBe('service.update')
    expect(web?.restarts).toBe(true)
    expect(web?.changes.find((c) => c.path === 'TaskTemplate.ContainerSpec.Image')).toMatchObject({ composePath: 'services.web.image', effect: 'restart', after: expect.stringMatching(/swarmdesk\/web:2@sha256:[0-9a-f]{64}$/) })
    expect(p.summary.restarting).toEqual([`${stack}_web`])
    expect(p.operations.find((o) => o.name === `${stack}_sidecar`)?.kind).toBe('service.unchanged')
    const result = await deploy(stack, web2, { wait: true })
    expect(result.ok).toBe(true)
    expect(result.outcomes.map((o) => [o.id, o.status])).toEqual([[`service.update:${stack}_web`, 'done']])
    expect(result.convergence?.find((c) => c.service === `${stack}_web`)).toMatchObject({ state: 'converged', running: 2, desired: 2 })
    const after = await runningTasks(`${stack}_web`)
    expect(after.some((t) => before.includes(t))).toBe(false)
    expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', `${stack}_web`])).toMatch(/web:2@sha256:/)
  })

  it('scales without replacing a task', async () => {
    const { stack } = await deployedStack('sdscale')
    const before = await runningTasks(`${stack}_web`)
    const three = stackFile((t) => t.replace('replicas: 2', 'replicas: 3'))
    const p = await plan(stack, three)
    expect(p.operations.find((o) => o.name === `${stack}_web`)).toMatchObject({ kind: 'service.update', restarts: false, changes: [{ path: 'Mode.Replicated.Replicas', before: '2', after: '3', effect: 'none' }] })
    // plan first, apply second: a deploy bound to another plan than the one shown applies nothing
    const stale = await harness.call('stacks.deploy', { clusterId, stack, source: { paths: [three] }, expectFingerprint: 'not-this-plan' })
    expect(stale).toMatchObject({ applied: false, outcomes: [] })
    expect(stale.plan.problems.map((x) => x.code)).toEqual(['plan-changed'])
    expect(stale.plan.fingerprint).toBe(p.fingerprint)
    const bound = await harness.call('stacks.deploy', { clusterId, stack, source: { paths: [three] }, expectFingerprint: p.fingerprint, wait: true, waitTimeoutSeconds: 120 })
    expect(bound).toMatchObject({ applied: true, ok: true })
    const after = await runningTasks(`${stack}_web`)
    expect(after).toHaveLength(3)
    expect(before.every((t) => after.includes(t))).toBe(true)
  })

  it('shows drift against the last deployed files after an out-of-band change', async () => {
    const { stack, file } = await deployedStack('sddrift')
    const last = await harness.call('stacks.lastDeployed', { clusterId, stack })
    expect(last?.files.map((f) => f.path)).toEqual([file])
    expect(last?.variables).toEqual([])
    expect((await harness.call('stacks.drift', { clusterId, stack })).drifted).toBe(false)
    await docker(lab, 'manager1', ['service', 'scale', '--detach', `${stack}_web=1`])
    const drift = await harness.call('stacks.drift', { clusterId, stack })
    expect(drift).toMatchObject({ drifted: true, source: 'last-deployed', deployedAt: last?.deployedAt })
    expect(drift.plan.operations.find((o) => o.name === `${stack}_web`)?.changes).toEqual([
      { path: 'Mode.Replicated.Replicas', composePath: 'services.web.deploy.replicas', before: '1', after: '2', effect: 'none' }
    ])
    // any file the user opens gives the same view
    const other = await harness.call('stacks.drift', { clusterId, stack, source: { paths: [stackFile((t) => t.replace('swarmdesk/web:1', 'swarmdesk/web:2'))] } })
    expect(other.source).toBe('given')
    expect(other.plan.operations.find((o) => o.name === `${stack}_web`)?.changes.map((c) => c.path).sort()).toEqual([
      'Labels[com.docker.stack.image]',
      'Mode.Replicated.Replicas',
      'TaskTemplate.ContainerSpec.Image'
    ])
    expect((await harness.call('stacks.list', { clusterId })).find((s) => s.name === stack)?.deployedAt).toBe(last?.deployedAt)
  })

  it('blocks a changed secret with the versioned-name fix and changes nothing; the fix then deploys', async () => {
    const { stack } = await deployedStack('sdsecret')
    const changed = stackFile((t) => t, { token: 'token-2\n' })
    const versionBefore = await docker(lab, 'manager1', ['secret', 'inspect', '--format', '{{.Version.Index}}', `${stack}_app_token`])
    const webVersion = await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.Version.Index}}', `${stack}_web`])
    const p = await plan(stack, changed)
    expect(p.ok).toBe(false)
    const problem = p.problems.find((x) => x.code === 'secret-content-changed')
    expect(problem).toMatchObject({ severity: 'error', subject: `${stack}_app_token`, location: { file: changed, line: 61, column: 3 } })
    expect(problem?.fix).toContain(`name: ${stack}_app_token_v2`)
    const refused = await deploy(stack, changed)
    expect(refused).toMatchObject({ applied: false, ok: false, outcomes: [] })
    expect(await docker(lab, 'manager1', ['secret', 'inspect', '--format', '{{.Version.Index}}', `${stack}_app_token`])).toBe(versionBefore)
    expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{.Version.Index}}', `${stack}_web`])).toBe(webVersion)

    const fixed = stackFile((t) => t.replace('  app_token:\n    file: ./app_token.txt', `  app_token:\n    name: ${stack}_app_token_v2\n    file: ./app_token.txt`), { token: 'token-2\n' })
    const rotation = await plan(stack, fixed)
    expect(rotation.ok).toBe(true)
    expect(ops(rotation)).toContain(`secret.create ${stack}_app_token_v2`)
    expect(rotation.operations.find((o) => o.name === `${stack}_web`)?.changes.map((c) => c.path)).toEqual([
      `TaskTemplate.ContainerSpec.Secrets[${stack}_app_token]`,
      `TaskTemplate.ContainerSpec.Secrets[${stack}_app_token_v2]`
    ])
    expect((await deploy(stack, fixed, { wait: true })).ok).toBe(true)
    expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}}:{{.File.Name}}{{end}}', `${stack}_web`])).toBe(`${stack}_app_token_v2:token`)
  })

  it('prunes a service dropped from the file only with prune', async () => {
    const { stack } = await deployedStack('sdprune')
    const withoutSidecar = stackFile((t) => t.replace(/ {2}sidecar:[\s\S]*?(?=networks:\n {2}backend:\n {4}driver)/, ''))
    const kept = await plan(stack, withoutSidecar)
    expect(kept.summary.notInFile).toEqual([`${stack}_sidecar`])
    expect(ops(kept).some((o) => o.startsWith('service.remove'))).toBe(false)
    const result = await deploy(stack, withoutSidecar, { prune: true })
    expect(result.outcomes.map((o) => [o.id, o.status])).toEqual([[`service.remove:${stack}_sidecar`, 'done']])
    expect((await objectsOf(stack)).services.map((s) => s.Spec.Name)).toEqual([`${stack}_web`])
  })
})

describe('stacks: bad input and failures', () => {
  it('reports a compose error with file:line:column and creates nothing', async () => {
    const stack = newStack('sdbad')
    const bad = stackFile((t) => t.replace('replicas: 2', 'replicas: "x"'))
    const p = await plan(stack, bad)
    expect(p).toMatchObject({ ok: false, operations: [] })
    expect(p.problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'compose', message: `${bad}:30:17: services.web.deploy.replicas must be an integer`, location: { file: bad, line: 30, column: 17 } })
    ])
    expect(await deploy(stack, bad)).toMatchObject({ applied: false, ok: false })
    expect(await countOf(stack)).toBe(0)
  })

  it('refuses a missing external network before creating anything', async () => {
    const stack = newStack('sdext')
    const external = stackFile((t) => t.replace('  backend:\n    driver: overlay\n    labels:\n      org.example.net: backend\n', '  backend:\n    external: true\n    name: no-such-network-here\n'))
    const result = await deploy(stack, external)
    expect(result.applied).toBe(false)
    expect(result.plan.problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual(['external-network-missing'])
    expect(await countOf(stack)).toBe(0)
  })

  it('reports a partial failure per operation: what was applied and what was not', async () => {
    const stack = newStack('sdpart')
    // swarm refuses the constraint syntax; nothing in the file format forbids it
    const partial = stackFile((t) => t.replace('constraints: [node.role == manager]', 'constraints: [node.role ~ manager]'))
    const p = await plan(stack, partial)
    expect(p.ok).toBe(true)
    const result = await deploy(stack, partial)
    expect(result).toMatchObject({ applied: true, ok: false, summary: { done: 4, failed: 1, skipped: 0 } })
    const failed = result.outcomes.find((o) => o.status === 'failed')
    expect(failed).toMatchObject({ id: `service.create:${stack}_sidecar`, error: { code: 'ENGINE_ERROR', message: expect.stringMatching(/constraint expected one operator/) } })
    expect(failed?.message).toMatch(/^Creating service \S+_sidecar failed: /)
    expect(result.outcomes.filter((o) => o.status === 'done').map((o) => o.id)).toEqual([
      `network.create:${stack}_backend`,
      `secret.create:${stack}_app_token`,
      `config.create:${stack}_app_conf`,
      `service.create:${stack}_web`
    ])
    expect((await objectsOf(stack)).services.map((s) => s.Spec.Name)).toEqual([`${stack}_web`])
    // the deploy record says it was not complete; a corrected file finishes the job
    expect((await harness.call('stacks.lastDeployed', { clusterId, stack }))?.complete).toBe(false)
    const next = await plan(stack, stackFile())
    expect(ops(next)).toContain(`service.create ${stack}_sidecar`)
    expect(next.operations.find((o) => o.name === `${stack}_web`)?.kind).toBe('service.unchanged')
  })
})
