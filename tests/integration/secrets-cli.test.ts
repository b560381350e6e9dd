import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliRunner, requireBuiltCli } from '../support/cli'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { mounted, objectNames, removeQuietly, serviceReplicas, SLEEPER_IMAGE } from '../support/rotation-lab'

// `swarmdesk secret ls|create|rotate|rm` and `config inspect` as scripts run them: the built bin,
// stdout for results, stderr for progress and the docker equivalents, exit codes.
let lab: LabStatus
let host: string
let dataDir: string
const base = uniqueName('h2-cli')
const secret = `${base}-tok`
const consumer = `${base}-svc`

const swarmdesk = cliRunner({ host: () => host, dataDir: () => dataDir })

beforeAll(async () => {
  requireBuiltCli()
  lab = requireLab()
  host = `unix://${labNode(lab, 'manager1').socket}`
  dataDir = tempDir('sd-cli-data-')
}, 60_000)

afterAll(async () => {
  if (!lab) return
  await removeQuietly(lab, ['service', 'rm', consumer])
  await waitFor('consumer removed', async () => (await docker(lab, 'manager1', ['service', 'ls', '--filter', `name=${base}`, '-q'])) === '', 60_000).catch(() => undefined)
  for (const name of await objectNames(lab, 'secret', base)) await removeQuietly(lab, ['secret', 'rm', name])
  for (const name of await objectNames(lab, 'config', base)) await removeQuietly(lab, ['config', 'rm', name])
}, 120_000)

describe('swarmdesk secret and config commands', () => {
  it('create from stdin, ls with consumers, rotate with --generate and --remove-old, rm', async () => {
    const created = await swarmdesk(['secret', 'create', secret, '--stdin', '--label', 'team=web'], { stdin: 'from stdin\n' })
    expect(created.code, created.stderr).toBe(0)
    expect(created.stderr).toBe(`docker secret create --label team=web ${secret} -\n`)
    const id = created.stdout.trim()
    expect(await docker(lab, 'manager1', ['secret', 'inspect', '--format', '{{.ID}} {{index .Spec.Labels "team"}}', secret])).toBe(`${id} web`)
    // the value never shows up anywhere in what the command printed
    expect(created.stdout + created.stderr).not.toContain('from stdin')

    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', consumer, '--secret', `source=${secret},target=app_token,mode=0400`, '--update-order', 'start-first', '--update-monitor', '1s', SLEEPER_IMAGE])
    await waitFor(`${consumer} running`, async () => (await serviceReplicas(lab, consumer)).running === 1, 120_000)

    const ls = await swarmdesk(['secret', 'ls'])
    expect(ls.code).toBe(0)
    expect(ls.stdout.split('\n')[0]).toMatch(/^NAME +STACK +CREATED +USED BY$/)
    expect(ls.stdout.split('\n').find((l) => l.startsWith(`${secret} `))).toMatch(new RegExp(`${consumer}:app_token 0:0 0400$`))

    const refused = await swarmdesk(['secret', 'rm', secret], { expectFailure: true })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(`swarmdesk: ${secret} is used by ${consumer}: move them to another secret first (a rotation does that) [IN_USE]\n`)

    const rotated = await swarmdesk(['secret', 'rotate', secret, '--generate', '40', '--remove-old'])
    expect(rotated.code, rotated.stderr).toBe(0)
    expect(rotated.stdout).toMatch(new RegExp(`^${secret} -> ${secret}_v2: 1 service\\(s\\) moved, ${secret} removed\\nrotation \\S+\\n$`))
    expect(rotated.stderr).toContain(`${secret} -> ${secret}_v2`) // the plan
    expect(rotated.stderr).toContain(`converge ${consumer}: done`) // progress
    expect(rotated.stderr).toContain(`docker service update --secret-rm ${secret} --secret-add source=${secret}_v2,target=app_token,uid=0,gid=0,mode=0400 ${consumer}`)
    expect(await mounted(lab, consumer, 'secret')).toEqual([`${secret}_v2@app_token:0:0:400`])
    expect(await objectNames(lab, 'secret', secret)).toEqual([`${secret}_v2`])

    const json = await swarmdesk(['--json', 'secret', 'rotate', `${secret}_v2`, '--generate', '40', '--name', `${secret}-next`])
    expect(json.code, json.stderr).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({ outcome: 'completed', new: { name: `${secret}-next` }, old: { name: `${secret}_v2`, removed: false } })

    const rm = await swarmdesk(['secret', 'rm', `${secret}_v2`])
    expect(rm).toEqual({ code: 0, stdout: `${secret}_v2\n`, stderr: `docker secret rm ${secret}_v2\n` })
    expect((await swarmdesk(['secret', 'rotation', 'ls'])).stdout.trim().split('\n')).toHaveLength(1) // the header only
  }, 300_000)

  it('config create from a file and inspect; misuse exits 2; a refused rotation exits 1', async () => {
    const file = join(tempDir('sd-cli-conf-'), 'app.conf')
    writeFileSync(file, 'port = 80\n')
    const created = await swarmdesk(['config', 'create', `${base}-conf`, '--from-file', file])
    expect(created.code, created.stderr).toBe(0)
    expect(await swarmdesk(['config', 'inspect', `${base}-conf`])).toMatchObject({ code: 0, stdout: 'port = 80\n' })
    const both = await swarmdesk(['secret', 'create', `${base}-x`, '--stdin', '--from-file', file], { stdin: '', expectFailure: true })
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('give the value one way only')
    writeFileSync(file, 'port = 8080\n')
    const unused = await swarmdesk(['config', 'rotate', `${base}-conf`, '--from-file', file], { expectFailure: true })
    expect(unused.code).toBe(1)
    expect(unused.stderr).toMatch(/no service uses .* \[NO_CONSUMERS\]\n$/)
  }, 120_000)
})
