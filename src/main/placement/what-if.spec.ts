import { describe, expect, it } from 'vitest'
import { defineService } from './placement-planner'
import { CPU, counts, node, running } from '../../../tests/support/placement-fixtures'
import { applyChanges, whatIf } from './what-if'
import { french } from '../../../tests/support/french'

/** The English the CLI prints for worded notes. */
const messages = (items: readonly { message: string }[]): string[] => items.map((item) => item.message)

const db = defineService({ id: 'db', name: 'db', replicas: 2, constraints: ['node.labels.tier==db'] })
const web = defineService({ id: 'web', name: 'web', replicas: 3 })

function cluster() {
  let a = node('a', { labels: { tier: 'db' } })
  let b = node('b', { labels: { tier: 'db' } })
  let c = node('c')
  a = running(running(a, 'db', 1), 'web', 1)
  b = running(b, 'db', 1)
  c = running(c, 'web', 2)
  return [a, b, c]
}

describe('whatIf', () => {
  it('no change: nothing moves, nothing to say', () => {
    const result = whatIf(cluster(), [db, web], [])
    expect(result.services.map((s) => [s.name, s.changed, s.movedTasks])).toEqual([
      ['db', false, 0],
      ['web', false, 0]
    ])
    expect(counts(result.services[0].before)).toEqual({ a: 1, b: 1, c: 0 })
    expect(messages(result.summary)).toEqual([])
  })

  it('removing the label from every db node: db loses all its nodes', () => {
    const result = whatIf(cluster(), [db, web], [
      { kind: 'labelRemove', nodeId: 'a', key: 'tier' },
      { kind: 'labelRemove', nodeId: 'b', key: 'tier' }
    ])
    const impact = result.services[0]
    expect(impact.losesAllNodes).toBe(true)
    expect(impact.movedTasks).toBe(2)
    expect(impact.newlyPending).toBe(2)
    expect(counts(impact.after)).toEqual({ a: 0, b: 0, c: 0 })
    expect(messages(impact.after.warnings)[0]).toBe('No node is eligible: 2 tasks will stay pending — no suitable node (scheduling constraints not satisfied on 3 nodes)')
    expect(result.services[1].changed).toBe(false)
    expect(messages(result.summary)).toEqual(['db loses every eligible node: 2 tasks will stay pending'])
  })

  it('draining a node: its tasks move, services elsewhere stay', () => {
    const result = whatIf(cluster(), [db, web], [{ kind: 'availability', nodeId: 'a', availability: 'drain' }])
    const [dbImpact, webImpact] = result.services
    expect(counts(dbImpact.after)).toEqual({ a: 0, b: 2, c: 0 })
    expect(dbImpact.movedTasks).toBe(1)
    expect(dbImpact.losesAllNodes).toBe(false)
    expect(dbImpact.moves).toEqual([
      { nodeId: 'a', hostname: 'a', before: 1, after: 0 },
      { nodeId: 'b', hostname: 'b', before: 1, after: 2 }
    ])
    expect(counts(webImpact.after)).toEqual({ a: 0, b: 1, c: 2 })
    expect(webImpact.movedTasks).toBe(1)
    expect(messages(result.summary)).toEqual(['db: 1 task will move (a 1→0, b 1→2)', 'web: 1 task will move (a 1→0, b 0→1)'])
  })

  it('a node going down is like a drain for its tasks', () => {
    const result = whatIf(cluster(), [db, web], [{ kind: 'nodeState', nodeId: 'c', state: 'down' }])
    expect(result.services[1].movedTasks).toBe(2)
    // b (no web task) first; a (1 web task) is not less than b once b has one, so b takes both.
    expect(counts(result.services[1].after)).toEqual({ a: 1, b: 2, c: 0 })
  })

  it('adding a label: more eligible nodes, nothing moves', () => {
    const result = whatIf(cluster(), [db, web], [{ kind: 'labelAdd', nodeId: 'c', key: 'tier', value: 'db' }])
    const impact = result.services[0]
    expect(impact.after.eligibleCount).toBe(3)
    expect(impact.movedTasks).toBe(0)
    expect(impact.changed).toBe(true)
    expect(messages(result.summary)).toEqual(['db: 1 more eligible node, no task moves'])
  })

  it('editing a constraint: tasks on nodes that no longer match move', () => {
    const result = whatIf(cluster(), [db, web], [{ kind: 'constraints', service: 'web', constraints: ['node.labels.tier != db'] }])
    const impact = result.services[1]
    expect(counts(impact.after)).toEqual({ a: 0, b: 0, c: 3 })
    expect(impact.movedTasks).toBe(1)
    expect(impact.after.eligibleCount).toBe(1)
  })

  it('a constraint edit the engine would refuse: reported, nothing moves', () => {
    const result = whatIf(cluster(), [db, web], [{ kind: 'constraints', service: 'web', constraints: ['tier=db'] }])
    const impact = result.services[1]
    expect(impact.after.errors[0].message).toBe('constraint expected one operator from ==, !=')
    expect(impact.refused).toBe('constraint expected one operator from ==, !=')
    // The app says the refusal in the user's language.
    expect(french(impact.refusedSaid!)).toBe('la contrainte attend un opérateur parmi ==, !=')
    expect(impact.losesAllNodes).toBe(false)
    expect(impact.movedTasks).toBe(0)
    expect(counts(impact.after)).toEqual(counts(impact.before))
    expect(messages(result.summary)).toEqual(['web: the engine would refuse this change (constraint expected one operator from ==, !=); nothing would move'])
  })

  it('moved tasks take their reservations along: a later service may no longer fit', () => {
    const per = { nanoCpus: 2 * CPU, memoryBytes: 0 }
    const big = defineService({ id: 'big', name: 'big', replicas: 1, reservations: per })
    const late = defineService({ id: 'late', name: 'late', replicas: 1, reservations: per, constraints: ['node.hostname==b'] })
    const nodes = [running(node('a'), 'big', 1, per), node('b', { nanoCpus: 2 * CPU })]
    const result = whatIf(nodes, [big, late], [{ kind: 'availability', nodeId: 'a', availability: 'drain' }])
    expect(counts(result.services[0].after)).toEqual({ a: 0, b: 1 })
    expect(result.services[1].before.pendingTasks).toBe(0)
    expect(result.services[1].after.pendingTasks).toBe(1)
    expect(result.services[1].newlyPending).toBe(1)
    expect(result.nodes[1].services.big).toEqual({ tasks: 1, nanoCpus: 2 * CPU, memoryBytes: 0, hostPorts: [] })
  })

  it('service edits: replicas and spread', () => {
    const nodes = [node('a', { labels: { zone: 'x' } }), node('b', { labels: { zone: 'y' } }), node('c', { labels: { zone: 'y' } })]
    const draft = defineService({ name: 'draft', replicas: 2 })
    const result = whatIf(nodes, [draft], [{ kind: 'serviceEdit', service: 'draft', patch: { replicas: 4, preferences: [{ spread: 'node.labels.zone' }] } }])
    expect(counts(result.services[0].after)).toEqual({ a: 2, b: 1, c: 1 })
  })

  it('unknown nodes and services are reported, not applied', () => {
    const result = applyChanges(cluster(), [db], [
      { kind: 'labelAdd', nodeId: 'zz', key: 'k', value: 'v' },
      { kind: 'constraints', service: 'nope', constraints: [] }
    ])
    expect(messages(result.errors)).toEqual(['unknown node zz', 'unknown service nope'])
  })

  it('applyChanges does not touch its input', () => {
    const nodes = cluster()
    const result = applyChanges(nodes, [db], [{ kind: 'labelAdd', nodeId: 'c', key: 'tier', value: 'db' }])
    expect(nodes[2].labels).toEqual({})
    expect(result.nodes[2].labels).toEqual({ tier: 'db' })
  })
})

describe('what-if lines in French (the app)', () => {
  it('summary lines and ignored changes', () => {
    const losing = whatIf(cluster(), [db, web], [
      { kind: 'labelRemove', nodeId: 'a', key: 'tier' },
      { kind: 'labelRemove', nodeId: 'b', key: 'tier' }
    ])
    expect(losing.summary.map((line) => french(line.said))).toEqual(['db perd tous ses nœuds éligibles : 2 tâches resteront en attente'])
    const draining = whatIf(cluster(), [db, web], [{ kind: 'availability', nodeId: 'a', availability: 'drain' }])
    expect(draining.summary.map((line) => french(line.said))).toEqual(['db : 1 tâche va changer de nœud (a 1→0, b 1→2)', 'web : 1 tâche va changer de nœud (a 1→0, b 0→1)'])
    const unknown = applyChanges(cluster(), [db], [{ kind: 'labelAdd', nodeId: 'zz', key: 'k', value: 'v' }])
    expect(unknown.errors.map((error) => french(error.said))).toEqual(['nœud inconnu zz'])
  })
})
