import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Dockerode from 'dockerode'
import { AppError } from '../../src/shared/errors'
import type { EngineHandle } from '../../src/main/connections/engine-handle'
import { HostKeyStore, fingerprintSha256 } from '../../src/main/connections/ssh/known-hosts'
import { SshChannelAgent } from '../../src/main/connections/ssh/ssh-carriers'
import { openSshEngine, type SshEngineOptions } from '../../src/main/connections/ssh/ssh-engine'
import { requireLab, tempDir, type LabStatus } from '../support/lab'

// The SSH carrier against the lab's real sshd (manager1's network namespace): host keys, keys,
// passphrases, unix-socket forwarding and its dial-stdio fallback, and the errors users will meet.
let lab: LabStatus
let scratch: string
let emptyConfig: string
const open: EngineHandle[] = []

beforeAll(() => {
  lab = requireLab()
  scratch = tempDir('ssh-engine-test-')
  emptyConfig = join(scratch, 'empty_ssh_config')
  writeFileSync(emptyConfig, '')
})

afterAll(() => {
  for (const handle of open) handle.close()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

let storeCount = 0
/** A fresh store: the user file is the lab's known_hosts (or nothing), the app file is empty. */
function store(userKnownHosts: string | null): HostKeyStore {
  storeCount++
  return new HostKeyStore({
    userKnownHostsPath: userKnownHosts ?? join(scratch, `no_user_known_hosts_${storeCount}`),
    appKnownHostsPath: join(scratch, `app_${storeCount}`, 'known_hosts')
  })
}

function baseOptions(overrides: Partial<SshEngineOptions> = {}): SshEngineOptions {
  return {
    host: lab.ssh.host,
    port: lab.ssh.port,
    user: lab.ssh.user,
    identityFile: lab.ssh.privateKey,
    useAgent: false,
    remoteSocket: lab.ssh.remoteSocket,
    hostKeys: store(lab.ssh.knownHosts),
    sshConfigPath: emptyConfig,
    connectTimeoutMs: 10_000,
    ...overrides
  }
}

async function connect(options: SshEngineOptions): Promise<EngineHandle> {
  const handle = await openSshEngine(options)
  open.push(handle)
  return handle
}

async function failure(options: SshEngineOptions): Promise<AppError> {
  const error: unknown = await openSshEngine(options).then(
    (handle) => {
      handle.close()
      throw new Error('the connection succeeded but should have failed')
    },
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

function channelsOpened(docker: Dockerode): number {
  const agent = (docker.modem as { agent?: unknown }).agent
  if (!(agent instanceof SshChannelAgent)) throw new Error('the engine does not use the SSH channel agent')
  return agent.channelsOpened
}

/** Time N sequential listServices calls; prints the figures (no assertion on time). */
async function timeCalls(label: string, docker: Dockerode, n: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const started = performance.now()
    await docker.listServices()
    times.push(performance.now() - started)
  }
  const sorted = [...times].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]
  console.log(
    `[ssh-engine] ${label}: ${n} sequential listServices: first ${times[0].toFixed(1)} ms, ` +
      `median ${median.toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`
  )
  return times
}

/** What ssh-keygen prints for the lab's host key, scanned from the server itself. */
function scannedFingerprint(port: number, keyType: string): string {
  const scanned = execFileSync('ssh-keyscan', ['-p', String(port), '-T', '10', lab.ssh.host], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  const line = scanned.split('\n').find((l) => l.split(' ')[1] === keyType)
  if (!line) throw new Error(`ssh-keyscan found no ${keyType} key on ${lab.ssh.host}:${port}`)
  const file = join(scratch, `scanned_${port}`)
  writeFileSync(file, line + '\n')
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file], { encoding: 'utf8' }).split(/\s+/)[1]
}

describe('SSH engine', () => {
  it('(a) connects with a key, forwards the engine socket and reuses channels', async () => {
    const handle = await connect(baseOptions())
    expect(handle.carrier).toBe('ssh-streamlocal')
    expect(handle.description).toBe(`ssh ${lab.ssh.user}@${lab.ssh.host}:${lab.ssh.port} -> ${lab.ssh.remoteSocket}`)
    const info = (await handle.docker.info()) as { Swarm: { ControlAvailable: boolean }; Name: string }
    expect(info.Swarm.ControlAvailable).toBe(true)
    expect(info.Name).toBe('manager1')

    const before = channelsOpened(handle.docker)
    await timeCalls('streamlocal', handle.docker, 20)
    // Sequential calls ride on the channel already open: no new channel per request.
    expect(channelsOpened(handle.docker)).toBe(before)

    // Parallel calls open more channels, up to the pool size, and stay correct.
    const results = await Promise.all(Array.from({ length: 12 }, () => handle.docker.version()))
    expect(results.every((v) => typeof (v as { ApiVersion?: unknown }).ApiVersion === 'string')).toBe(true)
    expect(channelsOpened(handle.docker)).toBeLessThanOrEqual(8)

    let closedEvents = 0
    handle.onClosed(() => closedEvents++)
    handle.close()
    await new Promise((r) => setTimeout(r, 300))
    expect(closedEvents).toBe(0) // close() is not "dropped on its own"
    await expect(handle.docker.ping()).rejects.toBeTruthy()
  })

  it('(b) refuses an unknown host key with its fingerprint, then connects once accepted', async () => {
    const hostKeys = store(null)
    const error = await failure(baseOptions({ hostKeys }))
    expect(error.code).toBe('HOST_KEY_UNKNOWN')
    const hostKey = error.data.hostKey
    if (!hostKey) throw new Error('HOST_KEY_UNKNOWN without host key details')
    expect(hostKey).toMatchObject({ host: lab.ssh.host, port: lab.ssh.port, keyType: 'ssh-ed25519' })
    expect(hostKey.fingerprint).toBe(scannedFingerprint(lab.ssh.port, hostKey.keyType))
    expect(hostKey.fingerprint).toBe(fingerprintSha256(Buffer.from(hostKey.publicKey, 'base64')))
    expect(error.message).toContain(hostKey.fingerprint)
    expect(error.message).toContain(lab.ssh.host)

    await hostKeys.accept({ host: hostKey.host, port: hostKey.port, keyType: hostKey.keyType, publicKey: hostKey.publicKey, fingerprint: hostKey.fingerprint })
    const handle = await connect(baseOptions({ hostKeys }))
    expect(handle.carrier).toBe('ssh-streamlocal')
    expect(await handle.docker.ping()).toBeTruthy()
    handle.close()
  })

  it('(c) refuses a changed host key', async () => {
    const fake = join(scratch, 'fake_host_key')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'impostor', '-f', fake])
    const fakePub = execFileSync('cut', ['-d', ' ', '-f1,2', `${fake}.pub`], { encoding: 'utf8' }).trim()
    const knownHosts = join(scratch, 'changed_known_hosts')
    writeFileSync(knownHosts, `# an old key\n${lab.ssh.host} ${fakePub}\n`)
    const error = await failure(baseOptions({ hostKeys: store(knownHosts) }))
    expect(error.code).toBe('HOST_KEY_CHANGED')
    expect(error.message).toMatch(/WARNING.*changed.*refused/s)
    const fakeFingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${fake}.pub`], { encoding: 'utf8' }).split(/\s+/)[1]
    expect(error.data.hostKey).toMatchObject({
      host: lab.ssh.host,
      keyType: 'ssh-ed25519',
      knownFingerprint: fakeFingerprint,
      knownSource: `${knownHosts}:2`,
      fingerprint: scannedFingerprint(lab.ssh.port, 'ssh-ed25519')
    })
  })

  it('(d) falls back to docker system dial-stdio where socket forwarding is refused', async () => {
    const handle = await connect(baseOptions({ port: lab.ssh.noForwardPort }))
    expect(handle.carrier).toBe('ssh-dial-stdio')
    const info = (await handle.docker.info()) as { Swarm: { ControlAvailable: boolean } }
    expect(info.Swarm.ControlAvailable).toBe(true)
    const before = channelsOpened(handle.docker)
    await timeCalls('dial-stdio', handle.docker, 20)
    expect(channelsOpened(handle.docker)).toBe(before)
    handle.close()
  })

  it('(e) asks for the passphrase of an encrypted key, and works with it', async () => {
    const error = await failure(baseOptions({ identityFile: lab.ssh.passphraseKey }))
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.message).toMatch(/passphrase/)
    expect(error.message).toContain(lab.ssh.passphraseKey)

    const wrong = await failure(baseOptions({ identityFile: lab.ssh.passphraseKey, passphrase: 'not-the-passphrase' }))
    expect(wrong.code).toBe('AUTH_FAILED')
    expect(wrong.message).toMatch(/passphrase/)
    expect(wrong.message).not.toContain('not-the-passphrase')

    const handle = await connect(baseOptions({ identityFile: lab.ssh.passphraseKey, passphrase: lab.ssh.passphrase }))
    expect(handle.carrier).toBe('ssh-streamlocal')
    expect(await handle.docker.ping()).toBeTruthy()
    handle.close()
  })

  it('(f) reports a refused login as AUTH_FAILED, naming what was tried', async () => {
    const error = await failure(baseOptions({ user: 'nosuchuser' }))
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.message).toContain(`nosuchuser@${lab.ssh.host}:${lab.ssh.port}`)
    expect(error.message).toContain(lab.ssh.privateKey)
  })

  it('(g) reports a closed port as CONNECTION_REFUSED without waiting for the timeout', async () => {
    const started = Date.now()
    const error = await failure(baseOptions({ port: 2999, connectTimeoutMs: 8000 }))
    expect(error.code).toBe('CONNECTION_REFUSED')
    expect(error.message).toContain(`${lab.ssh.host}:2999`)
    expect(Date.now() - started).toBeLessThan(8000)
  })

  it('(h) says when there is no engine socket at the remote path', async () => {
    const missing = '/var/tmp/swarmdesk-no-such-engine.sock'
    const error = await failure(baseOptions({ remoteSocket: missing }))
    expect(error.code).toBe('CONNECTION_REFUSED')
    expect(error.message).toContain(`no engine socket at ${missing}`)
  })

  it('resolves a Host alias of an ssh config', async () => {
    const config = join(scratch, 'alias_ssh_config')
    writeFileSync(config, `Host labmgr\n  HostName ${lab.ssh.host}\n  User ${lab.ssh.user}\n  IdentityFile ${lab.ssh.privateKey}\n`)
    const handle = await connect({
      host: 'labmgr',
      useAgent: false,
      remoteSocket: lab.ssh.remoteSocket,
      hostKeys: store(lab.ssh.knownHosts),
      sshConfigPath: config
    })
    expect(handle.carrier).toBe('ssh-streamlocal')
    expect(handle.description).toContain('(labmgr)')
    expect(handle.description).toContain(`${lab.ssh.user}@${lab.ssh.host}:22`)
    const info = (await handle.docker.info()) as { Name: string }
    expect(info.Name).toBe('manager1')
    handle.close()
  })
})
