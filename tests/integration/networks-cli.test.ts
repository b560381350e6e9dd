import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'

const run = promisify(execFile)
const BIN = resolve(__dirname, '..', '..', 'bin', 'swarmdesk.js')

// `swarmdesk network …` and the node guard in `swarmdesk node demote|update`, as a script runs
// them (the built bin, exit codes, stdout vs stderr), checked with the docker CLI.
let lab: LabStatus
let host: string
const netName = uniqueName('h5clinet')
const serviceName = uniqueName('h5clisvc')
const volumeName = uniqueName('h5clivol')
const third = 1 + Math.floor(Math.random() * 250)

async function swarmdesk(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, '-H', host, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir('sd-cli-home-'), SWARMDESK_DATA_DIR: tempDir('sd-cli-data-') } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
const cliNetworks = async () => (await docker(lab, 'manager1', ['network', 'ls', '--filter', 'driver=overlay', '--format', '{{.Name}}'])).split('\n')

beforeAll(() => {
  lab = requireLab()
  host = `unix://${labNode(lab, 'manager1').socket}`
  if (!existsSync(join(resolve(__dirname, '..', '..'), 'out', 'main', 'cli.js'))) throw new Error('run `npm run build` first: the CLI test runs the built bin')
})

afterAll(async () => {
  await docker(lab, 'manager1', ['network', 'rm', netName]).catch(() => undefined)
  await docker(lab, 'manager1', ['service', 'rm', serviceName]).catch(() => undefined)
  await waitFor('the task to stop', async () => !(await docker(lab, 'manager1', ['ps', '-a', '--filter', `name=${serviceName}`, '--format', '{{.ID}}'])), 60_000).catch(() => undefined)
  await docker(lab, 'manager1', ['volume', 'rm', volumeName]).catch(() => undefined)
})

describe('swarmdesk network and node guards', () => {
  it('refuses a bad subnet in English, exit 1, creating nothing', async () => {
    const bad = await swarmdesk(['network', 'create', '--subnet', `10.200.${third}.3/24`, netName])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toContain(`error: subnet: 10.200.${third}.3/24 has host bits set: the subnet is 10.200.${third}.0/24`)
    expect(await cliNetworks()).not.toContain(netName)
  })

  it('creates, lists and removes an overlay network', async () => {
    const created = await swarmdesk(['network', 'create', '--attachable', '--subnet', `10.200.${third}.0/24`, '--label', 'h5=cli', netName])
    expect(created.code).toBe(0)
    expect(created.stderr).toContain(`docker network create --driver overlay --attachable --label h5=cli --subnet 10.200.${third}.0/24 ${netName}`)
    const id = created.stdout.trim()
    expect(await docker(lab, 'manager1', ['network', 'inspect', netName, '--format', '{{.ID}} {{.Attachable}} {{index .Labels "h5"}}'])).toBe(`${id} true cli`)

    const listed = await swarmdesk(['network', 'ls'])
    expect(listed.code).toBe(0)
    expect(listed.stdout.split('\n').find((line) => line.includes(netName))).toMatch(new RegExp(`^${id.slice(0, 12)}\\s+${netName}\\s+overlay\\s+swarm\\s+10\\.200\\.${third}\\.0/24\\s+-$`))

    const removed = await swarmdesk(['network', 'rm', netName])
    expect(removed).toMatchObject({ code: 0, stdout: `${netName}\n` })
    expect(removed.stderr).toContain(`docker network rm ${netName}`)
    // The manager's own list drops a removed swarm network a moment later.
    await waitFor('the network gone from docker network ls', async () => !(await cliNetworks()).includes(netName), 30_000)
  })

  it('lists a service\'s named volume on the node its task runs on, then the connected engine\'s volumes', async () => {
    const manager1 = labNode(lab, 'manager1').hostname
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--quiet', '--name', serviceName, '--mount', `type=volume,source=${volumeName},target=/data`, '--constraint', `node.hostname==${manager1}`, lab.images.sleeper])
    await waitFor('the volume on manager1', async () => (await docker(lab, 'manager1', ['volume', 'ls', '--format', '{{.Name}}'])).split('\n').includes(volumeName), 60_000)
    const listed = await waitFor('the task in swarmdesk volume ls', async () => {
      const result = await swarmdesk(['volume', 'ls'])
      return result.stdout.split('\n').some((line) => new RegExp(`^${volumeName}\\s+local\\s+${manager1}\\s+${serviceName}$`).test(line)) ? result : null
    }, 60_000)
    expect(listed.code).toBe(0)
    const [, engine] = listed.stdout.split(`On ${manager1} (the engine SwarmDesk is connected to`)
    expect(engine).toContain(volumeName)
    const json = JSON.parse((await swarmdesk(['--json', 'volume', 'ls'])).stdout) as { cluster: { name: string }[]; engine: { node: { hostname: string }; volumes: { name: string }[] } }
    expect(json.cluster.map((v) => v.name)).toContain(volumeName)
    expect(json.engine.node.hostname).toBe(manager1)
    expect(json.engine.volumes.map((v) => v.name)).toContain(volumeName)
  })

  it('words the node guard in English and changes nothing without --yes', async () => {
    const demote = await swarmdesk(['node', 'demote', 'manager3'])
    expect(demote.code).toBe(1)
    expect(demote.stderr).toContain('warning: 2 managers is an even number: it tolerates no more failures than 1 would')
    expect(demote.stderr).toMatch(/confirmation needed.*--yes/)
    expect(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{.Spec.Role}}', 'manager3'])).toBe('manager')

    const noop = await swarmdesk(['node', 'update', '--availability', 'active', 'manager1'])
    expect(noop.code).toBe(1)
    expect(noop.stderr).toContain('manager1 is already active; nothing was changed [CONFLICT]')
    expect((await swarmdesk(['node', 'update', 'manager1'])).code).toBe(2)
  })
})
