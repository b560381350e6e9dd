import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { startServices } from '../support/services'

// A compose file opened from disk by its path (stacks.readFile), planned and deployed from the
// editor's text with its real path: the relative secret file: and env_file are read beside it.
// The same text without a place on disk is refused at the entry, and nothing reaches the cluster.
const LABEL = 'com.docker.stack.namespace'

let lab: LabStatus
let harness: ReturnType<typeof startServices>
let clusterId: string
const stack = uniqueName('h6-open')

const COMPOSE = (sleeper: string) => `version: "3.8"
services:
  app:
    image: ${sleeper}
    env_file: ./app.env
    secrets:
      - token
    deploy:
      replicas: 1
secrets:
  token:
    file: ./token.txt
`

async function objectCount(name: string): Promise<number> {
  let total = 0
  for (const kind of ['service', 'secret', 'config', 'network']) {
    total += (await docker(lab, 'manager1', [kind, 'ls', '-q', '--filter', `label=${LABEL}=${name}`])).split('\n').filter(Boolean).length
  }
  return total
}

async function failure(path: string): Promise<AppError> {
  try {
    await harness.call('stacks.readFile', { path })
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error(`stacks.readFile ${path} did not fail`)
}

let dir: string
let composePath: string

beforeAll(async () => {
  lab = requireLab()
  harness = startServices({ env: { DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}` } })
  clusterId = (await harness.call('clusters.open', { profileId: 'default' })).clusterId
  dir = tempDir('sd-open-file-')
  composePath = join(dir, 'docker-compose.yml')
  writeFileSync(composePath, COMPOSE(`${lab.registry}/swarmdesk/sleeper:1`))
  writeFileSync(join(dir, 'app.env'), 'GREETING=from-env-file\n')
  writeFileSync(join(dir, 'token.txt'), 'h6-token-value')
  mkdirSync(join(dir, 'folder'))
})

afterAll(async () => {
  await docker(lab, 'manager1', ['stack', 'rm', stack]).catch(() => undefined)
  await waitFor(`stack ${stack} gone`, async () => (await objectCount(stack)) === 0, 60_000).catch(() => undefined)
  harness?.services.dispose()
})

describe('stacks.readFile', () => {
  it('refuses a relative path, a missing file and a directory with specific messages', async () => {
    expect(await failure('docker-compose.yml')).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('"docker-compose.yml" is a relative path') })
    expect(await failure(join(dir, 'missing.yml'))).toMatchObject({ code: 'NOT_FOUND', message: `no file at ${join(dir, 'missing.yml')}` })
    expect(await failure(join(dir, 'folder'))).toMatchObject({ code: 'INVALID_INPUT', message: `${join(dir, 'folder')} is a directory, not a compose file` })
  })

  it('opens the file, plans and deploys it with its real path (file: and env_file read beside it)', async () => {
    const opened = await harness.call('stacks.readFile', { path: composePath })
    expect(opened.path).toBe(composePath)
    expect(opened.text).toBe(COMPOSE(`${lab.registry}/swarmdesk/sleeper:1`))
    expect(opened.sizeBytes).toBe(Buffer.byteLength(opened.text))

    const source = { files: [{ path: opened.path, text: opened.text }] }
    const plan = await harness.call('stacks.plan', { clusterId, stack, source, resolveImage: 'never' })
    expect(plan.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(plan.operations.map((o) => `${o.kind} ${o.name}`).sort()).toEqual([`network.create ${stack}_default`, `secret.create ${stack}_token`, `service.create ${stack}_app`])

    const result = await harness.call('stacks.deploy', { clusterId, stack, source, resolveImage: 'never', wait: true, waitTimeoutSeconds: 120, expectFingerprint: plan.fingerprint })
    expect(result).toMatchObject({ applied: true, ok: true })
    const env = JSON.parse(await docker(lab, 'manager1', ['service', 'inspect', '--format', '{{json .Spec.TaskTemplate.ContainerSpec.Env}}', `${stack}_app`])) as string[]
    expect(env).toContain('GREETING=from-env-file')
    expect(await docker(lab, 'manager1', ['secret', 'ls', '-q', '--filter', `name=${stack}_token`])).not.toBe('')
  })

  it('the same text without a place on disk: a diagnostic at the relative entries, nothing changed on the cluster', async () => {
    const other = uniqueName('h6-unsaved')
    const text = COMPOSE(`${lab.registry}/swarmdesk/sleeper:1`)
    const source = { files: [{ path: 'docker-compose.yml', text, unsaved: true }] }
    const plan = await harness.call('stacks.plan', { clusterId, stack: other, source, resolveImage: 'never' })
    expect(plan.ok).toBe(false)
    const errors = plan.problems.filter((p) => p.severity === 'error')
    expect(errors.map((p) => [p.code, p.path, p.location?.line, p.location?.column])).toEqual([
      ['compose', 'services.app.env_file', 5, 15],
      ['compose', 'secrets.token.file', 12, 11]
    ])
    expect(errors[1].message).toContain('secret token: file "./token.txt" is relative to the compose file, but this file is not on disk')
    const deployed = await harness.call('stacks.deploy', { clusterId, stack: other, source, resolveImage: 'never' })
    expect(deployed.applied).toBe(false)
    expect(await objectCount(other)).toBe(0)
  })
})
