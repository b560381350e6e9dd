import { describe, expect, it } from 'vitest'
import { summariseLabels, type LabelSummary, type LabelledNode } from './label-summary'

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
