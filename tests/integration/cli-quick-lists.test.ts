import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiCallCounter } from '../../src/main/docker/call-counter'
import { EngineReads } from '../../src/main/docker/engine-reads'
import { runCommand } from '../../src/main/cli/full-cli'
import { quickList, quickListText } from '../../src/main/cli/quick-lists'
import { cliRunner, requireBuiltCli } from '../support/cli'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { objectNames, removeQuietly, SLEEPER_IMAGE, WEB_IMAGE } from '../support/rotation-lab'

// The one-shot lists (`service ls`, `node ls`, `secret ls`, `config ls`, `stack ls`) answer from a
// few light reads instead of a whole-cluster snapshot: the same bytes as the full command, with
// only the Engine calls the list needs, and nothing of the engine link left open afterwards.
let lab: LabStatus
let host: string
let dataDir: string
const base = uniqueName('cq')
const stack = base.replace(/-/g, '')

const swarmdesk = cliRunner({ host: () => host, dataDir: () => dataDir })

function capture(): { io: { out(text: string): void; err(text: string): void }; out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return { io: { out: (text) => (out += text), err: (text) => (err += text) }, out: () => out, err: () => err }
}

beforeAll(async () => {
  requireBuiltCli()
  lab = requireLab()
  host = `unix://${labNode(lab, 'manager1').socket}`
  dataDir = tempDir('sd-cq-data-')
  // the full command reads its data dir (deployed stack records, the HMAC key) from the environment
  process.env.SWARMDESK_DATA_DIR = dataDir
  // a secret SwarmDesk labelled (HMAC), a config, a service using both and publishing a port, a stack SwarmDesk deployed
  expect((await swarmdesk(['secret', 'create', `${base}-tok`, '--stdin'], { stdin: 'value\n' })).code).toBe(0)
  await docker(lab, 'manager1', ['config', 'create', `${base}-conf`, '/etc/hostname'])
  await docker(lab, 'manager1', ['service', 'create', '-d', '--name', `${base}-web`, '--secret', `source=${base}-tok,target=tok,mode=0400`, '--config', `source=${base}-conf,target=/etc/c`, '--replicas', '2', WEB_IMAGE])
  const file = join(tempDir('sd-cq-stack-'), 'stack.yml')
  writeFileSync(file, `version: "3.8"\nservices:\n  app:\n    image: ${SLEEPER_IMAGE}\n`)
  expect((await swarmdesk(['stack', 'deploy', '--resolve-image', 'never', '-c', file, stack])).code).toBe(0)
}, 120_000)

afterAll(async () => {
  if (!lab) return
  await removeQuietly(lab, ['stack', 'rm', stack])
  await removeQuietly(lab, ['service', 'rm', `${base}-web`])
  await waitFor('services removed', async () => (await docker(lab, 'manager1', ['service', 'ls', '--filter', `name=${base}-web`, '-q'])) === '', 60_000).catch(() => undefined)
  for (const name of await objectNames(lab, 'secret', base)) await removeQuietly(lab, ['secret', 'rm', name])
  for (const name of await objectNames(lab, 'config', base)) await removeQuietly(lab, ['config', 'rm', name])
}, 120_000)

describe('swarmdesk quick lists', () => {
  it.each([
    ['service', { listServices: 1 }],
    ['node', { info: 1, listNodes: 1 }],
    ['secret', { listSecrets: 1, listServices: 1 }],
    ['config', { listConfigs: 1, listServices: 1 }],
    ['stack', { info: 1, listConfigs: 1, listNetworks: 1, listSecrets: 1, listServices: 1 }]
  ])('%s ls prints what the full command prints, text and --json, asking only %j', async (group, calls) => {
    for (const json of [false, true]) {
      const flags = json ? ['--json'] : []
      const counter = new ApiCallCounter()
      const quick = capture()
      const code = await quickList([group, 'ls'], { host, json }, quick.io, { env: {}, dataDir, counter })
      expect(code, quick.err()).toBe(0)
      expect(counter.byName()).toEqual(calls)
      const full = capture()
      expect(await runCommand(['-H', host, ...flags, group, 'ls'], full.io)).toBe(0)
      expect(quick.out()).toBe(full.out())
      expect(quick.err()).toBe('')
    }
  }, 60_000)

  it('shows what was made: the service with its replicas and port, the labelled secret with its consumer, the stack with its last deploy', async () => {
    const services = capture()
    await quickList(['service', 'ls'], { host }, services.io, { env: {}, dataDir })
    expect(services.out()).toMatch(new RegExp(`${base}-web\\s+replicated\\s+\\d/2\\s+${WEB_IMAGE.replace(/[.]/g, '\\.')}`))
    const secrets = capture()
    await quickList(['secret', 'ls'], { host, json: true }, secrets.io, { env: {}, dataDir })
    const row = (JSON.parse(secrets.out()) as { name: string; identityCheckable: boolean; consumers: { serviceName: string; mode: number }[] }[]).find((s) => s.name === `${base}-tok`)
    expect(row).toMatchObject({ identityCheckable: true, consumers: [{ serviceName: `${base}-web`, mode: 0o400 }] })
    const stacks = capture()
    await quickList(['stack', 'ls'], { host, json: true }, stacks.io, { env: {}, dataDir })
    expect((JSON.parse(stacks.out()) as { name: string; deployedAt: string | null }[]).find((s) => s.name === stack)?.deployedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
  }, 60_000)

  it('leaves an engine it cannot answer for to the full command: no swarm, a worker, a missing socket', async () => {
    for (const where of [`unix://${labNode(lab, 'solo').socket}`, `unix://${labNode(lab, 'worker1').socket}`, 'unix:///nonexistent/docker.sock']) {
      for (const group of ['service', 'node', 'secret', 'stack']) {
        const quick = capture()
        expect(await quickList([group, 'ls'], { host: where }, quick.io, { env: {}, dataDir }), `${group} ls on ${where}`).toBeNull()
        expect(quick.out() + quick.err()).toBe('')
      }
    }
  }, 60_000)

  it('closes its engine link: no socket stays open after the list', async () => {
    const reads = new EngineReads({ kind: 'socket', socketPath: labNode(lab, 'manager1').socket })
    expect(await quickListText(reads, 'node', false, dataDir)).toMatch(/^ID\s+HOSTNAME/)
    // kept alive for the next call until the command ends...
    expect(reads.openSockets).toBeGreaterThan(0)
    reads.close()
    // ...and none left after it: nothing holds the process once the output is written
    expect(reads.openSockets).toBe(0)
  }, 60_000)
})
