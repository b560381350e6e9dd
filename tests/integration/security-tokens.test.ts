import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

// Join tokens and swarm settings on the real lab. Run under the lab's exclusive lock: the `solo`
// engine joins the swarm for a moment (other tests use it), and a swarm setting changes and is
// put back. Nothing secret may end up in the data dir or in what was pushed.
const run = promisify(execFile)
let lab: LabStatus
let h: ReturnType<typeof startServices>
let clusterId: string
const seenTokens: string[] = []

beforeAll(async () => {
  lab = requireLab()
  h = startServices()
  const profile = await h.call('connections.save', { name: 'manager1 socket', endpoints: [{ kind: 'socket', socketPath: labNode(lab, 'manager1').socket }] })
  clusterId = (await h.call('clusters.open', { profileId: profile.id })).clusterId
})

afterAll(async () => {
  h?.services.dispose()
  // solo back out of any swarm, and its entry gone from the lab's node list
  const soloId = await docker(lab, 'solo', ['info', '--format', '{{.Swarm.NodeID}}']).catch(() => '')
  await docker(lab, 'solo', ['swarm', 'leave', '--force']).catch(() => undefined)
  if (soloId) await docker(lab, 'manager1', ['node', 'rm', '--force', soloId]).catch(() => undefined)
})

/** `docker swarm join` on solo with this token; the CLI's own answer. */
async function soloJoins(token: string): Promise<{ ok: boolean; output: string }> {
  const solo = labNode(lab, 'solo')
  try {
    const { stdout, stderr } = await run('docker', ['-H', `unix://${solo.socket}`, 'swarm', 'join', '--token', token, `${labNode(lab, 'manager1').address}:2377`], { timeout: 90_000 })
    return { ok: true, output: stdout + stderr }
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) }
  }
}

function tokenOf(line: string): string {
  return line.split(' ')[4]
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('join tokens', () => {
  it('shows them masked, reveals the whole join line on request, and refuses nothing to a manager', async () => {
    const facts = await h.call('security.facts', { clusterId })
    const { command, cli } = await h.call('security.revealJoin', { clusterId, role: 'worker' })
    seenTokens.push(tokenOf(command))
    expect(command).toBe(`docker swarm join --token ${await docker(lab, 'manager1', ['swarm', 'join-token', '-q', 'worker'])} 10.77.0.11:2377`)
    expect(cli).toBe('docker swarm join-token worker')
    expect(facts.maskedJoin.worker).toMatch(/^docker swarm join --token SWMTKN-1-[a-z0-9]+-•+ 10\.77\.0\.11:2377$/)
    expect(JSON.stringify(facts)).not.toContain(tokenOf(command))
    expect(facts.rootCa?.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    expect(facts.keychain.refusal).toBe('no-safe-storage')
  })

  it('rotates the worker token: solo cannot join with the old one and can with the new one, then leaves', async () => {
    const before = tokenOf((await h.call('security.revealJoin', { clusterId, role: 'worker' })).command)
    const managerBefore = tokenOf((await h.call('security.revealJoin', { clusterId, role: 'manager' })).command)
    const rotated = await h.call('security.rotateJoinToken', { clusterId, role: 'worker' })
    expect(rotated.cli).toBe('docker swarm join-token --rotate worker')
    const after = tokenOf((await h.call('security.revealJoin', { clusterId, role: 'worker' })).command)
    seenTokens.push(before, after, managerBefore)
    expect(after).not.toBe(before)
    expect(rotated.maskedJoin).not.toContain(after.slice(-25))
    // the manager token is untouched
    expect(tokenOf((await h.call('security.revealJoin', { clusterId, role: 'manager' })).command)).toBe(managerBefore)

    const refused = await soloJoins(before)
    expect(refused.ok).toBe(false)
    expect(refused.output).toMatch(/token/i)
    expect(await docker(lab, 'solo', ['info', '--format', '{{.Swarm.LocalNodeState}}'])).toBe('inactive')

    const joined = await soloJoins(after)
    expect(joined.ok, joined.output).toBe(true)
    expect(await docker(lab, 'solo', ['info', '--format', '{{.Swarm.LocalNodeState}}'])).toBe('active')
    const soloId = await docker(lab, 'solo', ['info', '--format', '{{.Swarm.NodeID}}'])
    await docker(lab, 'solo', ['swarm', 'leave', '--force'])
    await docker(lab, 'manager1', ['node', 'rm', '--force', soloId])
    expect(await docker(lab, 'solo', ['info', '--format', '{{.Swarm.LocalNodeState}}'])).toBe('inactive')
  })
})

describe('swarm settings', () => {
  it('changes the task history limit version-guarded, says the CLI line, and puts it back', async () => {
    const was = (await h.call('security.facts', { clusterId })).settings.taskHistoryLimit ?? 5
    try {
      const changed = await h.call('security.updateSettings', { clusterId, settings: { taskHistoryLimit: was + 1 } })
      expect(changed).toEqual({ changed: true, cli: `docker swarm update --task-history-limit ${was + 1}` })
      expect(await docker(lab, 'manager1', ['info', '--format', '{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}}'])).toBe(String(was + 1))
      expect((await h.call('security.updateSettings', { clusterId, settings: { taskHistoryLimit: was + 1 } })).changed).toBe(false)
    } finally {
      await h.call('security.updateSettings', { clusterId, settings: { taskHistoryLimit: was } })
    }
  })

  it('refuses what the engine would refuse before sending it: a certificate lifetime under an hour', async () => {
    await expect(h.call('security.updateSettings', { clusterId, settings: { certExpirySeconds: 60 } })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })
})

describe('secrets stay out of files and events', () => {
  it('no token seen in this run is in the data dir or in anything pushed', () => {
    const pushed = JSON.stringify(h.received)
    const files = filesUnder(h.dataDir).map((path) => readFileSync(path, 'utf8'))
    for (const token of seenTokens) {
      expect(pushed).not.toContain(token)
      for (const text of files) expect(text).not.toContain(token)
    }
    expect(seenTokens.length).toBeGreaterThan(2)
  })
})
