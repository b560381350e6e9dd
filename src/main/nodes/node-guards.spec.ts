import { describe, expect, it } from 'vitest'
import type { SwarmNode } from '../../shared/domain'
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
    expect(verdict.refusal).toMatch(/last manager/)
  })
  it('warns that demoting one of 3 leaves an even number, and about the leader election', () => {
    const verdict = checkNodeChange([leader('m1'), node('m2', 'manager'), node('m3', 'manager')], 'm1', { role: 'worker' })
    expect(verdict.refusal).toBeNull()
    expect(verdict.warnings).toEqual([
      '2 managers is an even number: it tolerates no more failures than 1 would',
      'm1 is the leader: a new leader election will run'
    ])
  })
  it('warns that a demotion loses quorum when another manager is already down', () => {
    const verdict = checkNodeChange([leader('m1'), node('m2', 'manager'), unreachable('m3')], 'm2', { role: 'worker' })
    expect(verdict.warnings[0]).toBe('after the demotion only 1 of 2 managers are reachable: the swarm would lose quorum (needs 2)')
  })
  it('warns about promoting to an even number and past 7', () => {
    expect(checkNodeChange([leader('m1'), node('w1', 'worker')], 'w1', { role: 'manager' }).warnings).toEqual([
      '2 managers is an even number: it tolerates no more failures than 1 would'
    ])
    const seven = [leader('m1'), ...['m2', 'm3', 'm4', 'm5', 'm6', 'm7'].map((id) => node(id, 'manager')), node('w', 'worker')]
    expect(checkNodeChange(seven, 'w', { role: 'manager' }).warnings).toContain('8 managers: more than 7 slows Raft down without adding useful fault tolerance')
  })
  it('says a no-op is a no-op, and an unknown node is unknown', () => {
    expect(checkNodeChange([leader('m1')], 'm1', { availability: 'active' }).refusal).toBe('m1 is already active')
    expect(checkNodeChange([leader('m1')], 'nope', { availability: 'drain' }).refusal).toBe('no node with id nope in this swarm')
  })
  it('warns when draining leaves no active node for the tasks', () => {
    expect(checkNodeChange([leader('m1')], 'm1', { availability: 'drain' }).warnings[0]).toBe('no other active node is ready: every task on m1 will stay pending')
    expect(checkNodeChange([leader('m1'), node('w1', 'worker')], 'w1', { availability: 'drain' }).warnings).toEqual([])
  })
})

describe('nodeChangeCli', () => {
  it.each([
    [{ role: 'manager' as const }, 'docker node promote w1'],
    [{ role: 'worker' as const }, 'docker node demote w1'],
    [{ availability: 'drain' as const }, 'docker node update --availability drain w1']
  ])('%j', (change, cli) => expect(nodeChangeCli(change, 'w1')).toBe(cli))
})
