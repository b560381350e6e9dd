import { describe, expect, it } from 'vitest'
import { createDispatcher, type Router } from '../rpc/dispatcher'

// Refused inputs of the procedures that carry a value come back as codes and field paths; the
// value itself must never appear in what goes back (and from there into logs or the UI).
describe('secret values in refused inputs', () => {
  const dispatcher = createDispatcher({} as Router)
  const VALUE = 'TOPSECRET-9f2c'
  const cases: [string, unknown][] = [
    ['secrets.create', { clusterId: 'c', kind: 'secret', name: 'bad name', value: { text: VALUE } }],
    ['secrets.create', { clusterId: 'c', kind: 'secret', name: 'ok', value: { text: VALUE, extra: VALUE } }],
    ['secrets.create', { clusterId: 'c', kind: 'secret', name: 'ok', value: { text: VALUE.repeat(100_000) } }],
    ['secrets.rotate', { clusterId: 'c', kind: 'secret', objectId: '', value: { text: VALUE } }],
    ['secrets.planRotation', { clusterId: 'c', kind: 'nope', objectId: 'x', value: { text: VALUE } }],
    ['secrets.resumeRotation', { clusterId: 'c', rotationId: 'r', value: { generate: { length: 2 }, text: VALUE } }]
  ]
  for (const [name, input] of cases) {
    it(`${name} ${JSON.stringify(input).slice(0, 80)}`, async () => {
      const result = await dispatcher.dispatch(name, input, { transport: 'ws' })
      expect(result.ok).toBe(false)
      expect(JSON.stringify(result)).not.toContain('TOPSECRET')
    })
  }
})
