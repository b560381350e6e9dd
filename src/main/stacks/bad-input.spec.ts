// Bad input table: every case of tests/fixtures/stacks/bad/cases.json must be refused by the pure
// part of the plan (load, compile, plan) with exactly the listed messages, at file:line:column
// where there is a place. The messages were checked one by one against what the docker CLI says
// for the same file (the `cli` column, re-checked live by tests/integration/stacks-bad-input.test.ts).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { english } from '../i18n/english'
import { refusalProblemsOf, refusalsOf } from '../../../tests/support/bad-input-pipeline'
import type { LiveState } from '../docker/live-shapes'

const BAD = join(__dirname, '../../../tests/fixtures/stacks/bad')

interface BadCase {
  name: string
  files: string[]
  stack?: string
  env?: Record<string, string>
  /** a file deployed first (the integration test deploys it; here its service is written by hand) */
  live?: string
  errors: string[]
  cli: string
}

const cases = JSON.parse(readFileSync(join(BAD, 'cases.json'), 'utf8')) as BadCase[]

/** the service `docker stack deploy -c mode-replicated.yml h1bad` leaves (fields that matter) */
const REPLICATED_WEB: LiveState = {
  services: [
    {
      ID: 'svc1',
      Version: { Index: 10 },
      Spec: {
        Name: 'h1bad_web',
        Labels: { 'com.docker.stack.namespace': 'h1bad', 'com.docker.stack.image': '10.77.0.1:5000/swarmdesk/sleeper:1' },
        TaskTemplate: { ContainerSpec: { Image: '10.77.0.1:5000/swarmdesk/sleeper:1', Labels: { 'com.docker.stack.namespace': 'h1bad' } }, Networks: [{ Target: 'net1', Aliases: ['web'] }], ForceUpdate: 0 },
        Mode: { Replicated: { Replicas: 1 } },
        EndpointSpec: { Mode: 'vip' }
      }
    }
  ],
  networks: [{ Id: 'net1', Name: 'h1bad_default', Driver: 'overlay', Scope: 'swarm', Labels: { 'com.docker.stack.namespace': 'h1bad' } }],
  secrets: [],
  configs: []
}

describe('bad input is refused with a specific message', () => {
  it('has at least 50 cases, each with its files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50)
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
  })

  for (const c of cases) {
    it(c.name, async () => {
      const paths = c.files.map((f) => join(BAD, f))
      const got = await refusalsOf(paths, { stack: c.stack ?? 'h1bad', env: c.env, live: c.live ? REPLICATED_WEB : undefined })
      expect(got.map((m) => m.split(`${BAD}/`).join(''))).toEqual(c.errors)
    })
  }
})

// The app words each problem from its phrase (in French when the UI is): the phrase must say
// exactly what the English message says after its place (which the app shows apart).
describe('every refusal travels as a phrase that words the same English', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const problems = await refusalProblemsOf(
        c.files.map((f) => join(BAD, f)),
        { stack: c.stack ?? 'h1bad', env: c.env, live: c.live ? REPLICATED_WEB : undefined }
      )
      expect(problems.length).toBeGreaterThan(0)
      for (const p of problems) {
        const place = p.location ? `${p.location.file}:${p.location.line}:${p.location.column}: ` : ''
        const text = place && p.message.startsWith(place) ? p.message.slice(place.length) : p.message
        expect(english(p.said), `${p.code} ${p.message}`).toBe(text)
      }
    })
  }
})
