import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'
import { crashingRotation, mounted, objectNames, removeQuietly, serviceReplicas, SLEEPER_IMAGE } from '../support/rotation-lab'

// Configs through the same rotation engine: content shown, an identical value refused, a plain
// rotation, a stack-owned config whose edited stack file deploys cleanly afterwards, and crashes
// resumed and rolled back.
let lab: LabStatus
let harness: ReturnType<typeof startServices>
let clusterId: string
let dockerHost: string
const base = uniqueName('h2-cfg')
const config = `${base}-conf`
const consumer = `${base}-svc`
const stack = `${base}-st`
let stackDir: string

beforeAll(async () => {
  lab = requireLab()
  dockerHost = `unix://${labNode(lab, 'manager1').socket}`
  harness = startServices({ env: { DOCKER_HOST: dockerHost } })
  clusterId = (await harness.call('clusters.open', { profileId: 'default' })).clusterId
  const created = await harness.call('secrets.create', { clusterId, kind: 'config', name: config, labels: { team: 'web' }, value: { text: 'listen 80\n' } })
  expect(created.cli).toBe(`docker config create --label team=web ${config} -`)
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', consumer, '--config', `source=${config},target=/etc/app.conf,uid=100,gid=101,mode=0440`, '--update-order', 'start-first', '--update-monitor', '1s', SLEEPER_IMAGE])
  stackDir = tempDir('sd-cfg-stack-')
  writeFileSync(join(stackDir, 'site.conf'), 'site one\n')
  writeFileSync(
    join(stackDir, 'docker-compose.yml'),
    `# the site\nservices:\n  app:\n    image: ${SLEEPER_IMAGE}\n    deploy:\n      update_config:\n        order: start-first\n        monitor: 1s\n    configs:\n      - source: site\n        target: /etc/site.conf\nconfigs:\n  site:\n    file: ./site.conf   # the site's settings\n`
  )
  const deployed = await harness.call('stacks.deploy', { clusterId, stack, source: { paths: [join(stackDir, 'docker-compose.yml')] }, resolveImage: 'never', wait: true, waitTimeoutSeconds: 120 })
  expect(deployed.ok).toBe(true)
  await waitFor(`${consumer} running`, async () => (await serviceReplicas(lab, consumer)).running === 1, 120_000)
}, 240_000)

afterAll(async () => {
  if (!lab) return
  await removeQuietly(lab, ['stack', 'rm', stack])
  await removeQuietly(lab, ['service', 'rm', consumer])
  await waitFor('consumers removed', async () => (await docker(lab, 'manager1', ['service', 'ls', '--filter', `name=${base}`, '-q'])) === '', 60_000).catch(() => undefined)
  for (const name of await objectNames(lab, 'config', base)) await removeQuietly(lab, ['config', 'rm', name])
  harness?.services.dispose()
}, 120_000)

describe('config rotation on the lab', () => {
  it('lists the config with its consumer and shows its content', async () => {
    const configs = await harness.call('secrets.list', { clusterId, kind: 'config' })
    const row = configs.find((c) => c.name === config)
    expect(row?.labels).toEqual({ team: 'web' })
    expect(row?.consumers).toEqual([expect.objectContaining({ serviceName: consumer, target: '/etc/app.conf', uid: '100', gid: '101', mode: 0o440 })])
    expect(await harness.call('secrets.configContent', { clusterId, configId: config })).toMatchObject({ name: config, isText: true, text: 'listen 80\n', sizeBytes: 10 })
  })

  it('refuses the same content, and rotates to a new one keeping target, owner and mode', async () => {
    const same = await harness.call('secrets.planRotation', { clusterId, kind: 'config', objectId: config, value: { text: 'listen 80\n' } })
    expect(same.identity).toBe('identical')
    await expect(harness.call('secrets.rotate', { clusterId, kind: 'config', objectId: config, value: { text: 'listen 80\n' } })).rejects.toMatchObject({ code: 'IDENTICAL_VALUE' })
    expect(await objectNames(lab, 'config', config)).toEqual([config])

    const result = await harness.call('secrets.rotate', { clusterId, kind: 'config', objectId: config, value: { text: 'listen 8080\n' } })
    expect(result.outcome).toBe('completed')
    expect(result.old.removed).toBe(false)
    expect(await mounted(lab, consumer, 'config')).toEqual([`${config}_v2@/etc/app.conf:100:101:440`])
    expect((await harness.call('secrets.configContent', { clusterId, configId: `${config}_v2` })).text).toBe('listen 8080\n')
    // the new version keeps the old labels; nobody uses the old one any more, so it can go
    const v2 = (await harness.call('secrets.list', { clusterId, kind: 'config' })).find((c) => c.name === `${config}_v2`)
    expect(v2?.labels).toMatchObject({ team: 'web', 'com.swarmdesk.rotated-from': config })
    expect(await harness.call('secrets.remove', { clusterId, kind: 'config', objectId: config })).toEqual({ removed: true, name: config, cli: `docker config rm ${config}` })
  }, 180_000)

  it('rotates a stack-owned config and offers the stack file that keeps it (a deploy of it restarts nothing)', async () => {
    const old = `${stack}_site`
    const plan = await harness.call('secrets.planRotation', { clusterId, kind: 'config', objectId: old, removeOld: true, value: { text: 'site two\n' } })
    expect(plan.newLabels['com.docker.stack.namespace']).toBe(stack)
    expect(plan.warnings.map((w) => w.code)).toContain('STACK_FILE')
    expect(plan.stackFiles).toHaveLength(1)
    const edited = plan.stackFiles[0].text
    expect(edited).toContain(`  site:\n    name: ${old}_v2\n    file: ./site.conf   # the site's settings\n`)
    expect(edited.startsWith('# the site\nservices:')).toBe(true)
    const result = await harness.call('secrets.rotate', { clusterId, kind: 'config', objectId: old, removeOld: true, value: { text: 'site two\n' }, expectFingerprint: plan.fingerprint })
    expect(result.outcome).toBe('completed')
    expect(await mounted(lab, `${stack}_app`, 'config')).toEqual([`${old}_v2@/etc/site.conf:0:0:444`])
    expect(await objectNames(lab, 'config', old)).toEqual([`${old}_v2`])
    // the user saves the edited file and the new content: the next deploy keeps the new version
    writeFileSync(join(stackDir, 'docker-compose.yml'), edited)
    writeFileSync(join(stackDir, 'site.conf'), 'site two\n')
    const next = await harness.call('stacks.plan', { clusterId, stack, source: { paths: [join(stackDir, 'docker-compose.yml')] }, resolveImage: 'never' })
    expect(next.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(next.summary.restarting).toEqual([])
    // the service stays as it is; the deploy would only set the config's labels to the file's
    // (dropping SwarmDesk's rotation labels), which restarts nothing
    expect(next.operations.map((o) => o.kind).sort()).toEqual(['config.update-labels', 'network.unchanged', 'service.unchanged'])
  }, 180_000)

  it('resumes a config rotation killed after its first service was updated, and rolls back one killed after the new version was created', async () => {
    const current = `${config}_v2`
    const killed = await crashingRotation({ dockerHost, dataDir: harness.dataDir, kind: 'config', objectId: current, value: 'listen 9090\n', removeOld: true, crashAfter: 2 })
    expect(killed.signal, killed.stderr).toBe('SIGKILL')
    const [interrupted] = await harness.call('secrets.rotations', { clusterId, onlyUnfinished: true })
    expect(interrupted).toMatchObject({ kind: 'config', state: 'interrupted', old: { name: current } })
    const resumed = await harness.call('secrets.resumeRotation', { clusterId, rotationId: interrupted.id })
    expect(resumed.outcome).toBe('completed')
    expect(await mounted(lab, consumer, 'config')).toEqual([`${config}_v3@/etc/app.conf:100:101:440`])
    expect(await objectNames(lab, 'config', config)).toEqual([`${config}_v3`])

    const killedAgain = await crashingRotation({ dockerHost, dataDir: harness.dataDir, kind: 'config', objectId: `${config}_v3`, value: 'listen 7070\n', removeOld: true, crashAfter: 1 })
    expect(killedAgain.signal, killedAgain.stderr).toBe('SIGKILL')
    const [second] = await harness.call('secrets.rotations', { clusterId, onlyUnfinished: true })
    const rolledBack = await harness.call('secrets.rollbackRotation', { clusterId, rotationId: second.id })
    expect(rolledBack.outcome).toBe('rolled-back')
    expect(rolledBack.new.removed).toBe(true)
    expect(await mounted(lab, consumer, 'config')).toEqual([`${config}_v3@/etc/app.conf:100:101:440`])
    expect(await objectNames(lab, 'config', config)).toEqual([`${config}_v3`])
    expect(await harness.call('secrets.rotations', { clusterId, onlyUnfinished: true })).toEqual([])
  }, 240_000)
})
