import { describe, expect, it } from 'vitest'
import { summariseEngineLabels, summariseLabels, type LabelSummary, type LabelledNode } from './label-summary'
import { editedNode } from './label-editor-store'

describe('summariseLabels', () => {
  it.each<[string, LabelledNode[], LabelSummary[]]>([
    ['no nodes', [], []],
    ['one node, keys sorted naturally', [{ hostname: 'w1', labels: { 'rack10': 'x', rack9: 'y' } }], [
      { key: 'rack9', hostnames: ['w1'], values: ['y'] },
      { key: 'rack10', hostnames: ['w1'], values: ['x'] }
    ]],
    [
      'shared, partial and differing labels',
      [
        { hostname: 'w1', labels: { zone: 'east', ssd: '', tier: 'web' } },
        { hostname: 'w2', labels: { zone: 'west', ssd: '' } },
        { hostname: 'w3', labels: { zone: 'east' } }
      ],
      [
        { key: 'ssd', hostnames: ['w1', 'w2'], values: [''] },
        { key: 'tier', hostnames: ['w1'], values: ['web'] },
        { key: 'zone', hostnames: ['w1', 'w2', 'w3'], values: ['east', 'west'] }
      ]
    ]
  ])('%s', (_name, nodes, expected) => {
    expect(summariseLabels(nodes)).toEqual(expected)
  })
})

describe('summariseEngineLabels: what the editor shows read-only (the outlined labels of the Nodes table)', () => {
  const worker = (hostname: string, labels: Record<string, string>, engineLabels: Record<string, string>) => ({ id: hostname, hostname, labels, engineLabels })
  it.each([
    ['no engine label', [worker('worker1', { zone: 'a' }, {})], []],
    ['one node: its engine labels, not its node labels', [worker('worker1', { zone: 'a' }, { 'lab.node': 'worker1' })], [{ key: 'lab.node', hostnames: ['worker1'], values: ['worker1'] }]],
    [
      'two nodes, values differing and a key on one only',
      [worker('worker1', {}, { 'lab.node': 'worker1', gpu: '' }), worker('worker2', {}, { 'lab.node': 'worker2' })],
      [
        { key: 'gpu', hostnames: ['worker1'], values: [''] },
        { key: 'lab.node', hostnames: ['worker1', 'worker2'], values: ['worker1', 'worker2'] }
      ]
    ]
  ])('%s', (_name, nodes, expected) => {
    // as the Nodes page, the row menu and the placement views open the editor
    expect(summariseEngineLabels(nodes.map(editedNode))).toEqual(expected)
  })
})
