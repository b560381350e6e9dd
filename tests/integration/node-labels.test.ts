import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

const run = promisify(execFile)

// Node labels and availability through SwarmDesk against the real swarm, racing the docker CLI.
let lab: LabStatus
let harness: ReturnType<typeof startServices>
let clusterId: string
let worker2Id: string
const RACE_EDITS = 50 // per side: 100 alternating edits in all

beforeAll(async () => {
  lab = requireLab()
  harness = startServices({ env: { DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}` } })
  clusterId = (await harness.call('clusters.open', { profileId: 'default' })).clusterId
  worker2Id = await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.ID}}', 'worker2'])
})

async function cleanLabels(): Promise<void> {
  const labels = JSON.parse(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{json .Spec.Labels}}', 'worker2'])) as Record<string, string> | null
  const race = Object.keys(labels ?? {}).filter((k) => k.startsWith('race.') || k.startsWith('it.'))
  if (race.length) await docker(lab, 'manager1', ['node', 'update', ...race.flatMap((k) => ['--label-rm', k]), 'worker2'])
}

afterAll(async () => {
  await cleanLabels().catch(() => undefined)
  await docker(lab, 'manager1', ['node', 'update', '--availability', 'active', 'worker2']).catch(() => undefined)
  harness?.services.dispose()
})

describe('node labels', () => {
  it('loses no label when SwarmDesk and the docker CLI edit the same node at the same time', async () => {
    await cleanLabels()
    let retried = 0
    const fromSwarmDesk = (async () => {
      for (let i = 0; i < RACE_EDITS; i++) {
        const { results } = await harness.call('nodes.updateLabels', { clusterId, nodeIds: [worker2Id], add: { [`race.sd${i}`]: String(i) }, remove: [] })
        expect(results[0]).toMatchObject({ ok: true, changed: true })
        if (results[0].attempts > 1) retried++
      }
    })()
    const fromCli = (async () => {
      let cliConflicts = 0
      for (let i = 0; i < RACE_EDITS; i++) {
        // The CLI does not retry on a version conflict; a user would run the command again.
        for (;;) {
          try {
            await run('docker', ['-H', `unix://${labNode(lab, 'manager1').socket}`, 'node', 'update', '--label-add', `race.cli${i}=${i}`, 'worker2'])
            break
          } catch (error) {
            if (!/out of sequence/.test(String((error as { stderr?: string }).stderr))) throw error
            cliConflicts++
          }
        }
      }
      return cliConflicts
    })()
    const [, cliConflicts] = await Promise.all([fromSwarmDesk, fromCli])
    console.log(`[race] SwarmDesk re-read and re-applied ${retried} of ${RACE_EDITS} edits; the CLI hit ${cliConflicts} conflicts`)
    const labels = JSON.parse(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{json .Spec.Labels}}', 'worker2'])) as Record<string, string>
    for (let i = 0; i < RACE_EDITS; i++) {
      expect(labels[`race.sd${i}`]).toBe(String(i))
      expect(labels[`race.cli${i}`]).toBe(String(i))
    }
    // The mirror converges on the same labels.
    await waitFor('mirror has every race label', () => Object.keys(harness.model(clusterId)?.nodes[worker2Id]?.labels ?? {}).filter((k) => k.startsWith('race.')).length === 2 * RACE_EDITS)
  })

  it('adds and removes labels on several nodes at once, with the CLI equivalent per node', async () => {
    const ids = await Promise.all(['worker1', 'worker2'].map((n) => docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.ID}}', n])))
    const { results } = await harness.call('nodes.updateLabels', { clusterId, nodeIds: ids, add: { 'it.tier': 'web' }, remove: [] })
    expect(results.map((r) => [r.hostname, r.ok, r.cli])).toEqual([
      ['worker1', true, 'docker node update --label-add it.tier=web worker1'],
      ['worker2', true, 'docker node update --label-add it.tier=web worker2']
    ])
    const again = await harness.call('nodes.updateLabels', { clusterId, nodeIds: ids, add: { 'it.tier': 'web' }, remove: [] })
    expect(again.results.every((r) => r.ok && !r.changed)).toBe(true)
    await harness.call('nodes.updateLabels', { clusterId, nodeIds: ids, add: {}, remove: ['it.tier'] })
    for (const name of ['worker1', 'worker2']) {
      expect(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{index .Spec.Labels "it.tier"}}', name])).toBe('')
    }
  })

  it('refuses invalid keys and unknown nodes before writing anything', async () => {
    const before = await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.Version.Index}}', 'worker1'])
    const worker1 = await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.ID}}', 'worker1'])
    await expect(harness.call('nodes.updateLabels', { clusterId, nodeIds: [worker1], add: { 'bad key': 'x', good: 'y' }, remove: [] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      data: { issues: [{ path: 'add.bad key', message: 'label key "bad key" contains whitespace; constraints could not name it' }] }
    })
    await expect(harness.call('nodes.updateLabels', { clusterId, nodeIds: [worker1, 'nonexistent0000000000000'], add: { good: 'y' }, remove: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.Version.Index}}', 'worker1'])).toBe(before)
  })
})

describe('availability and role', () => {
  it('drains and re-activates a worker, showing the CLI equivalent', async () => {
    const check = await harness.call('nodes.checkChange', { clusterId, nodeId: worker2Id, change: { availability: 'drain' } })
    expect(check).toEqual({ refusal: null, warnings: [], cli: 'docker node update --availability drain worker2' })
    const drained = await harness.call('nodes.applyChange', { clusterId, nodeId: worker2Id, change: { availability: 'drain' } })
    expect(drained.node.availability).toBe('drain')
    expect(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.Spec.Availability}}', 'worker2'])).toBe('drain')
    await harness.call('nodes.applyChange', { clusterId, nodeId: worker2Id, change: { availability: 'active' } })
    expect(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.Spec.Availability}}', 'worker2'])).toBe('active')
  })

  it('asks for confirmation before a demotion that leaves an even number of managers, and changes nothing without it', async () => {
    const manager3 = await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.ID}}', 'manager3'])
    const check = await harness.call('nodes.checkChange', { clusterId, nodeId: manager3, change: { role: 'worker' } })
    expect(check.warnings).toContainEqual({ code: 'even-managers', managers: 2, fewer: 1 })
    expect(check.cli).toBe('docker node demote manager3')
    await expect(harness.call('nodes.applyChange', { clusterId, nodeId: manager3, change: { role: 'worker' } })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/confirmation needed/) })
    expect(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.Spec.Role}}', 'manager3'])).toBe('manager')
  })
})
