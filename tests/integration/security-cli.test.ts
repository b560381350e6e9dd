import { execFile } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, tempDir, type LabStatus } from '../support/lab'

// `swarmdesk swarm …` as a script runs it (the built bin), read-only and refused cases only: it
// changes nothing on the lab (a shared lock is enough). The disruptive paths (rotations, autolock)
// are the services' lab tests (security-tokens, security-autolock, security-ca-rotation).
const BIN = resolve(__dirname, '..', '..', 'bin', 'swarmdesk.js')
const FIXTURES = resolve(__dirname, '..', 'fixtures', 'security')
let lab: LabStatus
let host: string

async function swarmdesk(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: tempDir('sd-cli-home-'), SWARMDESK_DATA_DIR: tempDir('sd-cli-data-') }
  return new Promise((done) => {
    const child = execFile(process.execPath, [BIN, ...args], { env }, (error, stdout, stderr) => {
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
    child.stdin?.end(stdin ?? '')
  })
}

beforeAll(() => {
  lab = requireLab()
  host = `unix://${labNode(lab, 'manager1').socket}`
  if (!existsSync(join(resolve(__dirname, '..', '..'), 'out', 'main', 'cli.js'))) throw new Error('run `npm run build` first: the CLI test runs the built bin')
})

describe('swarmdesk swarm', () => {
  it('security: the root CA fingerprint, lifetime, every node on the current root, tokens masked', async () => {
    const out = await swarmdesk(['-H', host, 'swarm', 'security'])
    expect(out.code, out.stderr).toBe(0)
    const trustRoot = await docker(lab, 'manager1', ['info', '--format', '{{.Swarm.Cluster.TLSInfo.TrustRoot}}'])
    expect(out.stdout).toContain(`Root CA fingerprint:   SHA256 ${new X509Certificate(trustRoot).fingerprint256}`)
    expect(out.stdout).toMatch(/Autolock:\s+off/)
    for (const node of ['manager1', 'manager2', 'manager3', 'worker1', 'worker2']) expect(out.stdout).toMatch(new RegExp(`${node}\\s+\\S+\\s+ready\\s+current root`))
    const token = await docker(lab, 'manager1', ['swarm', 'join-token', '-q', 'worker'])
    expect(out.stdout).not.toContain(token)
    const json = JSON.parse((await swarmdesk(['-H', host, '--json', 'swarm', 'security'])).stdout) as { rotation: { done: boolean; total: number } }
    expect(json.rotation).toMatchObject({ done: true, total: 5 })
  })

  it('join-token prints the join line like docker, -q the token alone', async () => {
    const token = await docker(lab, 'manager1', ['swarm', 'join-token', '-q', 'worker'])
    const line = await swarmdesk(['-H', host, 'swarm', 'join-token', 'worker'])
    expect(line.stdout).toBe(`To add a worker to this swarm, run the following command:\n\n    docker swarm join --token ${token} 10.77.0.11:2377\n\n`)
    expect((await swarmdesk(['-H', host, 'swarm', 'join-token', '-q', 'worker'])).stdout).toBe(`${token}\n`)
    expect((await swarmdesk(['-H', host, 'swarm', 'join-token', 'nobody'])).code).toBe(2)
  })

  it('refuses a worker connection with why: tokens are manager-only', async () => {
    const out = await swarmdesk(['-H', `unix://${labNode(lab, 'worker1').socket}`, 'swarm', 'join-token', 'worker'])
    expect(out.code).toBe(1)
    expect(out.stderr).toContain('kept by managers only')
    expect(out.stderr).toContain('[NOT_A_MANAGER]')
  })

  it('refuses a CA whose key is not its own before sending anything; unlock-key while autolock is off', async () => {
    const rootBefore = await docker(lab, 'manager1', ['swarm', 'ca'])
    const out = await swarmdesk(['-H', host, 'swarm', 'ca', 'rotate', '--ca-cert', join(FIXTURES, 'ca.pem'), '--ca-key', join(FIXTURES, 'other-key.pem')])
    expect(out.code).toBe(1)
    expect(out.stderr).toContain('docker swarm ca --rotate --ca-cert ca.pem --ca-key ca-key.pem')
    expect(out.stderr).toMatch(/the key does not belong to the certificate CN=SwarmDesk test root CA \[INVALID_CA\]/)
    expect(await docker(lab, 'manager1', ['swarm', 'ca'])).toBe(rootBefore)
    const key = await swarmdesk(['-H', host, 'swarm', 'unlock-key'])
    expect(key.code).toBe(1)
    expect(key.stderr).toContain('autolock is off')
  })
})
