import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliRunner, requireBuiltCli } from '../support/cli'
import { ALTER_USER, apiHealth, DB_NODE, itemsThroughNginx, projectFiles, removeProject, taskStates } from '../support/course-project'
import { docker, labUserHome, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'

// The course's project rotation by script: `swarmdesk secret rotate` of the database password as
// is (the API's new tasks fail their health check against a PostgreSQL that kept the old password:
// rolled back, exit code 1), then with `--before-exec SERVICE -- CMD` (ALTER USER in the database's
// task, reading the new value from the file mounted for that step): completed, the app answers.
// As a user managing the swarm from their machine: over SSH to manager1 (the database's task runs
// on manager2, reached with the same key through that connection).
let lab: LabStatus
let host: string
let home: string
let dataDir: string
let dir: string
const STACK = uniqueName('cp').replace(/-/g, '')
const SECRET = `${STACK}_db_password`
const run = cliRunner({ host: () => host, dataDir: () => dataDir, timeoutMs: 600_000 })
const swarmdesk: typeof run = (args, options = {}) => run(args, { ...options, env: { HOME: home, ...options.env } })

beforeAll(async () => {
  requireBuiltCli()
  lab = requireLab()
  host = `ssh://root@${lab.ssh.host}`
  // the user's ~/.ssh: the lab's key and known hosts
  home = labUserHome(lab, 'sd-course-cli-home-', { key: true })
  dataDir = tempDir('sd-course-cli-')
  dir = projectFiles()
  await docker(lab, 'manager1', ['node', 'update', '--label-add', 'seed_db=true', DB_NODE])
}, 60_000)

afterAll(async () => {
  if (lab) await removeProject(lab, STACK, dir)
}, 180_000)

describe('swarmdesk and the course project', () => {
  it('deploys the project with swarmdesk stack deploy; /api/items answers through nginx', async () => {
    const deployed = await swarmdesk(['stack', 'deploy', '-c', join(dir, 'stack.yml'), STACK])
    expect(deployed.code, deployed.stderr).toBe(0)
    await waitFor('the database running', async () => (await taskStates(lab, `${STACK}_db`)).some((s) => s.startsWith('Running')), 120_000)
    await waitFor('/api/items through nginx', async () => (await itemsThroughNginx(lab)).status === 200, 120_000)
    expect((await itemsThroughNginx(lab)).items).toEqual(['swarm', 'stack', 'secret'])
  })

  it('rotate as is: the new API tasks fail their health check, rolled back, exit 1; the app still answers', async () => {
    const file = join(dir, 'second.txt')
    writeFileSync(file, 'second-password\n')
    const rotated = await swarmdesk(['secret', 'rotate', SECRET, '--from-file', file], { expectFailure: true })
    expect(rotated.code).toBe(1)
    expect(rotated.stdout).toContain(`${SECRET} -> ${SECRET}_v2: ROLLED BACK`)
    expect(rotated.stdout).toContain(`${STACK}_api:`)
    // the plan said the value differs: SwarmDesk's own stack deploy made the secret, so it knows its fingerprint
    expect(rotated.stderr).not.toContain('cannot be checked')
    expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}} {{end}}', `${STACK}_api`])).toBe(SECRET)
    await waitFor('/api/items through nginx', async () => (await itemsThroughNginx(lab)).status === 200, 60_000)
  })

  it('rotate --before-exec DB -- ALTER USER: completed; every service on the new version; the app answers', async () => {
    const file = join(dir, 'third.txt')
    writeFileSync(file, 'third-password\n')
    const rotated = await swarmdesk(['secret', 'rotate', SECRET, '--from-file', file, '--before-exec', `${STACK}_db`, '--', 'sh', '-c', ALTER_USER])
    expect(rotated.code, rotated.stderr).toBe(0)
    expect(rotated.stdout).toContain(`${SECRET} -> ${SECRET}_v2: 2 service(s) moved`)
    expect(rotated.stderr).toContain(`before the services move, in a task of ${STACK}_db (the new value at /run/secrets/${SECRET}_v2, $SWARMDESK_NEW_FILE)`)
    expect(rotated.stderr).toContain(`docker service update --secret-add source=${SECRET}_v2,target=${SECRET}_v2 ${STACK}_db`)
    expect(`${rotated.stdout}${rotated.stderr}`).not.toContain('third-password')
    for (const service of ['api', 'db']) {
      expect(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}}:{{.File.Name}} {{end}}', `${STACK}_${service}`])).toBe(`${SECRET}_v2:db_password`)
    }
    await waitFor('/api/items through nginx', async () => (await itemsThroughNginx(lab)).status === 200, 60_000)
    const api = await docker(lab, 'manager1', ['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.Node}}', `${STACK}_api`])
    const nodes = api.split('\n').map((hostname) => lab.nodes.find((n) => n.hostname === hostname)?.address ?? '')
    expect((await Promise.all(nodes.map(apiHealth))).map((h) => h.status)).toEqual(nodes.map(() => 200))
  })

  it('refuses --before-exec without a command, and a service that does not exist, changing nothing', async () => {
    const noCommand = await swarmdesk(['secret', 'rotate', SECRET, '--generate', '16', '--before-exec', `${STACK}_db`], { expectFailure: true })
    expect(noCommand.code).toBe(2)
    expect(noCommand.stderr).toContain(`--before-exec ${STACK}_db needs the command after --`)
    const unknown = await swarmdesk(['secret', 'rotate', `${SECRET}_v2`, '--generate', '16', '--before-exec', 'nope', '--', 'true'], { expectFailure: true })
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no service "nope" to run the command in')
    expect(await docker(lab, 'manager1', ['secret', 'ls', '--filter', `name=${SECRET}`, '--format', '{{.Name}}'])).toBe(`${SECRET}\n${SECRET}_v2`)
  })
})
