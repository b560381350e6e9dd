/**
 * npm run bench:deploy — a 20-service stack deployed from scratch on the lab, by `docker stack
 * deploy`, by SwarmDesk's stack service (the core the app uses) and by the `swarmdesk stack deploy`
 * command line, each under its own stack name, several interleaved runs.
 *
 * Prints the wall time of every run, the medians and the ratios SwarmDesk / docker CLI, for
 * `--resolve-image never` and `--resolve-image always` (both detached, the CLI's default), then for
 * waiting until the services converge (`--detach=false` vs `--wait`). Then compares the specs the
 * three left on the swarm field by field, apart from the stack name, and prints the verdict.
 *
 * BENCH_RUNS (default 5) runs per mode; BENCH_SERVICES (default 20).
 */
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import Docker from 'dockerode'
import { createServices } from '../src/main/composition'
import { ApiCallCounter } from '../src/main/docker/call-counter'
import { createNodePlatform } from '../src/main/platform/node-platform'
import { createDispatcher } from '../src/main/rpc/dispatcher'
import { EngineGateway } from '../src/main/docker/engine-gateway'
import { StackEngine } from '../src/main/docker/stack-engine'
import { labNode, requireLab, tempDir, uniqueName } from '../tests/support/lab'

const run = promisify(execFile)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const SERVICES = Number(process.env.BENCH_SERVICES ?? 20)
const BIN = resolve(__dirname, '..', 'bin', 'swarmdesk.js')
const LABEL = 'com.docker.stack.namespace'

type Way = 'docker CLI' | 'SwarmDesk core' | 'swarmdesk CLI'
type Mode = { resolveImage: 'never' | 'always'; wait: boolean }

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`

/** 20 services like a real application: two networks, a secret, a config, healthchecks, limits. */
function writeStack(registry: string): string {
  const dir = tempDir('h1-bench-deploy-')
  writeFileSync(join(dir, 'token.txt'), 'bench-token\n')
  writeFileSync(join(dir, 'app.conf'), 'level=info\n')
  const services = Array.from({ length: SERVICES }, (_, i) => {
    const name = `svc${String(i + 1).padStart(2, '0')}`
    return `  ${name}:
    image: ${registry}/swarmdesk/sleeper:1
    environment:
      ROLE: ${name}
    networks: [${i % 2 ? 'front, back' : 'back'}]
    secrets: [token]
    configs:
      - source: app
        target: /etc/app.conf
    healthcheck:
      test: ["CMD", "true"]
      interval: 30s
    deploy:
      replicas: 1
      update_config: {parallelism: 1, delay: 5s}
      resources:
        limits: {cpus: "0.1", memory: 32M}
      labels: [bench.index=${i + 1}]
`
  }).join('')
  const text = `version: "3.8"
services:
${services}networks:
  front: {driver: overlay}
  back: {driver: overlay}
secrets:
  token: {file: ./token.txt}
configs:
  app: {file: ./app.conf}
`
  const file = join(dir, 'docker-compose.yml')
  writeFileSync(file, text)
  return file
}

async function main(): Promise<void> {
  const lab = requireLab()
  const socket = labNode(lab, 'manager1').socket
  const host = `unix://${socket}`
  const engine = new StackEngine(new EngineGateway(new Docker({ socketPath: socket })))
  const file = writeStack(lab.registry)
  const counter = new ApiCallCounter()
  const instance = createServices({ platform: createNodePlatform(tempDir('h1-bench-data-')), env: { DOCKER_HOST: host, PATH: process.env.PATH }, counter })
  const rpc = createDispatcher(instance.router)
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const response = await rpc.dispatch(name as never, input as never, { transport: 'direct' })
    if (!response.ok) throw new Error(`${name}: ${response.error.message}`)
    return response.result as T
  }
  const { clusterId } = await call<{ clusterId: string }>('clusters.open', { profileId: 'default' })
  const made: string[] = []

  async function removeStack(stack: string): Promise<void> {
    await run('docker', ['-H', host, 'stack', 'rm', stack]).catch(() => undefined)
    const deadline = Date.now() + 120_000
    for (;;) {
      const [s, n, x, c] = await Promise.all([engine.listServices({ label: [`${LABEL}=${stack}`] }), engine.listNetworks({ label: [`${LABEL}=${stack}`] }), engine.listSecrets({ label: [`${LABEL}=${stack}`] }), engine.listConfigs({ label: [`${LABEL}=${stack}`] })])
      if (s.length + n.length + x.length + c.length === 0) return
      if (Date.now() > deadline) throw new Error(`stack ${stack} not removed`)
      await run('docker', ['-H', host, 'stack', 'rm', stack]).catch(() => undefined)
      await new Promise((r) => setTimeout(r, 500))
    }
  }

  async function deploy(way: Way, stack: string, mode: Mode): Promise<{ ms: number; calls: number }> {
    made.push(stack)
    const started = performance.now()
    const callsBefore = counter.calls
    if (way === 'docker CLI') {
      await run('docker', ['-H', host, 'stack', 'deploy', '--resolve-image', mode.resolveImage, ...(mode.wait ? ['--detach=false'] : []), '-c', file, stack], { maxBuffer: 64 * 1024 * 1024 })
    } else if (way === 'SwarmDesk core') {
      const result = await call<{ ok: boolean; plan: { problems: unknown[] } }>('stacks.deploy', { clusterId, stack, source: { paths: [file] }, resolveImage: mode.resolveImage, wait: mode.wait, waitTimeoutSeconds: 300 })
      if (!result.ok) throw new Error(`SwarmDesk deploy failed: ${JSON.stringify(result.plan.problems)}`)
    } else {
      await run(process.execPath, [BIN, '-H', host, 'stack', 'deploy', '--resolve-image', mode.resolveImage, ...(mode.wait ? ['--wait'] : []), '-c', file, stack], {
        env: { PATH: process.env.PATH ?? '', HOME: tempDir('h1-bench-home-'), SWARMDESK_DATA_DIR: tempDir('h1-bench-cli-data-') },
        maxBuffer: 64 * 1024 * 1024
      })
    }
    return { ms: performance.now() - started, calls: counter.calls - callsBefore }
  }

  /** the specs of a stack, its name, IDs, versions and times taken out */
  async function comparable(stack: string): Promise<Record<string, unknown>> {
    const [services, networks, secrets, configs] = await Promise.all([engine.listServices({ label: [`${LABEL}=${stack}`] }), engine.listNetworks(), engine.listSecrets(), engine.listConfigs()])
    const names = new Map<string, string>([...networks.map((n) => [n.Id, n.Name] as const), ...secrets.map((s) => [s.ID, s.Spec.Name] as const), ...configs.map((c) => [c.ID, c.Spec.Name] as const)])
    const clean = (value: unknown): unknown => {
      let text = JSON.stringify(value)
      for (const [id, name] of names) text = text.split(id).join(name)
      return JSON.parse(text.split(stack).join('STACK'))
    }
    const out: Record<string, unknown> = {}
    for (const s of services) out[`service ${String(clean(s.Spec.Name))}`] = clean(s.Spec)
    for (const n of networks.filter((x) => x.Labels?.[LABEL] === stack)) out[`network ${String(clean(n.Name))}`] = clean({ Driver: n.Driver, Scope: n.Scope, Internal: n.Internal, Attachable: n.Attachable, Labels: n.Labels })
    for (const s of secrets.filter((x) => x.Spec.Labels?.[LABEL] === stack)) out[`secret ${String(clean(s.Spec.Name))}`] = clean(s.Spec)
    for (const c of configs.filter((x) => x.Spec.Labels?.[LABEL] === stack)) out[`config ${String(clean(c.Spec.Name))}`] = clean(c.Spec)
    return out
  }

  function differences(a: unknown, b: unknown, path = ''): string[] {
    if (JSON.stringify(a) === JSON.stringify(b)) return []
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return [`${path || '(root)'}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`]
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k))
  }

  const ways: Way[] = ['docker CLI', 'SwarmDesk core', 'swarmdesk CLI']
  const modes: Mode[] = [
    { resolveImage: 'never', wait: false },
    { resolveImage: 'always', wait: false },
    { resolveImage: 'never', wait: true }
  ]
  console.log(`bench:deploy — ${SERVICES} services, 2 networks, 1 secret, 1 config; ${RUNS} runs per way and mode; lab manager1, engine ${(await run('docker', ['-H', host, 'version', '--format', '{{.Server.Version}}'])).stdout.trim()}, docker client ${(await run('docker', ['version', '--format', '{{.Client.Version}}']).catch((e: { stdout: string }) => e)).stdout.trim()}`)
  const verdicts: string[] = []
  try {
    // warm up: module loading and JIT of the core, one docker CLI run (not counted)
    for (const way of ways) {
      const stack = uniqueName(`h1bw${way === 'docker CLI' ? 'c' : way === 'SwarmDesk core' ? 's' : 'x'}`)
      await deploy(way, stack, modes[0])
      await removeStack(stack)
    }
    for (const mode of modes) {
      const times: Record<Way, number[]> = { 'docker CLI': [], 'SwarmDesk core': [], 'swarmdesk CLI': [] }
      let calls = 0
      const keep: Partial<Record<Way, string>> = {}
      // Every timed run starts from the same cluster: the stack before it is removed first. (Keeping
      // the last timed run's stacks for the comparison below made the last SwarmDesk runs deploy
      // while the previous way's 20 services were still starting their containers: the "one run in
      // five" at 5 s was that load on this 2-core machine, never the docker CLI's run, which came first.)
      for (let i = 0; i < RUNS; i++) {
        for (const way of ways) {
          const stack = uniqueName(`h1b${way === 'docker CLI' ? 'c' : way === 'SwarmDesk core' ? 's' : 'x'}`)
          const result = await deploy(way, stack, mode)
          times[way].push(result.ms)
          if (way === 'SwarmDesk core') calls = result.calls
          await removeStack(stack)
        }
      }
      // one more, untimed, deploy per way, kept for the field-by-field comparison
      for (const way of ways) {
        const stack = uniqueName(`h1b${way === 'docker CLI' ? 'c' : way === 'SwarmDesk core' ? 's' : 'x'}`)
        keep[way] = stack
        await deploy(way, stack, mode)
      }
      const title = `--resolve-image ${mode.resolveImage}, ${mode.wait ? 'waiting for convergence (--detach=false / --wait)' : 'detached'}`
      console.log(`\n${title}`)
      for (const way of ways) console.log(`  ${way.padEnd(15)} ${times[way].map(ms).join(' ')}   median ${ms(median(times[way]))}`)
      const cli = median(times['docker CLI'])
      console.log(`  ratio SwarmDesk core / docker CLI: ${(median(times['SwarmDesk core']) / cli).toFixed(2)}x   swarmdesk CLI / docker CLI: ${(median(times['swarmdesk CLI']) / cli).toFixed(2)}x   (core: ${calls} Engine API calls)`)

      const [theirs, core, ours] = await Promise.all([comparable(keep['docker CLI'] ?? ''), comparable(keep['SwarmDesk core'] ?? ''), comparable(keep['swarmdesk CLI'] ?? '')])
      const diffCore = differences(theirs, core)
      const diffCli = differences(theirs, ours)
      const objects = Object.keys(theirs).length
      const verdict = diffCore.length === 0 && diffCli.length === 0 && objects === SERVICES + 4 ? `identical: ${objects} objects, every field equal apart from the stack name` : `DIFFERENT:\n    ${[...diffCore.map((d) => `core ${d}`), ...diffCli.map((d) => `cli ${d}`)].slice(0, 20).join('\n    ')}`
      verdicts.push(`${title}: ${verdict}`)
      console.log(`  specs: ${verdict}`)
      for (const stack of Object.values(keep)) await removeStack(stack)
    }
  } finally {
    for (const stack of made) await removeStack(stack).catch(() => undefined)
    instance.dispose()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
