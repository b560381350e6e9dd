import { execFile, execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The lab's own description of itself (`npm run lab:status -- --json`). */
export interface LabStatus {
  up: boolean
  labDir: string
  registry: string
  nodes: { name: string; hostname: string; role: 'manager' | 'worker'; address: string; socket: string; running: boolean }[]
  /** Engines in no swarm (`solo`), for swarm init/leave and "not in a swarm" cases. */
  standalone: { name: string; hostname: string; role: 'standalone'; address: string; socket: string; running: boolean }[]
  ssh: {
    host: string
    port: number
    noForwardPort: number
    user: string
    privateKey: string
    passphraseKey: string
    passphrase: string
    knownHosts: string
    remoteSocket: string
  }
  images: { web1: string; web2: string; sleeper: string }
}

export const LAB_SCRIPT = resolve(__dirname, '..', '..', 'scripts', 'lab', 'lab.sh')

/** Reads the running lab, or fails loudly: lab suites must never pass by not running. */
/**
 * The lab's status, refusing a lab that is not up. The suites are written for the standard lab (3
 * managers, 2 workers); a benchmark at scale passes `anySize` to take a lab grown with
 * `npm run lab:up -- --workers N`.
 */
export function requireLab(options: { anySize?: boolean } = {}): LabStatus {
  const status = JSON.parse(execFileSync('bash', [LAB_SCRIPT, 'status', '--json'], { encoding: 'utf8' })) as LabStatus
  if (!status.up || [...status.nodes, ...(status.standalone ?? [])].some((n) => !n.running)) {
    throw new Error('The lab swarm is not up: run `npm run lab:up` (as root) before the integration and e2e suites.')
  }
  if (!options.anySize && status.nodes.length !== 5) {
    throw new Error(`The lab has ${status.nodes.length} nodes; the suites expect the standard 5: run \`npm run lab:up -- --workers 2\`.`)
  }
  return status
}

export function labNode(lab: LabStatus, name: string): { name: string; hostname: string; address: string; socket: string } {
  const node = [...lab.nodes, ...lab.standalone].find((n) => n.name === name)
  if (!node) throw new Error(`the lab has no node ${name}`)
  return node
}

/** The real docker CLI against one lab node. */
export async function docker(lab: LabStatus, nodeName: string, args: string[]): Promise<string> {
  const { stdout } = await run('docker', ['-H', `unix://${labNode(lab, nodeName).socket}`, ...args], { timeout: 120_000 })
  return stdout.trim()
}

export async function labCommand(args: string[]): Promise<void> {
  await run('bash', [LAB_SCRIPT, ...args], { timeout: 180_000 })
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Poll a condition (for the test's own observations, never inside product code). */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await probe()
      if (value) return value
    } catch (error) {
      last = error
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`)
}

/** A unique name per test run, so reruns never collide with leftovers. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`
}

/**
 * The SSH endpoint of a profile that holds only manager1 (the lab key, no agent, the node's own
 * /var/run/docker.sock): workers are then reached through manager1, as on a private network.
 */
export function manager1SshEndpoint(lab: LabStatus) {
  return { kind: 'ssh' as const, host: lab.ssh.host, port: lab.ssh.port, user: lab.ssh.user, identityFile: lab.ssh.privateKey, useAgent: false, remoteSocket: '/var/run/docker.sock', hasPassphrase: false }
}

/**
 * A HOME for the user of a test: ~/.ssh/known_hosts knows every lab host (manager1 and the nodes
 * behind it); with `key`, ~/.ssh/config gives the lab's key to every host, as a user's would.
 */
export function labUserHome(lab: LabStatus, prefix: string, options: { key?: boolean } = {}): string {
  const home = tempDir(prefix)
  mkdirSync(join(home, '.ssh'))
  copyFileSync(lab.ssh.knownHosts, join(home, '.ssh', 'known_hosts'))
  writeFileSync(join(home, '.ssh', 'config'), options.key ? `Host *\n  IdentityFile ${lab.ssh.privateKey}\n` : '')
  return home
}
