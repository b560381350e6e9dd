import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostKeyDetails } from '../../src/shared/errors'
import { docker, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

// A whole cluster over SSH through the real services: the host-key question, acceptance, the
// live mirror through the tunnel, passphrases, and a changed key refused.
let lab: LabStatus
let scratch: string
const harnesses: ReturnType<typeof startServices>[] = []
const createdServices: string[] = []

beforeAll(() => {
  lab = requireLab()
  scratch = tempDir('sd-ssh-cluster-')
  writeFileSync(join(scratch, 'ssh_config'), '')
})
afterAll(async () => {
  for (const h of harnesses) h.services.dispose()
  for (const name of createdServices) await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
})

function harness(userKnownHosts: string) {
  const h = startServices({ userKnownHostsPath: userKnownHosts, sshConfigPath: join(scratch, 'ssh_config') })
  harnesses.push(h)
  return h
}

function sshEndpoint(identityFile: string, port = lab.ssh.port) {
  return {
    kind: 'ssh' as const,
    host: lab.ssh.host,
    port,
    user: lab.ssh.user,
    identityFile,
    useAgent: false,
    remoteSocket: lab.ssh.remoteSocket,
    hasPassphrase: false
  }
}

/** The lab host key's fingerprint as OpenSSH prints it. */
function labFingerprint(): string {
  return execFileSync('ssh-keygen', ['-lf', lab.ssh.knownHosts], { encoding: 'utf8' }).split(' ')[1]
}

describe('a cluster over SSH', () => {
  it('asks about an unknown host key, then connects once it is accepted, and mirrors live through the tunnel', async () => {
    const h = harness(join(scratch, 'no-user-known-hosts'))
    const profile = await h.call('connections.save', { name: 'lab over ssh', endpoints: [sshEndpoint(lab.ssh.privateKey)] })
    const error = await h.call('clusters.open', { profileId: profile.id }).catch((e: unknown) => e as { code: string; data: { hostKey?: HostKeyDetails } })
    expect(error).toMatchObject({ code: 'HOST_KEY_UNKNOWN' })
    const hostKey = (error as { data: { hostKey: HostKeyDetails } }).data.hostKey
    expect(hostKey).toMatchObject({ host: lab.ssh.host, port: lab.ssh.port, fingerprint: labFingerprint() })
    expect(await h.call('clusters.list', {})).toEqual([])

    await h.call('connections.acceptHostKey', hostKey)
    const state = await h.call('clusters.open', { profileId: profile.id })
    expect(state).toMatchObject({ phase: 'ready' })
    expect(state.endpoint).toMatch(/ssh/)
    const snapshot = await h.call('clusters.snapshot', { clusterId: state.clusterId })
    expect(snapshot.nodes).toHaveLength(5)

    const name = uniqueName('it-ssh')
    createdServices.push(name)
    await docker(lab, 'manager2', ['service', 'create', '--detach', '--name', name, '--replicas', '1', lab.images.sleeper])
    await waitFor('the service through the SSH mirror', () =>
      Object.values(h.model(state.clusterId)?.services ?? {}).find((s) => s.name === name && s.runningTasks === 1)
    )
    // Accepted keys go to SwarmDesk's own known_hosts, never to ~/.ssh.
    expect(readFileSync(join(h.dataDir, 'known_hosts'), 'utf8')).toContain(hostKey.publicKey)
  })

  it('falls back to docker system dial-stdio when the server refuses socket forwarding', async () => {
    const h = harness(lab.ssh.knownHosts)
    const profile = await h.call('connections.save', { name: 'dial-stdio', endpoints: [sshEndpoint(lab.ssh.privateKey, lab.ssh.noForwardPort)] })
    const error = await h.call('clusters.open', { profileId: profile.id }).catch((e: unknown) => e as { code: string; data: { hostKey: HostKeyDetails } })
    // The lab's known_hosts lists port 22 only; port 2222 is another "host" for OpenSSH's rules,
    // unless the bare name matches — either way the answer must be a clean open or a host-key question.
    if ((error as { code?: string }).code === 'HOST_KEY_UNKNOWN') await h.call('connections.acceptHostKey', (error as { data: { hostKey: HostKeyDetails } }).data.hostKey)
    const state = await h.call('clusters.open', { profileId: profile.id })
    expect(state.phase).toBe('ready')
    expect((await h.services.registry.get(state.clusterId).snapshot()).nodes).toHaveLength(5)
  })

  it('uses a stored passphrase for an encrypted key, and says when it is missing', async () => {
    const h = harness(lab.ssh.knownHosts)
    const without = await h.call('connections.save', { name: 'no passphrase', endpoints: [sshEndpoint(lab.ssh.passphraseKey)] })
    await expect(h.call('clusters.open', { profileId: without.id })).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringMatching(/passphrase/) })
    const withPass = await h.call('connections.save', {
      name: 'with passphrase',
      endpoints: [sshEndpoint(lab.ssh.passphraseKey)],
      passphrases: { '0': lab.ssh.passphrase }
    })
    expect(withPass.endpoints[0]).toMatchObject({ hasPassphrase: true })
    expect(JSON.stringify(await h.call('connections.list', {}))).not.toContain(lab.ssh.passphrase)
    const state = await h.call('clusters.open', { profileId: withPass.id })
    expect(state.phase).toBe('ready')
  })

  it('refuses a changed host key with a warning', async () => {
    const forged = join(scratch, 'forged_known_hosts')
    const otherKey = join(scratch, 'other_host_key')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey])
    const publicKey = readFileSync(`${otherKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')
    writeFileSync(forged, `${lab.ssh.host} ${publicKey}\n`)
    const h = harness(forged)
    const profile = await h.call('connections.save', { name: 'mitm', endpoints: [sshEndpoint(lab.ssh.privateKey)] })
    const error = await h.call('clusters.open', { profileId: profile.id }).catch((e: unknown) => e as { code: string; message: string; data: { hostKey: HostKeyDetails } })
    expect(error).toMatchObject({ code: 'HOST_KEY_CHANGED' })
    expect((error as { message: string }).message).toMatch(/changed/i)
    expect((error as { data: { hostKey: HostKeyDetails } }).data.hostKey).toMatchObject({ fingerprint: labFingerprint() })
    expect(h.services.registry.list()).toEqual([])
  })

  it('says when the user is refused', async () => {
    const h = harness(lab.ssh.knownHosts)
    const profile = await h.call('connections.save', { name: 'nobody', endpoints: [{ ...sshEndpoint(lab.ssh.privateKey), user: 'nobody' }] })
    await expect(h.call('clusters.open', { profileId: profile.id })).rejects.toMatchObject({ code: 'AUTH_FAILED' })
  })
})
