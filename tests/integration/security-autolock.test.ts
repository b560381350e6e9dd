import { execFileSync } from 'node:child_process'
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labCommand, labNode, manager1SshEndpoint, requireLab, tempDir, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

// Autolock on the real lab, under the lab's exclusive lock: a manager restarted with autolock on
// comes back locked, SwarmDesk shows it locked (and out of the quorum), refuses a wrong key and
// unlocks it over that manager's own SSH connection. Whatever happens, afterAll leaves every
// manager unlocked, autolock off and 5 Ready nodes.
const MANAGER = 'manager3'
let lab: LabStatus
let h: ReturnType<typeof startServices>
let clusterId: string
let unlockKey = ''
const seenKeys: string[] = []

beforeAll(async () => {
  lab = requireLab()
  const scratch = tempDir('sd-autolock-')
  writeFileSync(join(scratch, 'ssh_config'), '')
  copyFileSync(lab.ssh.knownHosts, join(scratch, 'known_hosts'))
  h = startServices({ userKnownHostsPath: join(scratch, 'known_hosts'), sshConfigPath: join(scratch, 'ssh_config'), nodeIdleMs: 300 })
  const profile = await h.call('connections.save', { name: 'manager1 only', endpoints: [manager1SshEndpoint(lab)] })
  clusterId = (await h.call('clusters.open', { profileId: profile.id })).clusterId
})

function swarmState(node: string): string {
  return execFileSync('docker', ['-H', `unix://${labNode(lab, node).socket}`, 'info', '--format', '{{.Swarm.LocalNodeState}}'], { encoding: 'utf8', timeout: 20_000 }).trim()
}

afterAll(async () => {
  h?.services.dispose()
  // every manager unlocked (with the key this run saw, else the one manager1 gives), autolock off, 5 Ready nodes
  const key = unlockKey || (await docker(lab, 'manager1', ['swarm', 'unlock-key', '-q']).catch(() => ''))
  for (const node of lab.nodes.filter((n) => n.role === 'manager')) {
    try {
      if (swarmState(node.name) === 'locked' && key) execFileSync('docker', ['-H', `unix://${node.socket}`, 'swarm', 'unlock'], { input: `${key}\n`, timeout: 30_000 })
    } catch {
      // reported by the lab's own wait below
    }
  }
  await docker(lab, 'manager1', ['swarm', 'update', '--autolock=false']).catch(() => undefined)
  await labCommand(['start-node', MANAGER])
}, 300_000)

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('autolock', () => {
  it('has no unlock key while it is off, and nothing to unlock on a running manager', async () => {
    await expect(h.call('security.unlockKey', { clusterId, rotate: false })).rejects.toMatchObject({ code: 'CONFLICT', data: { said: { key: 'security.said.autolock-off' } } })
    const snapshot = await h.call('clusters.snapshot', { clusterId })
    const manager = snapshot.nodes.find((n) => n.hostname === MANAGER)
    await expect(h.call('security.unlock', { clusterId, nodeId: manager?.id ?? '', unlockKey: 'SWMKEY-1-whatever' })).rejects.toMatchObject({ code: 'NOT_LOCKED' })
  })

  it('turns on with the unlock key answered once; the key cannot be kept without a keychain', async () => {
    const on = await h.call('security.setAutolock', { clusterId, enabled: true })
    expect(on).toMatchObject({ autolock: true, cli: 'docker swarm update --autolock=true' })
    unlockKey = on.unlockKey ?? ''
    seenKeys.push(unlockKey)
    expect(unlockKey).toMatch(/^SWMKEY-1-/)
    expect(await docker(lab, 'manager1', ['swarm', 'unlock-key', '-q'])).toBe(unlockKey)
    expect((await h.call('security.facts', { clusterId })).autolock).toBe(true)
    await expect(h.call('security.keepUnlockKey', { clusterId, unlockKey })).rejects.toMatchObject({ code: 'NO_KEYCHAIN', data: { said: { key: 'security.said.keychain-none' } } })
  })

  it('a restarted manager comes back locked, is shown locked and out of the quorum, refuses a wrong key and is unlocked with the right one', async () => {
    await labCommand(['stop-node', MANAGER])
    await labCommand(['start-node', MANAGER, '--no-wait'])
    expect(swarmState(MANAGER)).toBe('locked')
    const node = await waitFor(`${MANAGER} unreachable in the mirror`, () => {
      const n = Object.values(h.model(clusterId)?.nodes ?? {}).find((x) => x.hostname === MANAGER)
      return n?.manager?.reachability === 'unreachable' ? n : null
    }, 60_000)
    const probes = await h.call('security.probeManagers', { clusterId })
    expect(probes).toEqual([{ nodeId: node.id, hostname: MANAGER, state: 'locked', detail: 'locked' }])

    const wrong = 'SWMKEY-1-' + 'A'.repeat(43)
    await expect(h.call('security.unlock', { clusterId, nodeId: node.id, unlockKey: wrong })).rejects.toMatchObject({ code: 'WRONG_UNLOCK_KEY', data: { said: { key: 'security.said.wrong-key' } } })
    expect(swarmState(MANAGER)).toBe('locked')
    // no key kept for this swarm: the typed key is needed
    await expect(h.call('security.unlock', { clusterId, nodeId: node.id })).rejects.toMatchObject({ data: { said: { key: 'security.said.no-kept-key' } } })

    const unlocked = await h.call('security.unlock', { clusterId, nodeId: node.id, unlockKey })
    expect(unlocked.unlocked).toBe(true)
    expect(unlocked.cli).toMatch(/^ssh -t .*docker swarm unlock$/)
    await waitFor(`${MANAGER} reachable again: quorum back`, () => {
      const managers = Object.values(h.model(clusterId)?.nodes ?? {}).filter((x) => x.role === 'manager')
      return managers.length === 3 && managers.every((m) => m.manager?.reachability === 'reachable')
    }, 90_000)
    expect(swarmState(MANAGER)).toBe('active')
    expect(await h.call('security.probeManagers', { clusterId })).toEqual([])
  })

  it('rotates the unlock key, then turns autolock off', async () => {
    const rotated = await h.call('security.unlockKey', { clusterId, rotate: true })
    expect(rotated.cli).toBe('docker swarm unlock-key --rotate')
    expect(rotated.unlockKey).not.toBe(unlockKey)
    unlockKey = rotated.unlockKey
    seenKeys.push(unlockKey)
    const off = await h.call('security.setAutolock', { clusterId, enabled: false })
    expect(off).toEqual({ autolock: false, unlockKey: null, cli: 'docker swarm update --autolock=false' })
    expect(await docker(lab, 'manager1', ['info', '--format', '{{.Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers}}'])).toBe('false')
  })

  it('no unlock key is in the data dir or in anything pushed', () => {
    expect(unlockKey).toMatch(/^SWMKEY-1-/)
    const pushed = JSON.stringify(h.received)
    expect(seenKeys).toHaveLength(2)
    for (const key of seenKeys) expect(pushed).not.toContain(key)
    for (const path of filesUnder(h.dataDir)) expect(readFileSync(path, 'utf8')).not.toContain('SWMKEY-1-')
  })
})
