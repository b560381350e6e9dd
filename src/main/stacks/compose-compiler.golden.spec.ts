// Golden tests against the real docker CLI: for every tests/fixtures/stacks/<case>/case.json, the
// bodies SwarmDesk would send for a fresh deploy must equal, field by field, the bodies
// `docker stack deploy` sent (cli-bodies.json, recorded by scripts/golden/record-cli-stack.ts
// through a proxy; see tests/fixtures/stacks/README.md). Cases the CLI refused carry hand-written
// expected messages that our loader or compiler must give.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CANONICAL_STACK, goldenCases, withCaseDirToken, type CliBodies } from '../../../scripts/golden/golden-cases'
import { swarmDeskBodies } from '../../../scripts/golden/swarmdesk-bodies'

const cases = goldenCases()

describe('compiler vs recorded docker CLI bodies', () => {
  it('has the recorded cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
    for (const c of cases) expect(existsSync(join(c.dir, 'cli-bodies.json')), `${c.name}/cli-bodies.json`).toBe(true)
  })

  for (const c of cases) {
    it(c.name, async () => {
      const recorded = JSON.parse(readFileSync(join(c.dir, 'cli-bodies.json'), 'utf8')) as CliBodies
      const ours = withCaseDirToken(await swarmDeskBodies(c, CANONICAL_STACK), c.dir)
      if (recorded.cliError !== undefined) {
        expect(c.expectedErrors, `${c.name}: the CLI refused it (${recorded.cliError}); case.json needs expectedErrors`).toBeDefined()
        expect(recorded.services).toEqual([])
        for (const message of c.expectedErrors ?? []) expect(ours.errors.join('\n')).toContain(message)
        return
      }
      expect(ours.errors).toEqual([])
      expect(ours.bodies?.networks).toEqual(recorded.networks)
      expect(ours.bodies?.secrets).toEqual(recorded.secrets)
      expect(ours.bodies?.configs).toEqual(recorded.configs)
      expect(ours.bodies?.services).toEqual(recorded.services)
    })
  }
})
