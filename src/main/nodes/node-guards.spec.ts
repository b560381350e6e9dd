import { describe, expect, it } from 'vitest'
import type { SwarmNode } from '../../shared/domain'
import type { NodeRefusal, NodeWarning } from '../../shared/node-guard-notices'
import { nodeRefusalPhrase, nodeWarningPhrase } from '../../shared/node-guard-phrases'
import { english } from '../i18n/english'
import { checkNodeChange, nodeChangeCli, quorumOf } from './node-guards'

function node(id: string, role: SwarmNode['role'], extra: Partial<SwarmNode> = {}): SwarmNode {
  return {
    id, version: 1, hostname: id, role, availability: 'active', state: 'ready', stateMessage: '', address: '',
    manager: role === 'manager' ? { leader: false, reachability: 'reachable', address: '' } : null,
    engineVersion: '', os: 'linux', arch: 'x86_64', nanoCpus: 1e9, memoryBytes: 1e9, labels: {}, engineLabels: {}, createdAt: '', updatedAt: '', ...extra
  }
}
const leader = (id: string) => node(id, 'manager', { manager: { leader: true, reachability: 'reachable', address: '' } })
const unreachable = (id: string) => node(id, 'manager', { state: 'down', manager: { leader: false, reachability: 'unreachable', address: '' } })

describe('quorumOf', () => {
  it.each([[1, 1], [2, 2], [3, 2], [4, 3], [5, 3], [7, 4]])('%i managers need %i', (managers, quorum) => expect(quorumOf(managers)).toBe(quorum))
})

describe('checkNodeChange', () => {
  it('refuses to demote the last manager', () => {
    const verdict = checkNodeChange([leader('m1'), node('w1', 'worker')], 'm1', { role: 'worker' })
    expect(verdict).toEqual({ refusal: { code: 'last-manager', node: 'm1' }, warnings: [] })
  })
  it('warns that demoting one of 3 leaves an even number, and about the leader election', () => {
    const verdict = checkNodeChange([leader('m1'), node('m2', 'manager'), node('m3', 'manager')], 'm1', { role: 'worker' })
    expect(verdict.refusal).toBeNull()
    expect(verdict.warnings).toEqual([
      { code: 'even-managers', managers: 2, fewer: 1 },
      { code: 'leader-election', node: 'm1' }
    ])
  })
  it('warns that a demotion loses quorum when another manager is already down', () => {
    const verdict = checkNodeChange([leader('m1'), node('m2', 'manager'), unreachable('m3')], 'm2', { role: 'worker' })
    expect(verdict.warnings[0]).toEqual({ code: 'quorum-loss', managers: 2, reachable: 1, quorum: 2 })
  })
  it('warns about promoting to an even number, a node that is not ready, and past 7', () => {
    expect(checkNodeChange([leader('m1'), node('w1', 'worker')], 'w1', { role: 'manager' }).warnings).toEqual([{ code: 'even-managers', managers: 2, fewer: 1 }])
    expect(checkNodeChange([leader('m1'), node('m2', 'manager'), node('w1', 'worker', { state: 'down' })], 'w1', { role: 'manager' }).warnings).toEqual([
      { code: 'manager-not-ready', node: 'w1', state: 'down' }
    ])
    const seven = [leader('m1'), ...['m2', 'm3', 'm4', 'm5', 'm6', 'm7'].map((id) => node(id, 'manager')), node('w', 'worker')]
    expect(checkNodeChange(seven, 'w', { role: 'manager' }).warnings).toContainEqual({ code: 'too-many-managers', managers: 8, max: 7 })
  })
  it('says a no-op is a no-op, and an unknown node is unknown', () => {
    expect(checkNodeChange([leader('m1')], 'm1', { availability: 'active' }).refusal).toEqual({ code: 'already-availability', node: 'm1', availability: 'active' })
    expect(checkNodeChange([leader('m1'), node('w1', 'worker')], 'w1', { role: 'worker' }).refusal).toEqual({ code: 'already-role', node: 'w1', role: 'worker' })
    expect(checkNodeChange([leader('m1')], 'nope', { availability: 'drain' }).refusal).toEqual({ code: 'unknown-node', nodeId: 'nope' })
  })
  it('warns when draining leaves no active node for the tasks, and that a drained manager keeps its vote', () => {
    expect(checkNodeChange([leader('m1')], 'm1', { availability: 'drain' }).warnings).toEqual([
      { code: 'no-active-node', node: 'm1' },
      { code: 'manager-keeps-vote', node: 'm1' }
    ])
    expect(checkNodeChange([leader('m1'), node('w1', 'worker')], 'w1', { availability: 'drain' }).warnings).toEqual([])
  })
})

describe('English wording (CLI, error details)', () => {
  const nodeRefusalText = (refusal: NodeRefusal): string => english(nodeRefusalPhrase(refusal))
  const nodeWarningText = (warning: NodeWarning): string => english(nodeWarningPhrase(warning))
  it.each<[NodeRefusal, string]>([
    [{ code: 'unknown-node', nodeId: 'nope' }, 'no node with id nope in this swarm'],
    [{ code: 'already-role', node: 'w1', role: 'worker' }, 'w1 is already a worker'],
    [{ code: 'already-availability', node: 'm1', availability: 'active' }, 'm1 is already active'],
    [{ code: 'last-manager', node: 'm1' }, 'm1 is the last manager: demoting it would leave the swarm without a manager. Promote another node first.']
  ])('refusal %j', (refusal, text) => expect(nodeRefusalText(refusal)).toBe(text))
  it.each<[NodeWarning, string]>([
    [{ code: 'quorum-loss', managers: 2, reachable: 1, quorum: 2 }, 'after the demotion only 1 of 2 managers are reachable: the swarm would lose quorum (needs 2)'],
    [{ code: 'even-managers', managers: 2, fewer: 1 }, '2 managers is an even number: it tolerates no more failures than 1 would'],
    [{ code: 'too-many-managers', managers: 8, max: 7 }, '8 managers: more than 7 slows Raft down without adding useful fault tolerance'],
    [{ code: 'leader-election', node: 'm1' }, 'm1 is the leader: a new leader election will run'],
    [{ code: 'manager-not-ready', node: 'w1', state: 'down' }, 'w1 is down: a manager that is not ready counts against quorum'],
    [{ code: 'no-active-node', node: 'm1' }, 'no other active node is ready: every task on m1 will stay pending'],
    [{ code: 'manager-keeps-vote', node: 'm1' }, 'm1 stays a manager and keeps its Raft vote; draining only moves its tasks away']
  ])('warning %j', (warning, text) => expect(nodeWarningText(warning)).toBe(text))
})

describe('nodeChangeCli', () => {
  it.each([
    [{ role: 'manager' as const }, 'docker node promote w1'],
    [{ role: 'worker' as const }, 'docker node demote w1'],
    [{ availability: 'drain' as const }, 'docker node update --availability drain w1']
  ])('%j', (change, cli) => expect(nodeChangeCli(change, 'w1')).toBe(cli))
})
