import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { procedures, type ProcedureName } from '../../src/shared/contract'
import { errorCodeSchema } from '../../src/shared/errors'
import { createServices } from '../../src/main/composition'
import { createDispatcher } from '../../src/main/rpc/dispatcher'
import { createNodePlatform } from '../../src/main/platform/node-platform'
import { deepNesting, fuzzSeed, hostileValue, rng } from '../support/fuzz'

// The contract's dispatcher with the real services in this process and no cluster open: every
// procedure gets values its schema accepts but an attacker would pick (strings at their limit,
// `..` paths, NUL bytes, deep nesting where the schema takes anything). Every answer must be a
// result or a typed error; a procedure that needs a cluster must say so (NOT_FOUND), not crash.
// clusters.open is left out: with no profile saved it would dial the engine of this machine.
const CASES = 2500
const NOT_FUZZED = new Set<ProcedureName>(['clusters.open'])

const dataDir = mkdtempSync(join(tmpdir(), 'sd-fuzz-dispatch-'))
const services = createServices({
  platform: createNodePlatform(dataDir),
  env: { HOME: dataDir },
  userKnownHostsPath: join(dataDir, 'known_hosts'),
  sshConfigPath: join(dataDir, 'ssh_config')
})
const dispatcher = createDispatcher(services.router)
afterAll(() => services.dispose())

describe('fuzz: the dispatcher', () => {
  it(`answers ${CASES} hostile calls with results or typed errors`, async () => {
    const seed = fuzzSeed()
    const r = rng(seed)
    const names = (Object.keys(procedures) as ProcedureName[]).filter((name) => !NOT_FUZZED.has(name))
    const tally = { cases: 0, schemaValid: 0, ok: 0, codes: new Map<string, number>() }
    for (let i = 0; i < CASES; i++) {
      const name = r.pick(names)
      const schema = procedures[name].input
      const input = r.chance(0.05) ? deepNesting(5000) : hostileValue(r, schema)
      if (schema.safeParse(input ?? {}).success) tally.schemaValid++
      const answer = await dispatcher.dispatch(r.chance(0.02) ? `${name}\0` : name, input, { transport: 'direct' })
      tally.cases++
      if (answer.ok) tally.ok++
      else {
        const typed = errorCodeSchema.safeParse(answer.error.code)
        expect(typed.success, `seed ${seed} case ${i} ${name}: untyped error ${JSON.stringify(answer.error).slice(0, 300)}`).toBe(true)
        expect(answer.error.code, `seed ${seed} case ${i} ${name}: ${answer.error.message}`).not.toBe('INTERNAL')
        tally.codes.set(answer.error.code, (tally.codes.get(answer.error.code) ?? 0) + 1)
      }
      // every answer crosses a transport as JSON
      expect(() => JSON.stringify(answer)).not.toThrow()
    }
    const codes = [...tally.codes].map(([code, n]) => `${code} ${n}`).join(', ')
    console.log(`fuzz dispatcher: seed ${seed} (SWARMDESK_FUZZ_SEED=${seed} replays it): ${tally.cases} cases, ${tally.schemaValid} schema-valid, ${tally.ok} ok, errors: ${codes}`)
    expect(tally.schemaValid).toBeGreaterThan(CASES / 3)
  }, 120_000)
})
