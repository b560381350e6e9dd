/**
 * npm run lab:scale -- [--services N] [--replicas R] [--running N] [--secrets N] [--configs N]
 *                      [--networks N] [--labels N] [--clean]
 *
 * Fills the running lab to a given size with real Swarm objects, talking to manager1's Engine API:
 * services whose tasks stay pending (a placement constraint no node meets: real tasks in Raft, real
 * events, no containers), a few running services (sleeper tasks spread over the nodes), secrets and
 * configs used by them, overlay networks, and node labels. Everything made carries the label
 * `swarmdesk.scale=1` (node labels: the `scale.` prefix), so `--clean` removes exactly that.
 * Requests go 8 at a time; the figures printed say how long the fill took.
 */
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { labNode, requireLab } from '../../tests/support/lab'
import { engineApi, engineMust } from '../../tests/support/engine-api'

const SCALE_LABEL = 'swarmdesk.scale'
const NODE_LABEL_PREFIX = 'scale.'
const PARALLEL = 8


/** Runs the jobs PARALLEL at a time; prints a dot every 100. */
async function inParallel(jobs: (() => Promise<unknown>)[]): Promise<void> {
  let next = 0
  let done = 0
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++]
      await job()
      if (++done % 100 === 0) process.stderr.write('.')
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, jobs.length) }, worker))
  if (jobs.length >= 100) process.stderr.write('\n')
}

const filter = (labels: string[]): string => `?filters=${encodeURIComponent(JSON.stringify({ label: labels }))}`

interface Sized {
  services: number
  replicas: number
  running: number
  secrets: number
  configs: number
  networks: number
  labels: number
}

async function fill(socket: string, sleeper: string, size: Sized): Promise<void> {
  const labels = { [SCALE_LABEL]: '1' }
  const stamp = Date.now().toString(36)
  const started = performance.now()
  const networks = Array.from({ length: size.networks }, (_, i) => `scale-${stamp}-net${i}`)
  await inParallel(networks.map((name) => () => engineMust(socket, 'POST', '/networks/create', { Name: name, Driver: 'overlay', Labels: labels, CheckDuplicate: true })))
  const secrets = Array.from({ length: size.secrets }, (_, i) => `scale-${stamp}-secret${i}`)
  // IDs by index: secretIds[i] is secrets[i]'s (they finish in any order)
  const secretIds: string[] = []
  await inParallel(secrets.map((name, i) => async () => {
    secretIds[i] = ((await engineMust(socket, 'POST', '/secrets/create', { Name: name, Labels: labels, Data: Buffer.from(name).toString('base64') })) as { ID: string }).ID
  }))
  const configs = Array.from({ length: size.configs }, (_, i) => `scale-${stamp}-config${i}`)
  const configIds: string[] = []
  await inParallel(configs.map((name, i) => async () => {
    configIds[i] = ((await engineMust(socket, 'POST', '/configs/create', { Name: name, Labels: labels, Data: Buffer.from(name).toString('base64') })) as { ID: string }).ID
  }))
  const objectsAt = performance.now()

  const serviceSpec = (i: number, running: boolean) => ({
    Name: `scale-${stamp}-${running ? 'run' : 'svc'}${i}`,
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: sleeper,
        ...(secretIds.length ? { Secrets: [{ SecretID: secretIds[i % secretIds.length], SecretName: secrets[i % secretIds.length], File: { Name: 'scale', UID: '0', GID: '0', Mode: 0o444 } }] } : {}),
        ...(configIds.length ? { Configs: [{ ConfigID: configIds[i % configIds.length], ConfigName: configs[i % configIds.length], File: { Name: '/scale.conf', UID: '0', GID: '0', Mode: 0o444 } }] } : {})
      },
      // pending on purpose: no node carries this label
      ...(running ? {} : { Placement: { Constraints: ['node.labels.swarmdesk_scale_never==true'] } }),
      ...(networks.length ? { Networks: [{ Target: networks[i % networks.length] }] } : {}),
      RestartPolicy: { Condition: 'none' }
    },
    Mode: { Replicated: { Replicas: running ? 1 : size.replicas } }
  })
  await inParallel(Array.from({ length: size.services }, (_, i) => () => engineMust(socket, 'POST', '/services/create', serviceSpec(i, false))))
  await inParallel(Array.from({ length: size.running }, (_, i) => () => engineMust(socket, 'POST', '/services/create', serviceSpec(i, true))))
  const servicesAt = performance.now()

  const nodes = (await engineMust(socket, 'GET', '/nodes')) as { ID: string; Version: { Index: number }; Spec: { Labels?: Record<string, string> } }[]
  for (const node of nodes) {
    const spec = { ...node.Spec, Labels: { ...(node.Spec.Labels ?? {}) } }
    for (let i = 0; i < size.labels; i++) spec.Labels[`${NODE_LABEL_PREFIX}l${i}`] = `v${i}`
    await engineMust(socket, 'POST', `/nodes/${node.ID}/update?version=${node.Version.Index}`, spec)
  }
  const tasks = size.services * size.replicas + size.running
  // the orchestrator makes the tasks after the services' creation returns (about 45 s for 100,000):
  // a benchmark started before they are all there measures a smaller cluster that is still moving
  const labelsAt = performance.now()
  for (;;) {
    const count = ((await engineMust(socket, 'GET', '/tasks')) as unknown[]).length
    if (count >= tasks) break
    process.stdout.write(`waiting for the orchestrator: ${count} of ${tasks} tasks\n`)
    await new Promise((resolve) => setTimeout(resolve, 5000))
  }
  console.log(`filled: ${size.services} pending services x ${size.replicas} replicas + ${size.running} running = ${tasks} tasks, ${size.secrets} secrets, ${size.configs} configs, ${size.networks} networks, ${size.labels} labels per node`)
  console.log(`took: objects ${((objectsAt - started) / 1000).toFixed(1)} s, services ${((servicesAt - objectsAt) / 1000).toFixed(1)} s, labels ${((labelsAt - servicesAt) / 1000).toFixed(1)} s, tasks made ${((performance.now() - labelsAt) / 1000).toFixed(1)} s`)
}

async function clean(socket: string): Promise<void> {
  const started = performance.now()
  const services = (await engineMust(socket, 'GET', `/services${filter([`${SCALE_LABEL}=1`])}`)) as { ID: string }[]
  await inParallel(services.map((s) => () => engineApi(socket, 'DELETE', `/services/${s.ID}`)))
  // networks, secrets and configs are refused while a task still uses them
  for (let wait = 0; wait < 120; wait++) {
    const tasks = (await engineMust(socket, 'GET', `/tasks${filter([`${SCALE_LABEL}=1`])}`)) as unknown[]
    const left = (await engineMust(socket, 'GET', `/services${filter([`${SCALE_LABEL}=1`])}`)) as unknown[]
    if (tasks.length === 0 && left.length === 0) break
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  for (const kind of ['secrets', 'configs', 'networks'] as const) {
    const objects = (await engineMust(socket, 'GET', `/${kind}${filter([`${SCALE_LABEL}=1`])}`)) as { ID?: string; Id?: string }[]
    await inParallel(objects.map((o) => () => engineApi(socket, 'DELETE', `/${kind}/${o.ID ?? o.Id}`)))
  }
  const nodes = (await engineMust(socket, 'GET', '/nodes')) as { ID: string; Version: { Index: number }; Spec: { Labels?: Record<string, string> } }[]
  for (const node of nodes) {
    const kept = Object.fromEntries(Object.entries(node.Spec.Labels ?? {}).filter(([key]) => !key.startsWith(NODE_LABEL_PREFIX)))
    if (Object.keys(kept).length !== Object.keys(node.Spec.Labels ?? {}).length) await engineMust(socket, 'POST', `/nodes/${node.ID}/update?version=${node.Version.Index}`, { ...node.Spec, Labels: kept })
  }
  console.log(`cleaned: ${services.length} services and their secrets, configs, networks and node labels in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      services: { type: 'string', default: '1000' },
      replicas: { type: 'string', default: '10' },
      running: { type: 'string', default: '100' },
      secrets: { type: 'string', default: '50' },
      configs: { type: 'string', default: '50' },
      networks: { type: 'string', default: '10' },
      labels: { type: 'string', default: '5' },
      clean: { type: 'boolean', default: false }
    }
  })
  const lab = requireLab({ anySize: true })
  const socket = labNode(lab, 'manager1').socket
  if (values.clean) return clean(socket)
  const count = (name: keyof typeof values): number => {
    const value = Number(values[name])
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number >= 0, got ${String(values[name])}`)
    return value
  }
  await fill(socket, lab.images.sleeper, {
    services: count('services'),
    replicas: count('replicas'),
    running: count('running'),
    secrets: count('secrets'),
    configs: count('configs'),
    networks: count('networks'),
    labels: count('labels')
  })
}

main().catch((error: unknown) => {
  console.error(`lab:scale: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
