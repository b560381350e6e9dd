import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliRunner, requireBuiltCli } from '../support/cli'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'

const FIXTURE = resolve(__dirname, '..', 'fixtures', 'stacks', 'lab-identity')

// `swarmdesk stack ls|plan|deploy|rm` as a script runs them: the built bin, exit codes, stdout
// for results and stderr for progress and problems.
let lab: LabStatus
let host: string
let dataDir: string
const stacks: string[] = []

const swarmdesk = cliRunner({ host: () => host, dataDir: () => dataDir, timeoutMs: 180_000 })

function stackFile(edit: (text: string) => string = (t) => t, token?: string): string {
  const dir = tempDir('sd-cli-stack-')
  writeFileSync(join(dir, 'docker-compose.yml'), edit(readFileSync(join(FIXTURE, 'docker-compose.yml'), 'utf8')))
  copyFileSync(join(FIXTURE, 'app.conf'), join(dir, 'app.conf'))
  if (token === undefined) copyFileSync(join(FIXTURE, 'app_token.txt'), join(dir, 'app_token.txt'))
  else writeFileSync(join(dir, 'app_token.txt'), token)
  return join(dir, 'docker-compose.yml')
}

beforeAll(() => {
  lab = requireLab()
  host = `unix://${labNode(lab, 'manager1').socket}`
  dataDir = tempDir('sd-cli-data-')
  requireBuiltCli()
})

afterAll(async () => {
  for (const stack of stacks) await docker(lab, 'manager1', ['stack', 'rm', stack]).catch(() => undefined)
  for (const stack of stacks) {
    await waitFor(`stack ${stack} gone`, async () => (await docker(lab, 'manager1', ['network', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`])) === '', 60_000).catch(() => undefined)
  }
  // stacks keep their volumes: remove the sidecar's on every node once its tasks are gone
  for (const node of lab.nodes) {
    for (const stack of stacks) {
      await waitFor(`volumes of ${stack} removed on ${node.name}`, async () => {
        const volumes = (await docker(lab, node.name, ['volume', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`])).split('\n').filter(Boolean)
        for (const v of volumes) await docker(lab, node.name, ['volume', 'rm', v])
        return true
      }, 60_000).catch(() => undefined)
    }
  }
})

describe('swarmdesk stack', () => {
  it('deploys with --wait, lists, plans a redeploy as unchanged, and removes', async () => {
    const stack = uniqueName('sdcli')
    stacks.push(stack)
    const file = stackFile()
    const deployed = await swarmdesk(['stack', 'deploy', '-c', file, '--wait', stack])
    expect(deployed.code).toBe(0)
    expect(deployed.stdout).toBe(`Stack ${stack}: 5 done, 0 failed, 0 not attempted\n  ${stack}_sidecar: converged (3/3 running)\n  ${stack}_web: converged (2/2 running)\n`)
    expect(deployed.stderr.split('\n').filter((l) => l.startsWith('Creating')).slice(0, 3)).toEqual([`Creating network ${stack}_backend`, `Creating secret ${stack}_app_token`, `Creating config ${stack}_app_conf`])

    const ls = await swarmdesk(['stack', 'ls'])
    expect(ls.code).toBe(0)
    expect(ls.stdout.split('\n')[0]).toMatch(/^NAME\s+SERVICES\s+TASKS\s+NETWORKS\s+SECRETS\s+CONFIGS\s+LAST SWARMDESK DEPLOY$/)
    expect(ls.stdout).toMatch(new RegExp(`^${stack}\\s+2\\s+5/5\\s+1\\s+1\\s+1\\s+\\d{4}-`, 'm'))
    const json = await swarmdesk(['--json', 'stack', 'ls'])
    expect((JSON.parse(json.stdout) as { name: string }[]).map((s) => s.name)).toContain(stack)

    const plan = await swarmdesk(['stack', 'plan', '-c', file, stack])
    expect(plan.code).toBe(0)
    expect(plan.stdout).toContain(`  service  ${stack}_web `)
    expect(plan.stdout).toContain('0 to create, 0 to update, 5 unchanged, 0 to remove')

    const changed = await swarmdesk(['stack', 'plan', '-c', stackFile((t) => t.replace('MODE: prod', 'MODE: test')), stack])
    expect(changed.code).toBe(0)
    expect(changed.stdout).toContain(`${stack}_web`)
    expect(changed.stdout).toContain('      TaskTemplate.ContainerSpec.Env[MODE]: MODE=prod -> MODE=test  [restarts]')
    expect(changed.stdout).toContain(`(tasks replaced: ${stack}_web)`)

    const removed = await swarmdesk(['stack', 'rm', stack])
    expect(removed.code).toBe(0)
    expect(removed.stdout.split('\n').slice(0, 5)).toEqual([
      `Removing service ${stack}_sidecar`,
      `Removing service ${stack}_web`,
      `Removing secret ${stack}_app_token`,
      `Removing config ${stack}_app_conf`,
      `Removing network ${stack}_backend`
    ])
    expect(removed.stdout).toContain(`volumes are kept: ${stack}_data (remove them on each node with docker volume rm once no task uses them)`)
    // the manager lists its local copy of the overlay network a moment longer than swarm keeps it
    await waitFor('the network gone', async () => (await docker(lab, 'manager1', ['network', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`])) === '')
    expect(await swarmdesk(['stack', 'rm', stack])).toMatchObject({ code: 0, stdout: '', stderr: `Nothing found in stack: ${stack}\n` })
  })

  it('exits non-zero, with the problem on stderr, when the plan is blocked, and changes nothing', async () => {
    const stack = uniqueName('sdclibad')
    stacks.push(stack)
    const bad = stackFile((t) => t.replace('replicas: 2', 'replicas: "x"'))
    const planned = await swarmdesk(['stack', 'plan', '-c', bad, stack], { expectFailure: true })
    expect(planned.code).toBe(1)
    expect(planned.stderr).toContain(`error: ${bad}:30:17: services.web.deploy.replicas must be an integer\n`)
    expect(planned.stderr).toMatch(/nothing was changed \[INVALID_INPUT\]\n$/)
    const deployed = await swarmdesk(['--json', 'stack', 'deploy', '-c', bad, stack], { expectFailure: true })
    expect(deployed.code).toBe(1)
    expect(JSON.parse(deployed.stdout)).toMatchObject({ applied: false, ok: false })
    expect(JSON.parse(deployed.stderr)).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining(`${bad}:30:17`) } })
    expect(await docker(lab, 'manager1', ['network', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`])).toBe('')

    // a secret whose file changed: refused with the versioned-name fix
    expect((await swarmdesk(['stack', 'deploy', '-c', stackFile(), stack])).code).toBe(0)
    const secret = await swarmdesk(['stack', 'deploy', '-c', stackFile((t) => t, 'token-2\n'), stack], { expectFailure: true })
    expect(secret.code).toBe(1)
    expect(secret.stderr).toContain(`fix: give the secret a new name in the file, e.g. secrets: app_token: name: ${stack}_app_token_v2`)
    expect(secret.stdout).toBe(`Stack ${stack}: not deployed, the plan is blocked; nothing was changed\n`)
  })

  it('exits non-zero when an operation fails, and 2 on misuse', async () => {
    const stack = uniqueName('sdclipart')
    stacks.push(stack)
    const partial = await swarmdesk(['stack', 'deploy', '-c', stackFile((t) => t.replace('constraints: [node.role == manager]', 'constraints: [node.role ~ manager]')), stack], { expectFailure: true })
    expect(partial.code).toBe(1)
    expect(partial.stdout).toContain(`Stack ${stack}: 4 done, 1 failed, 0 not attempted`)
    expect(partial.stderr).toMatch(new RegExp(`partly deployed: Creating service ${stack}_sidecar failed: .*constraint expected one operator`))
    expect(await swarmdesk(['stack', 'deploy', '-c', stackFile(), '--resolve-image', 'sometimes', stack], { expectFailure: true })).toMatchObject({ code: 2, stderr: expect.stringMatching(/--resolve-image sometimes: expected always, changed or never/) })
    expect(await swarmdesk(['stack', 'plan', stack], { expectFailure: true })).toMatchObject({ code: 2, stderr: expect.stringMatching(/give the compose file\(s\) with -c FILE/) })
    expect(await swarmdesk(['stack', 'frob'], { expectFailure: true })).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown stack command "frob"/) })
  })
})
