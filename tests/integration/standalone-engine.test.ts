import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contextDirName } from '../../src/main/connections/context-tls'
import { docker, labNode, requireLab, tempDir, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

// An engine in no swarm (the lab's `solo`): SwarmDesk says so, offers `swarm init`, shows the join
// commands, and leaves again. Also: docker contexts as the CLI stores them.
let lab: LabStatus
let harness: ReturnType<typeof startServices>

beforeAll(() => {
  lab = requireLab()
  harness = startServices()
})
afterAll(async () => {
  harness?.services.dispose()
  // Leave the lab as we found it even if a step failed half-way.
  await docker(lab, 'solo', ['swarm', 'leave', '--force']).catch(() => undefined)
})

describe('an engine that is not in a swarm', () => {
  it('opens as no-swarm, initialises a swarm, gives join commands, and leaves', async () => {
    const solo = labNode(lab, 'solo')
    const profile = await harness.call('connections.save', { name: 'solo', endpoints: [{ kind: 'socket', socketPath: solo.socket }] })
    const state = await harness.call('clusters.open', { profileId: profile.id })
    expect(state.phase).toBe('no-swarm')
    await expect(harness.call('clusters.snapshot', { clusterId: state.clusterId })).rejects.toMatchObject({ code: 'UNAVAILABLE' })
    await expect(harness.call('swarm.joinCommands', { clusterId: state.clusterId })).rejects.toMatchObject({ code: 'NOT_IN_SWARM' })

    await expect(harness.call('swarm.init', { clusterId: state.clusterId, advertiseAddr: 'not an address!' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      data: { issues: [{ path: 'advertiseAddr' }] }
    })
    const { nodeId } = await harness.call('swarm.init', { clusterId: state.clusterId, advertiseAddr: solo.address })
    expect(nodeId).toMatch(/^[a-z0-9]{25}$/)
    expect(harness.services.registry.get(state.clusterId).state.phase).toBe('ready')
    const snapshot = await harness.call('clusters.snapshot', { clusterId: state.clusterId })
    expect(snapshot.nodes.map((n) => n.hostname)).toEqual(['solo'])
    expect(snapshot.nodes[0]).toMatchObject({ role: 'manager', manager: { leader: true } })

    const commands = await harness.call('swarm.joinCommands', { clusterId: state.clusterId })
    const workerToken = await docker(lab, 'solo', ['swarm', 'join-token', '-q', 'worker'])
    const managerToken = await docker(lab, 'solo', ['swarm', 'join-token', '-q', 'manager'])
    expect(commands).toEqual({
      worker: `docker swarm join --token ${workerToken} ${solo.address}:2377`,
      manager: `docker swarm join --token ${managerToken} ${solo.address}:2377`
    })

    // Leaving as the last manager needs force, and says why.
    await expect(harness.call('swarm.leave', { clusterId: state.clusterId, force: false })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await harness.call('swarm.leave', { clusterId: state.clusterId, force: true })).toEqual({ left: true })
    expect(harness.services.registry.get(state.clusterId).state.phase).toBe('no-swarm')
    expect(await docker(lab, 'solo', ['info', '--format', '{{.Swarm.LocalNodeState}}'])).toBe('inactive')
  })

  it('refuses swarm init on an engine that is already a manager', async () => {
    const state = await harness.call('clusters.open', { profileId: (await harness.call('connections.save', { name: 'm1', endpoints: [{ kind: 'socket', socketPath: labNode(lab, 'manager1').socket }] })).id })
    await expect(harness.call('swarm.init', { clusterId: state.clusterId, advertiseAddr: '10.77.0.11' })).rejects.toMatchObject({ code: 'ALREADY_IN_SWARM' })
  })
})

describe('docker contexts', () => {
  it('opens the current docker context as the default engine, and a named context as an endpoint', async () => {
    const configDir = tempDir('sd-docker-config-')
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'lab-m2' }))
    for (const [name, node] of [['lab-m2', 'manager2'], ['lab-m3', 'manager3']] as const) {
      const dir = join(configDir, 'contexts', 'meta', contextDirName(name))
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: `unix://${labNode(lab, node).socket}`, SkipTLSVerify: false } } }))
    }
    // The real CLI agrees that this config dir holds these contexts.
    const { execFileSync } = await import('node:child_process')
    const listed = execFileSync('docker', ['context', 'ls', '--format', '{{.Name}}'], { env: { ...process.env, DOCKER_CONFIG: configDir, DOCKER_HOST: '' }, encoding: 'utf8' })
    expect(listed.split('\n').filter(Boolean).sort()).toEqual(['default', 'lab-m2', 'lab-m3'])

    const h = startServices({ env: { DOCKER_CONFIG: configDir } })
    try {
      const discovery = await h.call('connections.discover', {})
      expect(discovery.defaultEngine).toEqual({ source: 'context', dockerHost: `unix://${labNode(lab, 'manager2').socket}`, contextName: 'lab-m2' })
      expect(discovery.contexts.map((c) => [c.name, c.current])).toEqual([['default', false], ['lab-m2', true], ['lab-m3', false]])
      const byDefault = await h.call('clusters.open', { profileId: 'default' })
      expect(byDefault).toMatchObject({ phase: 'ready', endpoint: `unix://${labNode(lab, 'manager2').socket}` })
      const profile = await h.call('connections.save', { name: 'ctx', endpoints: [{ kind: 'context', contextName: 'lab-m3' }] })
      const byContext = await h.call('clusters.open', { profileId: profile.id })
      expect(byContext).toMatchObject({ phase: 'ready', endpoint: `unix://${labNode(lab, 'manager3').socket}` })
      await waitFor('both mirrors loaded', () => h.model(byDefault.clusterId) && h.model(byContext.clusterId))
      expect(h.model(byDefault.clusterId)?.swarm.swarmId).toBe(h.model(byContext.clusterId)?.swarm.swarmId)
      const missing = await h.call('connections.save', { name: 'gone', endpoints: [{ kind: 'context', contextName: 'nope' }] })
      await expect(h.call('clusters.open', { profileId: missing.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('nope') })
    } finally {
      h.services.dispose()
    }
  })
})
