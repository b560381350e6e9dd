import { X509Certificate } from 'node:crypto'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caRotationProgress } from '../../src/shared/ca-rotation'
import { docker, labCommand, labNode, requireLab, tempDir, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

// Root CA rotations on the 5-node lab: a swarm-made root with a worker down, the user's own root,
// then a swarm-made root again (the lab never keeps a root whose key is in the repository). Long
// (each rotation renews every node's certificate) and disruptive (a worker is stopped): run last,
// under the lab's exclusive lock. afterAll starts the worker again and waits for 5 Ready nodes.
const WORKER = 'worker2'
const run = promisify(execFile)
const BIN = resolve(__dirname, '..', '..', 'bin', 'swarmdesk.js')
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'security', name), 'utf8')
let lab: LabStatus
let h: ReturnType<typeof startServices>
let clusterId: string

beforeAll(async () => {
  lab = requireLab()
  if (!existsSync(resolve(__dirname, '..', '..', 'out', 'main', 'cli.js'))) throw new Error('run `npm run build` first: the last rotation runs the built bin')
  h = startServices({ securityPollMs: 300 })
  const profile = await h.call('connections.save', { name: 'manager1 socket', endpoints: [{ kind: 'socket', socketPath: labNode(lab, 'manager1').socket }] })
  clusterId = (await h.call('clusters.open', { profileId: profile.id })).clusterId
})

afterAll(async () => {
  h?.services.dispose()
  await labCommand(['start-node', WORKER])
}, 300_000)

function model() {
  const m = h.model(clusterId)
  if (!m || !m.swarm) throw new Error('no model')
  return { swarm: m.swarm, nodes: Object.values(m.nodes) }
}

function issuers(): Record<string, string | undefined> {
  return Object.fromEntries(model().nodes.map((n) => [n.hostname, n.certIssuer]))
}

/** Over: the swarm's desired issuer is no longer the one before (the mirror saw the rotation) and every node is done. */
async function rotationDone(what: string, issuerBefore: string | undefined, timeoutMs = 240_000) {
  return waitFor(what, () => {
    const { swarm, nodes } = model()
    const progress = caRotationProgress(swarm, nodes)
    return swarm.certIssuer !== issuerBefore && progress.done && nodes.length === 5 ? progress : null
  }, timeoutMs)
}

describe('root CA rotation', () => {
  it('refuses a given CA whose key is not its own, or that is no CA, and changes nothing', async () => {
    const version = (await h.call('security.facts', { clusterId })).version
    const mismatch = await h.call('security.planCaRotation', { clusterId, ca: { cert: fixture('ca.pem'), key: fixture('other-key.pem') } })
    expect(mismatch.refusal).toMatchObject({ code: 'INVALID_CA', said: { key: 'security.said.ca-key-mismatch' } })
    expect(mismatch.cli).toBe('docker swarm ca --rotate --ca-cert ca.pem --ca-key ca-key.pem')
    await expect(h.call('security.rotateCa', { clusterId, ca: { cert: fixture('leaf.pem'), key: fixture('leaf-key.pem') } })).rejects.toMatchObject({
      code: 'INVALID_CA',
      data: { said: { key: 'security.said.ca-not-a-ca' } }
    })
    expect((await h.call('security.facts', { clusterId })).version).toBe(version)
  })

  it(`with ${WORKER} down: warned, refused unconfirmed, shows it pending, refuses a second rotation, completes once it is back`, async () => {
    const before = issuers()
    const issuerBefore = model().swarm.certIssuer
    const factsBefore = await h.call('security.facts', { clusterId })
    const rootBefore = factsBefore.rootCa?.fingerprint
    await labCommand(['stop-node', WORKER])
    await waitFor(`${WORKER} down in the mirror`, () => model().nodes.find((n) => n.hostname === WORKER)?.state === 'down', 90_000)

    const plan = await h.call('security.planCaRotation', { clusterId, certExpirySeconds: 30 * 86_400 })
    expect(plan.refusal).toBeNull()
    expect(plan.warnings.map((w) => [w.hostname, w.said.key])).toEqual([[WORKER, 'security.said.node-down-during-rotation']])
    expect(plan.cli).toBe('docker swarm ca --rotate --cert-expiry 720h')
    await expect(h.call('security.rotateCa', { clusterId, certExpirySeconds: 30 * 86_400 })).rejects.toMatchObject({ code: 'CONFLICT', data: { said: { key: 'security.said.confirm-nodes-down' } } })

    const started = Date.now()
    await h.call('security.rotateCa', { clusterId, certExpirySeconds: 30 * 86_400, confirmedWarnings: true })
    const held = await waitFor(`the other nodes renewed, ${WORKER} pending`, () => {
      const { swarm, nodes } = model()
      const progress = caRotationProgress(swarm, nodes)
      return progress.inProgress && progress.certsRotated === 4 && progress.pending.length === 1 ? progress : null
    }, 180_000)
    expect(held.pending).toEqual([expect.objectContaining({ hostname: WORKER, down: true })])
    // a second rotation while this one runs is refused, and changes nothing
    await expect(h.call('security.rotateCa', { clusterId, confirmedWarnings: true })).rejects.toMatchObject({ code: 'CA_ROTATION_IN_PROGRESS' })
    expect((await h.call('security.planCaRotation', { clusterId })).refusal).toMatchObject({ code: 'CA_ROTATION_IN_PROGRESS' })
    expect(await docker(lab, 'manager1', ['info', '--format', '{{.Swarm.Cluster.RootRotationInProgress}}'])).toBe('true')

    await labCommand(['start-node', WORKER])
    await rotationDone(`the rotation to finish once ${WORKER} is back`, issuerBefore)
    console.log(`CA rotation with ${WORKER} down then started: ${((Date.now() - started) / 1000).toFixed(1)} s`)
    const after = issuers()
    for (const [host, issuer] of Object.entries(after)) expect(issuer, host).not.toBe(before[host])
    const facts = await h.call('security.facts', { clusterId })
    expect(facts.rootCa?.fingerprint).not.toBe(rootBefore)
    expect(facts.settings.certExpirySeconds).toBe(30 * 86_400)
    // put the lab's certificate lifetime back
    await h.call('security.updateSettings', { clusterId, settings: { certExpirySeconds: factsBefore.settings.certExpirySeconds ?? 90 * 86_400 } })
  })

  it('to a root of the user\u2019s own: completes on the 5 nodes, every issuer changes, the fingerprint is the given CA\u2019s', async () => {
    const before = issuers()
    const issuerBefore = model().swarm.certIssuer
    expect(Object.values(before).every(Boolean)).toBe(true)
    const started = Date.now()
    const { cli } = await h.call('security.rotateCa', { clusterId, ca: { cert: fixture('ca.pem'), key: fixture('ca-key.pem') } })
    expect(cli).toBe('docker swarm ca --rotate --ca-cert ca.pem --ca-key ca-key.pem')
    await rotationDone('the rotation to the given CA to finish', issuerBefore)
    console.log(`CA rotation to a given root on 5 nodes: ${((Date.now() - started) / 1000).toFixed(1)} s`)
    const after = issuers()
    for (const [host, issuer] of Object.entries(after)) expect(issuer, host).not.toBe(before[host])
    const facts = await h.call('security.facts', { clusterId })
    expect(facts.rootCa?.fingerprint).toBe(new X509Certificate(fixture('ca.pem')).fingerprint256)
    expect(facts.rotationInProgress).toBe(false)
  })

  it('back to a root the swarm makes with `swarmdesk swarm ca rotate --wait`, so the lab never keeps a root whose key is in the repository', async () => {
    const issuerBefore = model().swarm.certIssuer
    const started = Date.now()
    const env = { PATH: process.env.PATH ?? '', HOME: tempDir('sd-cli-home-'), SWARMDESK_DATA_DIR: tempDir('sd-cli-data-') }
    const { stdout, stderr } = await run(process.execPath, [BIN, '-H', `unix://${labNode(lab, 'manager1').socket}`, 'swarm', 'ca', 'rotate', '--wait'], { env, timeout: 300_000 })
    console.log(`swarmdesk swarm ca rotate --wait on 5 nodes: ${((Date.now() - started) / 1000).toFixed(1)} s`)
    expect(stderr.split('\n')[0]).toBe('docker swarm ca --rotate')
    expect(stderr).toMatch(/certificates \d\/5 nodes, trust roots \d\/5 nodes/)
    expect(stdout).toMatch(/^Root CA rotation finished: every node has a certificate from the new root \(SHA256 [0-9A-F:]+\)\.\n$/)
    await rotationDone('the mirror to see the rotation over', issuerBefore)
    const facts = await h.call('security.facts', { clusterId })
    expect(facts.rootCa?.fingerprint).not.toBe(new X509Certificate(fixture('ca.pem')).fingerprint256)
    expect(facts.rootCa?.subject).toBe('CN=swarm-ca')
  })
})
