import { describe, expect, it } from 'vitest'
import { labelChangeCli, labelChangeCliForNodes } from './node-cli'

describe('labelChangeCli', () => {
  it.each([
    [{ add: { 'e2e.zone': 'blue' }, remove: [] }, 'worker1', 'docker node update --label-add e2e.zone=blue worker1'],
    [{ add: {}, remove: ['e2e.zone'] }, 'worker1', 'docker node update --label-rm e2e.zone worker1'],
    [{ add: { ssd: '' }, remove: ['old', 'older'] }, 'w2', 'docker node update --label-rm old --label-rm older --label-add ssd= w2'],
    [{ add: { note: "it's big" }, remove: [] }, 'my node', `docker node update --label-add 'note=it'\\''s big' 'my node'`]
  ])('%j on %s', (change, node, expected) => {
    expect(labelChangeCli(change, node)).toBe(expected)
  })

  it('writes one command per node', () => {
    expect(labelChangeCliForNodes({ add: { zone: 'east' }, remove: [] }, ['worker1', 'worker2'])).toBe(
      'docker node update --label-add zone=east worker1\ndocker node update --label-add zone=east worker2'
    )
  })
})
