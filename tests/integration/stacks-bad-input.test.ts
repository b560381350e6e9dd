import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordCliStack, removeRecordedStack } from '../../scripts/golden/cli-recorder'
import { blockingProblems } from '../support/bad-input-pipeline'
import { EngineGateway } from '../../src/main/docker/engine-gateway'
import { StackEngine } from '../../src/main/docker/stack-engine'
import { cliRunner, requireBuiltCli } from '../support/cli'
import { labNode, requireLab, tempDir, uniqueName, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

// Every bad file of tests/fixtures/stacks/bad/cases.json through the real stack service (plan and
// deploy) and the built `swarmdesk stack deploy`: each gives its specific error and leaves the
// swarm exactly as it was (IDs and version indexes of every service, network, secret and config
// named after the test's stacks). Then the docker CLI itself is asked, through the recording proxy
// (services never scheduled, stack removed after), and must refuse the file too.
const BAD = resolve(__dirname, '..', 'fixtures', 'stacks', 'bad')

interface BadCase {
  name: string
  files: string[]
  stack?: string
  live?: string
  errors: string[]
  cli: string
}
const cases = JSON.parse(readFileSync(join(BAD, 'cases.json'), 'utf8')) as BadCase[]

let lab: LabStatus
let socket: string
let engine: StackEngine
let harness: ReturnType<typeof startServices>
let clusterId: string
let dataDir: string
const stacks: string[] = []

beforeAll(async () => {
  lab = requireLab()
  socket = labNode(lab, 'manager1').socket
  requireBuiltCli()
  engine = new StackEngine(new EngineGateway(new Docker({ socketPath: socket })))
  dataDir = tempDir('h1-bad-data-')
  harness = startServices({ env: { DOCKER_HOST: `unix://${socket}`, PATH: process.env.PATH } })
  clusterId = (await harness.call('clusters.open', { profileId: 'default' })).clusterId
})

afterAll(async () => {
  for (const stack of stacks) await removeRecordedStack(socket, stack).catch(() => undefined)
  harness?.services.dispose()
})

/** IDs and versions of everything named after the stack (or named by the case's files). */
async function objectsOf(stack: string): Promise<string[]> {
  const mine = (name: string) => name.startsWith(`${stack}_`) || name.startsWith('h1bad-no-such')
  const [services, networks, secrets, configs] = await Promise.all([engine.listServices(), engine.listNetworks(), engine.listSecrets(), engine.listConfigs()])
  return [
    ...services.filter((s) => mine(String(s.Spec.Name))).map((s) => `service ${String(s.Spec.Name)} ${s.ID} v${s.Version.Index}`),
    ...networks.filter((n) => mine(n.Name)).map((n) => `network ${n.Name} ${n.Id}`),
    ...secrets.filter((s) => mine(s.Spec.Name)).map((s) => `secret ${s.Spec.Name} ${s.ID} v${s.Version.Index}`),
    ...configs.filter((c) => mine(c.Spec.Name)).map((c) => `config ${c.Spec.Name} ${c.ID} v${c.Version.Index}`)
  ].sort()
}

/** The stack's objects once two reads half a second apart agree. */
async function settledObjectsOf(stack: string): Promise<string[]> {
  let previous = await objectsOf(stack)
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    const current = await objectsOf(stack)
    if (JSON.stringify(current) === JSON.stringify(previous)) return current
    previous = current
  }
  return previous
}

const swarmdesk = cliRunner({ host: () => `unix://${socket}`, dataDir: () => dataDir, homePrefix: 'h1-bad-home-', timeoutMs: 120_000 })

/** The table's messages are written for the stack `h1bad`; a live run uses a unique name. */
function expectedFor(c: BadCase, stack: string): string[] {
  return c.errors.map((m) => (c.stack ? m : m.split('h1bad_').join(`${stack}_`)))
}
const comparable = (messages: string[]) => messages.map((m) => m.split(`${BAD}/`).join('').replace(/is \d+ characters long/, 'is N characters long'))

describe('bad stack files change nothing on the swarm', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const stack = c.stack ?? uniqueName('h1bad')
      if (!c.stack) stacks.push(stack)
      const paths = c.files.map((f) => join(BAD, f))
      if (c.live) {
        const first = await harness.call('stacks.deploy', { clusterId, stack, source: { paths: [join(BAD, c.live)] }, resolveImage: 'never' })
        expect(first.ok, JSON.stringify(first.plan.problems)).toBe(true)
      }
      // A service just created is still touched by swarm for a moment (the allocator writes its
      // endpoint: its version moves on by itself); compare with the stack once it is still.
      const before = c.live ? await settledObjectsOf(stack) : await objectsOf(stack)

      const plan = await harness.call('stacks.plan', { clusterId, stack, source: { paths }, resolveImage: 'never' })
      expect(plan.ok).toBe(false)
      expect(comparable(blockingProblems(plan.problems))).toEqual(comparable(expectedFor(c, stack)))

      const deployed = await harness.call('stacks.deploy', { clusterId, stack, source: { paths }, resolveImage: 'never' })
      expect(deployed.applied).toBe(false)
      expect(deployed.ok).toBe(false)

      const cli = await swarmdesk(['stack', 'deploy', '--resolve-image', 'never', ...paths.flatMap((p) => ['-c', p]), stack], { expectFailure: true })
      expect(cli.code, cli.stdout).toBe(1)
      const firstLine = comparable(expectedFor(c, stack))[0].split('\n')[0]
      expect(comparable([cli.stderr])[0]).toContain(firstLine)

      expect(await objectsOf(stack)).toEqual(before)

      // the docker CLI refuses it too (for the live case, against the same live stack)
      const cliStack = c.live ? stack : (c.stack ?? uniqueName('h1bad'))
      if (!c.stack) stacks.push(cliStack)
      const docker = await recordCliStack({ upstreamSocket: socket, stack: cliStack, files: c.files, cwd: BAD })
      expect(docker.code, docker.stderr).not.toBe(0)
      expect(docker.stderr.split(`${BAD}/`).join('')).toContain(c.cli)
    }, 180_000)
  }
})
