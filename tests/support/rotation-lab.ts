// Shared pieces of the secret/config rotation lab tests: objects made with the docker CLI (an
// independent witness), what each service mounts now, and a sampler of running tasks.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { docker, tempDir, type LabStatus } from './lab'

export const WEB_IMAGE = '10.77.0.1:5000/swarmdesk/web:1'
export const SLEEPER_IMAGE = '10.77.0.1:5000/swarmdesk/sleeper:1'

export interface Inspected {
  ID: string
  Spec: { Name: string; Labels?: Record<string, string> | null; TaskTemplate: { ContainerSpec: { Secrets?: Ref[] | null; Configs?: Ref[] | null } }; UpdateConfig?: unknown }
  Version: { Index: number }
  UpdateStatus?: { State?: string } | null
}
interface Ref {
  SecretID?: string
  SecretName?: string
  ConfigID?: string
  ConfigName?: string
  File?: { Name: string; UID: string; GID: string; Mode: number }
}

/** `docker secret|config create NAME FILE` with the value in a temp file; returns the ID. */
export async function cliCreate(lab: LabStatus, kind: 'secret' | 'config', name: string, value: string, labels: Record<string, string> = {}): Promise<string> {
  const file = join(tempDir('sd-rot-'), 'value')
  writeFileSync(file, value)
  return docker(lab, 'manager1', [kind, 'create', ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), name, file])
}

export async function inspectService(lab: LabStatus, name: string): Promise<Inspected> {
  return (JSON.parse(await docker(lab, 'manager1', ['service', 'inspect', name])) as Inspected[])[0]
}

/** The names of the secrets (or configs) a service mounts now, with their targets. */
export async function mounted(lab: LabStatus, service: string, kind: 'secret' | 'config'): Promise<string[]> {
  const spec = (await inspectService(lab, service)).Spec.TaskTemplate.ContainerSpec
  const refs = (kind === 'secret' ? spec.Secrets : spec.Configs) ?? []
  return refs.map((r) => `${kind === 'secret' ? r.SecretName : r.ConfigName}@${r.File?.Name ?? 'runtime'}:${r.File?.UID}:${r.File?.GID}:${r.File?.Mode?.toString(8)}`)
}

export async function objectNames(lab: LabStatus, kind: 'secret' | 'config', prefix: string): Promise<string[]> {
  const out = await docker(lab, 'manager1', [kind, 'ls', '--format', '{{.Name}}'])
  return out.split('\n').filter((n) => n.startsWith(prefix)).sort()
}

export async function removeQuietly(lab: LabStatus, args: string[]): Promise<void> {
  await docker(lab, 'manager1', args).catch(() => undefined)
}

/** Wait until the services' tasks all run (docker service ls shows n/n). */
export async function serviceReplicas(lab: LabStatus, name: string): Promise<{ running: number; desired: number }> {
  const out = await docker(lab, 'manager1', ['service', 'ls', '--filter', `name=${name}`, '--format', '{{.Name}} {{.Replicas}}'])
  const line = out.split('\n').find((l) => l.startsWith(`${name} `)) ?? ''
  const match = /(\d+)\/(\d+)/.exec(line)
  return { running: Number(match?.[1] ?? 0), desired: Number(match?.[2] ?? -1) }
}

const ROOT = resolve(__dirname, '..', '..')

/** A script of tests/support run in a child process (tsx as a loader of this very node process, so a SIGKILL hits the process that works). */
export function crashingChild(script: string, args: object): Promise<{ signal: NodeJS.Signals | null; code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, script), JSON.stringify(args)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('exit', (code, signal) => done({ code, signal, stderr }))
  })
}

/** A rotation in a child process that SIGKILLs itself after step `crashAfter` (tests/support/rotation-crash.ts). */
export function crashingRotation(args: { dockerHost: string; dataDir: string; kind: 'secret' | 'config'; objectId: string; value: string; removeOld: boolean; crashAfter: number }) {
  return crashingChild('rotation-crash.ts', args)
}

/** A stack deploy in a child process that SIGKILLs itself after its `crashAfter`th operation of kind `crashOn` is done (tests/support/deploy-crash.ts). */
export function crashingDeploy(args: { dockerHost: string; dataDir: string; stack: string; file: string; crashOn: 'network.create' | 'service.create'; crashAfter: number }) {
  return crashingChild('deploy-crash.ts', args)
}
