import { execFile } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, tempDir, type LabStatus } from '../support/lab'

const run = promisify(execFile)
const BIN = resolve(__dirname, '..', '..', 'bin', 'swarmdesk.js')

// The `swarmdesk` command as a script runs it: the built bin, real exit codes, stdout vs stderr.
let lab: LabStatus
let host: string

async function swarmdesk(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir('sd-cli-home-'), SWARMDESK_DATA_DIR: tempDir('sd-cli-data-'), ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

beforeAll(() => {
  lab = requireLab()
  host = `unix://${labNode(lab, 'manager1').socket}`
  if (!existsSync(join(resolve(__dirname, '..', '..'), 'out', 'main', 'cli.js'))) throw new Error('run `npm run build` first: the CLI test runs the built bin')
})

describe('swarmdesk command line', () => {
  it('lists nodes like docker node ls, with -H or DOCKER_HOST', async () => {
    const table = await swarmdesk(['-H', host, 'node', 'ls'])
    expect(table.code).toBe(0)
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+HOSTNAME\s+STATUS\s+AVAILABILITY\s+MANAGER STATUS\s+ENGINE VERSION\s+LABELS$/)
    const json = await swarmdesk(['--json', 'node', 'ls'], { DOCKER_HOST: host })
    expect(json.code).toBe(0)
    const ids = (JSON.parse(json.stdout) as { id: string }[]).map((n) => n.id).sort()
    expect(ids).toEqual((await docker(lab, 'manager1', ['node', 'ls', '-q'])).split('\n').sort())
  })

  it('adds and removes a label, printing the docker equivalent on stderr', async () => {
    const added = await swarmdesk(['-H', host, 'node', 'label', 'add', 'worker1', 'it.cli=yes'])
    expect(added).toMatchObject({ code: 0, stdout: 'worker1: labels updated\n', stderr: 'docker node update --label-add it.cli=yes worker1\n' })
    expect(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{index .Spec.Labels "it.cli"}}', 'worker1'])).toBe('yes')
    const removed = await swarmdesk(['-H', host, '--json', 'node', 'label', 'rm', 'worker1', 'it.cli'])
    expect(removed.code).toBe(0)
    expect(JSON.parse(removed.stdout)).toMatchObject({ hostname: 'worker1', ok: true, changed: true })
    expect(await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{index .Spec.Labels "it.cli"}}', 'worker1'])).toBe('')
  })

  it('plans placement for the services of a stack file and for a live service', async () => {
    const dir = tempDir('sd-cli-plan-')
    const file = join(dir, 'stack.yml')
    writeFileSync(
      file,
      [
        'version: "3.8"',
        'services:',
        '  web:',
        `    image: ${lab.images.web1}`,
        '    deploy:',
        '      replicas: 4',
        '      placement:',
        '        constraints: [node.role == worker]',
        '  broken:',
        `    image: ${lab.images.sleeper}`,
        '    deploy:',
        '      placement:',
        '        constraints: ["node.role = worker"]',
        ''
      ].join('\n')
    )
    const web = await swarmdesk(['-H', host, '--json', 'placement', 'plan', '-c', file, 'web'])
    expect(web.code).toBe(0)
    const [plan] = JSON.parse(web.stdout) as { perNode: { hostname: string; eligible: boolean; predictedTasks: number }[]; pendingTasks: number }[]
    expect(plan.perNode.filter((n) => n.eligible).map((n) => n.hostname).sort()).toEqual(['worker1', 'worker2'])
    expect(plan.perNode.reduce((sum, n) => sum + n.predictedTasks, 0)).toBe(4)
    expect(plan.pendingTasks).toBe(0)

    const broken = await swarmdesk(['-H', host, 'placement', 'plan', '-c', file, 'broken'])
    expect(broken.code).toBe(1)
    expect(broken.stdout).toContain('constraint expected one operator from ==, !=')
    expect(broken.stderr).toMatch(/the engine would refuse broken/)

    const live = await swarmdesk(['-H', host, 'placement', 'plan', '--service', 'no-such-service'])
    expect(live).toMatchObject({ code: 1, stderr: expect.stringMatching(/no service "no-such-service"/) })
    expect(await swarmdesk(['-H', host, 'placement', 'plan'])).toMatchObject({ code: 2 })
  })

  it('fails with a message on stderr and a non-zero code', async () => {
    expect(await swarmdesk(['-H', 'unix:///var/tmp/swarmdesk-no-such.sock', 'node', 'ls'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/no engine socket.*\[CONNECTION_REFUSED\]/) })
    expect(await swarmdesk(['-H', host, 'node', 'label', 'add', 'nosuchnode', 'a=b'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/no node "nosuchnode"/) })
    expect(await swarmdesk(['-H', host, 'node', 'label', 'add', 'worker1', 'bad key=x'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/contains whitespace/) })
    expect(await swarmdesk(['-H', labNode(lab, 'worker1').socket, 'node', 'ls'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/expected unix:/) })
    expect(await swarmdesk(['-H', `unix://${labNode(lab, 'worker1').socket}`, 'node', 'ls'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/worker node.*\[NOT_A_MANAGER\]/) })
    expect(await swarmdesk(['-H', `unix://${labNode(lab, 'solo').socket}`, 'node', 'ls'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/not part of a swarm/) })
    expect(await swarmdesk(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown command "frobnicate"/) })
    const json = await swarmdesk(['--json', '--connection', 'nope', 'node', 'ls'])
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})
