import { describe, expect, it } from 'vitest'
import type { SwarmNode } from '../../../../shared/domain'
import { labelFilterSuggestions, labelMatches, nodeMatchesFilters, parseLabelFilter, type NodeFilters } from './node-filter'

function node(hostname: string, extra: Partial<SwarmNode> = {}): SwarmNode {
  return {
    id: hostname, version: 1, hostname, role: 'worker', availability: 'active', state: 'ready', stateMessage: '', address: '10.0.0.1',
    manager: null, engineVersion: '28.0.0', os: 'linux', arch: 'x86_64', nanoCpus: 1e9, memoryBytes: 1e9, labels: {}, engineLabels: {},
    createdAt: '', updatedAt: '', ...extra
  }
}

describe('parseLabelFilter', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['zone', { op: 'has', key: 'zone' }],
    [' zone = east ', { op: 'eq', key: 'zone', value: 'east' }],
    ['zone=', { op: 'eq', key: 'zone', value: '' }],
    ['node.labels.zone==east', { op: 'eq', key: 'zone', value: 'east' }],
    ['node.labels.zone != east', { op: 'ne', key: 'zone', value: 'east' }],
    ['url=a=b', { op: 'eq', key: 'url', value: 'a=b' }],
    ['node.labels.ssd', { op: 'has', key: 'ssd' }]
  ])('%j', (text, expected) => {
    expect(parseLabelFilter(text)).toEqual(expected)
  })
})

describe('labelMatches', () => {
  const labels = { zone: 'east', ssd: '' }
  it.each([
    ['zone', true],
    ['Zone', false],
    ['ssd', true],
    ['ssd=', true],
    ['gpu', false],
    ['zone=east', true],
    ['zone=west', false],
    ['zone!=west', true],
    ['zone!=east', false],
    ['gpu!=yes', true]
  ])('%j -> %s', (text, expected) => {
    expect(labelMatches(labels, parseLabelFilter(text))).toBe(expected)
  })
})

describe('nodeMatchesFilters', () => {
  const nodes = [
    node('manager1', { role: 'manager', manager: { leader: true, reachability: 'reachable', address: '' } }),
    node('worker1', { labels: { zone: 'east' } }),
    node('worker2', { availability: 'drain', labels: { zone: 'west' } })
  ]
  const none: NodeFilters = { text: '', role: 'all', availability: 'all', label: '' }
  it.each([
    ['nothing set', none, ['manager1', 'worker1', 'worker2']],
    ['role', { ...none, role: 'worker' }, ['worker1', 'worker2']],
    ['availability', { ...none, availability: 'drain' }, ['worker2']],
    ['label key', { ...none, label: 'zone' }, ['worker1', 'worker2']],
    ['label key=value', { ...none, label: 'zone=east' }, ['worker1']],
    ['all together', { text: 'worker', role: 'worker', availability: 'active', label: 'zone' }, ['worker1']],
    ['text alone', { ...none, text: 'leader' }, ['manager1']]
  ] as const)('%s', (_name, filters, expected) => {
    expect(nodes.filter((n) => nodeMatchesFilters(n, filters)).map((n) => n.hostname)).toEqual(expected)
  })
})

describe('labelFilterSuggestions', () => {
  it('lists keys first, then key=value pairs, without repeats', () => {
    expect(labelFilterSuggestions([node('a', { labels: { zone: 'east', ssd: '' } }), node('b', { labels: { zone: 'east' } })])).toEqual([
      'ssd',
      'zone',
      'ssd=',
      'zone=east'
    ])
  })
})
