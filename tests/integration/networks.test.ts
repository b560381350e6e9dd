import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { volumesAcrossCluster } from '../../src/shared/network-usage'
import type { NetworkDraft } from '../../src/shared/networks'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'
import type { AppError } from '../../src/shared/errors'
import { phrase } from '../../src/shared/phrase'
import { english } from '../../src/main/i18n/english'

// Overlay networks and volumes through SwarmDesk on the real lab swarm, checked with the docker CLI.
let lab: LabStatus
let harness: ReturnType<typeof startServices>
let clusterId: string
const netName = uniqueName('h5net')
const serviceName = uniqueName('h5svc')
const volumeName = uniqueName('h5vol')
// 10.200.0.0/16 is this suite's range; a random /24 so that a rerun never meets a leftover.
const third = 1 + Math.floor(Math.random() * 250)
const subnet = `10.200.${third}.0/24`
const gateway = `10.200.${third}.1`

const draft = (extra: Partial<NetworkDraft> = {}): NetworkDraft => ({
  name: netName,
  attachable: true,
  internal: false,
  encrypted: false,
  subnet,
  gateway,
  labels: [{ key: 'h5.owner', value: 'networks test' }],
  ...extra
})

async function cliNetworks(): Promise<string[]> {
  return (await docker(lab, 'manager1', ['network', 'ls', '--filter', 'driver=overlay', '--format', '{{.Name}}'])).split('\n').filter(Boolean)
}
const modelNetwork = () => Object.values(harness.model(clusterId)?.networks ?? {}).find((n) => n.name === netName)
const modelService = () => Object.values(harness.model(clusterId)?.services ?? {}).find((s) => s.name === serviceName)

beforeAll(async () => {
  lab = requireLab()
  harness = startServices({ env: { DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}` } })
  clusterId = (await harness.call('clusters.open', { profileId: 'default' })).clusterId
  await waitFor('the mirror model', () => harness.model(clusterId))
})

afterAll(async () => {
  await docker(lab, 'manager1', ['service', 'rm', serviceName]).catch(() => undefined)
  // The service's task must be gone before its network and volume can go.
  await waitFor('the task to stop', async () => !(await docker(lab, 'manager1', ['ps', '-a', '--filter', `name=${serviceName}`, '--format', '{{.ID}}'])), 60_000).catch(() => undefined)
  await docker(lab, 'manager1', ['network', 'rm', netName]).catch(() => undefined)
  await docker(lab, 'manager1', ['volume', 'rm', volumeName]).catch(() => undefined)
  harness?.services.dispose()
})

describe('overlay networks', () => {
  it('refuses a bad subnet with a specific problem, and creates nothing', async () => {
    const bad = draft({ subnet: `10.200.${third}.7/24`, gateway: '' })
    const plan = await harness.call('networks.plan', { clusterId, draft: bad })
    expect(plan.ok).toBe(false)
    expect(plan.problems).toEqual([{ field: 'subnet', code: 'subnet-host-bits', severity: 'error', params: { subnet: `10.200.${third}.7/24`, fixed: subnet } }])
    await expect(harness.call('networks.create', { clusterId, draft: bad })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const outside = draft({ gateway: `10.200.${(third % 250) + 1}.1` })
    await expect(harness.call('networks.create', { clusterId, draft: outside })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/gateway-outside-subnet/) })
    expect(await cliNetworks()).not.toContain(netName)
  })

  it('creates an attachable overlay with a subnet, gateway and label; the mirror shows it', async () => {
    const plan = await harness.call('networks.plan', { clusterId, draft: draft() })
    expect(plan).toEqual({
      ok: true,
      problems: [],
      cli: `docker network create --driver overlay --attachable --label 'h5.owner=networks test' --subnet ${subnet} --gateway ${gateway} ${netName}`
    })
    const { network, cli } = await harness.call('networks.create', { clusterId, draft: draft() })
    expect(cli).toBe(plan.cli)
    expect(network).toMatchObject({ name: netName, driver: 'overlay', scope: 'swarm', attachable: true, internal: false, subnets: [subnet], labels: { 'h5.owner': 'networks test' } })

    const inspected = JSON.parse(await docker(lab, 'manager1', ['network', 'inspect', netName, '--format', '{{json .}}'])) as {
      Driver: string
      Scope: string
      Attachable: boolean
      IPAM: { Config: { Subnet: string; Gateway: string }[] }
    }
    expect(inspected).toMatchObject({ Driver: 'overlay', Scope: 'swarm', Attachable: true })
    expect(inspected.IPAM.Config).toEqual([{ Subnet: subnet, Gateway: gateway }])

    const mirrored = await waitFor('the network in the mirror', modelNetwork, 30_000)
    expect(mirrored).toMatchObject({ id: network.id, subnets: [subnet], ipam: [{ subnet, gateway, ipRange: '' }], attachable: true })
    // The same name again is caught by the plan, before the engine is asked.
    const again = await harness.call('networks.plan', { clusterId, draft: draft({ subnet: '', gateway: '' }) })
    expect(again.problems.map((p) => p.code)).toEqual(['name-taken'])
    const overlapping = await harness.call('networks.plan', { clusterId, draft: draft({ name: `${netName}x`, subnet: `10.200.${third}.128/25`, gateway: '' }) })
    expect(overlapping.problems).toEqual([{ field: 'subnet', code: 'subnet-overlap', severity: 'error', params: { subnet: `10.200.${third}.128/25`, network: netName, other: subnet } }])
  })

  it('refuses to remove the network while a service uses it, naming the service', async () => {
    const manager1 = labNode(lab, 'manager1').hostname
    await docker(lab, 'manager1', [
      'service', 'create', '--detach', '--quiet', '--name', serviceName, '--network', netName,
      '--mount', `type=volume,source=${volumeName},target=/data`, '--constraint', `node.hostname==${manager1}`, lab.images.sleeper
    ])
    const service = await waitFor('the service attached in the mirror', () => {
      const s = modelService()
      return s?.networks?.some((n) => n.target === modelNetwork()?.id) ? s : null
    }, 30_000)
    expect(service.mounts).toEqual([{ type: 'volume', source: volumeName, target: '/data', readOnly: false, volumeDriver: 'local' }])

    const network = modelNetwork()!
    const plan = await harness.call('networks.planRemove', { clusterId, networkId: network.id })
    expect(plan).toEqual({ network: { id: network.id, name: netName }, services: [{ id: service.id, name: serviceName }], blocked: 'in-use', cli: `docker network rm ${netName}` })
    await expect(harness.call('networks.remove', { clusterId, networkId: network.id })).rejects.toMatchObject({ code: 'IN_USE', message: expect.stringContaining(serviceName) })
    // the same refusal as a phrase, for the app to word in the user's language
    const inUse = await harness.call('networks.remove', { clusterId, networkId: network.id }).then(() => null, (error: unknown) => error as AppError)
    expect(inUse?.data.said).toEqual(phrase('networks.said.in-use', { network: netName, services: serviceName }))
    expect(english(inUse!.data.said!)).toBe(inUse!.message)
    expect(await cliNetworks()).toContain(netName)
  })

  it('places the named volume on the node where the task runs, and lists the connected engine\'s volumes', async () => {
    const manager1 = labNode(lab, 'manager1').hostname
    const volumes = await waitFor('the task running on manager1 in the mirror', () => {
      const model = harness.model(clusterId)
      if (!model) return null
      const derived = volumesAcrossCluster(Object.values(model.services), Object.values(model.tasks), Object.values(model.nodes)).find((v) => v.name === volumeName)
      return derived?.nodes.length ? derived : null
    }, 60_000)
    // Where the docker CLI says the task runs.
    const cliNode = await docker(lab, 'manager1', ['service', 'ps', serviceName, '--filter', 'desired-state=running', '--format', '{{.Node}}'])
    expect(cliNode).toBe(manager1)
    expect(volumes).toMatchObject({ name: volumeName, driver: 'local', services: [serviceName], nodes: [{ hostname: manager1, services: [serviceName] }], perNodeCopies: false })

    // The engine creates the volume when the task starts: then manager1's `docker volume ls` has it.
    await waitFor('the volume on manager1', async () => (await docker(lab, 'manager1', ['volume', 'ls', '--format', '{{.Name}}'])).split('\n').includes(volumeName), 60_000)
    const listed = await harness.call('networks.volumes', { clusterId })
    expect(listed.node.hostname).toBe(manager1)
    expect(listed.cli).toBe('docker volume ls')
    const cliVolumes = (await docker(lab, 'manager1', ['volume', 'ls', '--format', '{{.Name}}'])).split('\n').filter(Boolean).sort()
    const ours = listed.volumes.map((v) => v.name)
    expect(ours).toContain(volumeName)
    // Same set as the CLI, give or take volumes other suites add or remove meanwhile.
    expect(ours.filter((name) => name.startsWith('h5')).sort()).toEqual(cliVolumes.filter((name) => name.startsWith('h5')))
    expect(listed.volumes.find((v) => v.name === volumeName)).toMatchObject({ driver: 'local', scope: 'local' })
  })

  it('removes the network once no service uses it', async () => {
    await docker(lab, 'manager1', ['service', 'rm', serviceName])
    await waitFor('the service gone from the mirror', () => !modelService(), 30_000)
    const network = modelNetwork()!
    const plan = await harness.call('networks.planRemove', { clusterId, networkId: network.id })
    expect(plan).toMatchObject({ services: [], blocked: null })
    // The engine may still be tearing the task's endpoint down for a moment after the service goes.
    const removed = await waitFor('the network removal', async () => {
      try {
        return await harness.call('networks.remove', { clusterId, networkId: network.id })
      } catch (error) {
        if (/in use|active endpoints/i.test(String((error as Error).message))) return null
        throw error
      }
    }, 60_000)
    expect(removed).toEqual({ removed: netName, cli: `docker network rm ${netName}` })
    // The manager's own list drops a removed swarm network a moment later.
    await waitFor('the network gone from docker network ls', async () => !(await cliNetworks()).includes(netName), 30_000)
    await waitFor('the network gone from the mirror', () => !modelNetwork(), 30_000)
    await expect(harness.call('networks.planRemove', { clusterId, networkId: network.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
