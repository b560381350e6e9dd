import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliRunner } from '../support/cli'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { WEB1, WEB2 } from '../support/lab-images'

// `swarmdesk service ls|ps|scale|update|rollback|rm` as a script runs them (the built bin; run
// `npm run build` first): docker CLI argument forms, waiting for convergence, exit codes, and the
// docker command on stderr. Results checked with the real docker CLI.
let lab: LabStatus
let host: string
let dataDir: string
const NAME = uniqueName('h3-cli')
const GLOBAL = uniqueName('h3-cli-g')
const STACKED = `${uniqueName('seed')}_api`

const swarmdesk = cliRunner({ host: () => host, dataDir: () => dataDir })
const inspect = (name: string, format: string) => docker(lab, 'manager1', ['service', 'inspect', '--format', format, name])
async function waitRunning(name: string, count: number): Promise<void> {
  await waitFor(`${count} running tasks of ${name}`, async () => {
    const states = await docker(lab, 'manager1', ['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.CurrentState}}', name])
    return states.split('\n').filter((l) => l.startsWith('Running')).length === count
  })
}

beforeAll(async () => {
  lab = requireLab()
  host = `unix://${labNode(lab, 'manager1').socket}`
  dataDir = tempDir('sd-cli-data-')
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', NAME, '--replicas', '2', WEB1])
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', GLOBAL, '--mode', 'global', WEB1])
})

afterAll(async () => {
  for (const name of [NAME, GLOBAL, STACKED]) await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
})

describe('swarmdesk service', () => {
  it('ls lists the service like docker service ls; --json gives the model', async () => {
    const table = await swarmdesk(['service', 'ls'])
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+MODE\s+REPLICAS\s+IMAGE\s+PORTS\s+UPDATE/)
    expect(table.stdout).toMatch(new RegExp(`${NAME}\\s+replicated\\s+\\d/2\\s+${WEB1.replace(/[.]/g, '\\.')}`))
    const json = await swarmdesk(['--json', 'service', 'ls'])
    const services = JSON.parse(json.stdout) as { name: string; mode: string }[]
    expect(services.find((s) => s.name === GLOBAL)?.mode).toBe('global')
  })

  it('scale NAME=N waits until the tasks run, the docker command on stderr', async () => {
    const result = await swarmdesk(['service', 'scale', `${NAME}=3`])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain(`docker service scale ${NAME}=3`)
    expect(result.stdout).toContain(`${NAME}: converged (3/3 running)`)
    expect(await inspect(NAME, '{{.Spec.Mode.Replicated.Replicas}}')).toBe('3')
    const running = await docker(lab, 'manager1', ['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.CurrentState}}', NAME])
    expect(running.split('\n').filter((l) => l.startsWith('Running'))).toHaveLength(3)
  })

  it('update --image --env-add shows the diff, waits for the rollout; ps shows the history', async () => {
    const result = await swarmdesk(['service', 'update', '--image', WEB2, '--env-add', 'MODE=cli', NAME])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain(`docker service update --image ${WEB2} --env-add MODE=cli ${NAME}`)
    // the docker CLI pinned the digest at create time: the diff shows it
    expect(result.stderr).toMatch(new RegExp(`TaskTemplate\\.ContainerSpec\\.Image: ${WEB1.replace(/[.]/g, '\\.')}@sha256:[0-9a-f]{64} -> ${WEB2.replace(/[.]/g, '\\.')}  \\[restarts tasks\\]`))
    expect(result.stderr).toContain('TaskTemplate.ContainerSpec.Env[MODE]: (none) -> MODE=cli  [restarts tasks]')
    expect(result.stdout).toContain(`${NAME}: converged`)
    expect(await inspect(NAME, '{{.Spec.TaskTemplate.ContainerSpec.Image}} {{json .Spec.TaskTemplate.ContainerSpec.Env}}')).toBe(`${WEB2} ["MODE=cli"]`)
    const ps = await swarmdesk(['service', 'ps', NAME])
    expect(ps.stdout).toMatch(/\\_ /)
    expect(ps.stdout).toContain(WEB1)
  })

  it('rollback goes back to the previous spec; --detach returns at once', async () => {
    const result = await swarmdesk(['service', 'rollback', '--detach', NAME])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain(`docker service rollback ${NAME}`)
    expect(await inspect(NAME, '{{.Spec.TaskTemplate.ContainerSpec.Image}}')).toMatch(new RegExp(`^${WEB1.replace(/[.]/g, '\\.')}@sha256:`))
  })

  it('misuse exits 2; a global service cannot be scaled (exit 1, nothing changed)', async () => {
    expect((await swarmdesk(['service', 'scale', NAME], { expectFailure: true })).code).toBe(2)
    expect((await swarmdesk(['service', 'update', NAME], { expectFailure: true })).code).toBe(2)
    const version = await inspect(GLOBAL, '{{.Version.Index}}')
    const refused = await swarmdesk(['service', 'scale', `${GLOBAL}=2`], { expectFailure: true })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('is a global service')
    expect(await inspect(GLOBAL, '{{.Version.Index}}')).toBe(version)
    const noPrevious = await swarmdesk(['--json', 'service', 'rollback', GLOBAL], { expectFailure: true })
    expect(noPrevious.code).toBe(1)
    expect(JSON.parse(noPrevious.stderr.trim().split('\n').pop() ?? '{}').error.message).toContain('no previous spec')
  })

  it('updates a stack service (`<stack>_<name>`) with an env-only change and returns only when every task runs the new spec', async () => {
    // The course's rollout: same image, APP_VERSION changed, parallelism 1 with a delay. The
    // name has an underscore like every stack service (refused before); the wait must not take
    // the old tasks (same image) for new ones.
    await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', STACKED, '--replicas', '3', '--update-parallelism', '1', '--update-delay', '2s', '--env', 'APP_VERSION=1.0', WEB1])
    await waitRunning(STACKED, 3)
    const result = await swarmdesk(['service', 'update', '--env-add', 'APP_VERSION=2.0', STACKED])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`${STACKED}: converged (3/3 running)`)
    expect(await inspect(STACKED, '{{.UpdateStatus.State}}')).toBe('completed')
    const envs = await docker(lab, 'manager1', ['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.ID}}', STACKED])
    for (const id of envs.split('\n').filter(Boolean)) {
      const task = await docker(lab, 'manager1', ['inspect', '--format', '{{.Status.State}} {{json .Spec.ContainerSpec.Env}}', id])
      expect(task).toBe('running ["APP_VERSION=2.0"]')
    }
  })

  it('rm removes', async () => {
    const result = await swarmdesk(['service', 'rm', NAME, GLOBAL])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout.split('\n').filter(Boolean)).toEqual([NAME, GLOBAL])
    const names = await docker(lab, 'manager1', ['service', 'ls', '--format', '{{.Name}}'])
    expect(names).not.toContain(NAME)
  })
})
