// Records what the real docker CLI sends for `docker stack deploy`: a proxy on a unix socket in a
// temp dir forwards every request to a lab manager and keeps the JSON bodies of networks/create,
// secrets/create, configs/create, services/create and services/{id}/update. Those bodies are the
// oracle of the compiler's golden tests (tests/fixtures/stacks/*/cli-bodies.json): they come from
// docker/cli, not from our code.
//
// The engine sees a slightly edited service body so that recording is harmless on a shared lab:
// an unsatisfiable placement constraint (no task ever starts, so no image pull, no container, no
// volume) and published ports moved into 18900-18999 (the range this recorder may publish on).
// What is recorded is always the CLI's original body.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export const RECORDER_PORT_BASE = 18900
export const RECORDER_PORT_COUNT = 100
export const NEVER_CONSTRAINT = 'node.labels.swarmdesk-golden-recorder==never'
const STACK_LABEL = 'com.docker.stack.namespace'

export type RecordedKind = 'network' | 'secret' | 'config' | 'service-create' | 'service-update'

export interface RecordedBody {
  kind: RecordedKind
  path: string
  body: Record<string, unknown>
}

export interface CliRun {
  /** exit code of `docker stack deploy` */
  code: number
  stdout: string
  stderr: string
  bodies: RecordedBody[]
  /** ID -> name of the networks, secrets and configs the CLI referenced (read after the deploy) */
  names: Map<string, string>
}

export interface RecordOptions {
  /** unix socket of a swarm manager (the lab's manager1) */
  upstreamSocket: string
  stack: string
  /** compose files, in -c order, absolute or relative to cwd */
  files: string[]
  cwd: string
  /** the environment the CLI sees (PATH and HOME are added) */
  env?: Record<string, string>
  /** extra `docker stack deploy` flags (default: --resolve-image never) */
  flags?: string[]
}

const RECORDED: Array<[RegExp, RecordedKind]> = [
  [/^(\/v[0-9.]+)?\/networks\/create$/, 'network'],
  [/^(\/v[0-9.]+)?\/secrets\/create$/, 'secret'],
  [/^(\/v[0-9.]+)?\/configs\/create$/, 'config'],
  [/^(\/v[0-9.]+)?\/services\/create$/, 'service-create'],
  [/^(\/v[0-9.]+)?\/services\/[^/]+\/update$/, 'service-update']
]

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The body the engine gets: never scheduled, ports moved into the recorder's range. */
export function harmlessServiceBody(original: Obj): Obj {
  const body = structuredClone(original)
  const template = isObj(body.TaskTemplate) ? body.TaskTemplate : (body.TaskTemplate = {})
  const placement = isObj(template.Placement) ? template.Placement : (template.Placement = {})
  const constraints = Array.isArray(placement.Constraints) ? placement.Constraints : []
  placement.Constraints = [...constraints, NEVER_CONSTRAINT]
  const endpoint = body.EndpointSpec
  if (isObj(endpoint) && Array.isArray(endpoint.Ports)) {
    const used = new Set<number>()
    endpoint.Ports = endpoint.Ports.map((port: unknown) => {
      if (!isObj(port)) return port
      const published = typeof port.PublishedPort === 'number' ? port.PublishedPort : 0
      let candidate = RECORDER_PORT_BASE + (published % RECORDER_PORT_COUNT)
      while (used.has(candidate)) candidate = RECORDER_PORT_BASE + ((candidate - RECORDER_PORT_BASE + 1) % RECORDER_PORT_COUNT)
      used.add(candidate)
      return { ...port, PublishedPort: candidate }
    })
  }
  return body
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

async function startProxy(upstreamSocket: string, bodies: RecordedBody[]): Promise<{ socket: string; close(): Promise<void>; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'h1-golden-'))
  const socket = join(dir, 'docker.sock')
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      let payload = await readBody(req)
      const path = (req.url ?? '').split('?')[0]
      const kind = req.method === 'POST' ? RECORDED.find(([re]) => re.test(path))?.[1] : undefined
      if (kind && payload.length > 0) {
        const body = JSON.parse(payload.toString('utf8')) as Obj
        bodies.push({ kind, path, body })
        if (kind === 'service-create' || kind === 'service-update') payload = Buffer.from(JSON.stringify(harmlessServiceBody(body)))
      }
      const headers = { ...req.headers }
      if (payload.length > 0 || headers['content-length'] !== undefined) {
        headers['content-length'] = String(payload.length)
        delete headers['transfer-encoding']
      }
      const upstream = request({ socketPath: upstreamSocket, path: req.url, method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      upstream.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ message: `recorder proxy: ${error.message}` }))
      })
      upstream.end(payload)
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: `recorder proxy: ${String(error)}` }))
    })
  })
  await new Promise<void>((resolve) => server.listen(socket, resolve))
  return {
    socket,
    dir,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

async function dockerAt(socket: string, args: string[], cwd?: string, env?: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('docker', args, {
      cwd,
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...(env ?? {}), DOCKER_HOST: `unix://${socket}` }
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string; message: string }
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? e.message }
  }
}

function getJson(socket: string, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: socket, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)))
        }
      })
    })
    req.on('error', reject)
    req.end()
  })
}

async function idNames(socket: string): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  const [networks, secrets, configs] = (await Promise.all(['/networks', '/secrets', '/configs'].map((p) => getJson(socket, p)))) as Array<Array<{ Id?: string; ID?: string; Name?: string; Spec?: { Name?: string } }>>
  for (const n of networks) if (n.Id && n.Name) names.set(n.Id, n.Name)
  for (const o of [...secrets, ...configs]) if (o.ID && o.Spec?.Name) names.set(o.ID, o.Spec.Name)
  return names
}

/** Removes the stack and waits until none of its objects is left. */
export async function removeRecordedStack(upstreamSocket: string, stack: string): Promise<void> {
  const deadline = Date.now() + 90_000
  for (;;) {
    await dockerAt(upstreamSocket, ['stack', 'rm', stack])
    const left = await Promise.all(
      ['service', 'network', 'secret', 'config'].map((kind) => dockerAt(upstreamSocket, [kind, 'ls', '-q', '--filter', `label=${STACK_LABEL}=${stack}`]))
    )
    if (left.every((l) => l.code === 0 && l.stdout.trim() === '')) return
    if (Date.now() > deadline) throw new Error(`stack ${stack} still has objects after 90 s`)
    await new Promise((r) => setTimeout(r, 1000))
  }
}

/** Runs `docker stack deploy` through the recording proxy, then removes the stack. */
export async function recordCliStack(options: RecordOptions): Promise<CliRun> {
  const bodies: RecordedBody[] = []
  const proxy = await startProxy(options.upstreamSocket, bodies)
  try {
    const args = ['stack', 'deploy', ...(options.flags ?? ['--resolve-image', 'never']), ...options.files.flatMap((f) => ['-c', f]), options.stack]
    const result = await dockerAt(proxy.socket, args, options.cwd, options.env)
    const names = await idNames(options.upstreamSocket)
    return { ...result, bodies, names }
  } finally {
    await proxy.close()
    rmSync(proxy.dir, { recursive: true, force: true })
    await removeRecordedStack(options.upstreamSocket, options.stack)
  }
}

export async function dockerClientVersion(): Promise<string> {
  const { stdout } = await run('docker', ['version', '--format', '{{.Client.Version}}']).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }))
  return stdout.trim()
}

export async function engineApiVersion(socket: string): Promise<string> {
  return (await dockerAt(socket, ['version', '--format', '{{.Server.APIVersion}}'])).stdout.trim()
}
