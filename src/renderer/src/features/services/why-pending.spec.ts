import { describe, expect, it } from 'vitest'
import type { PlacementPlanData, PlacementReason } from '../../../../shared/placement'
import { whyNotRunning } from './why-pending'

const zoneMissing: PlacementReason = { code: 'CONSTRAINT', constraint: 'node.labels.zone == east', mismatch: { code: 'label-missing', engine: false }, message: 'node.labels.zone == east: label not set' }
const drained: PlacementReason = { code: 'NODE_DRAINED', message: 'node is drained: it runs no tasks' }
const memory: PlacementReason = { code: 'RESOURCES_MEMORY', reservedBytes: 2 * 1024 ** 3, freeBytes: 1024 ** 3, full: false, message: 'reserves 2 GiB of memory, 1 GiB free' }

const plan = {
  perNode: [
    { nodeId: 'm1', hostname: 'manager1', eligible: false, reasons: [zoneMissing], existingTasks: 0, predictedTasks: 0, minTasks: 0, maxTasks: 0, limitedBy: null },
    { nodeId: 'w1', hostname: 'worker1', eligible: false, reasons: [drained, memory], existingTasks: 0, predictedTasks: 0, minTasks: 0, maxTasks: 0, limitedBy: null },
    { nodeId: 'w2', hostname: 'worker2', eligible: true, reasons: [], existingTasks: 1, predictedTasks: 1, minTasks: 1, maxTasks: 1, limitedBy: null }
  ]
} satisfies Pick<PlacementPlanData, 'perNode'>

const ineligible = [
  { hostname: 'manager1', reasons: [zoneMissing] },
  { hostname: 'worker1', reasons: [drained, memory] }
]

describe('whyNotRunning', () => {
  it.each<[string, { state: string; desiredState: string; error: string; message: string }, string, boolean]>([
    ['no suitable node: the planner says why per node', { state: 'pending', desiredState: 'running', error: 'no suitable node (scheduling constraints not satisfied on 3 nodes)', message: 'pending task scheduling' }, 'no-suitable-node', true],
    ['insufficient resources', { state: 'pending', desiredState: 'running', error: 'no suitable node (insufficient resources on 2 nodes)', message: '' }, 'resources', true],
    ['image that does not exist', { state: 'rejected', desiredState: 'shutdown', error: 'No such image: web:nope', message: 'preparing' }, 'image', false],
    ['image the registry does not have', { state: 'rejected', desiredState: 'running', error: 'manifest unknown', message: '' }, 'image', false],
    ['host port taken', { state: 'pending', desiredState: 'running', error: 'no suitable node (host-mode port already in use on 1 node)', message: '' }, 'host-port', true],
    ['pending without an error yet', { state: 'pending', desiredState: 'running', error: '', message: 'pending task scheduling' }, 'no-suitable-node', true],
    ['starting', { state: 'preparing', desiredState: 'running', error: '', message: 'preparing' }, 'starting', false],
    ['failed with another error', { state: 'failed', desiredState: 'shutdown', error: 'task: non-zero exit (1)', message: '' }, 'failed', false],
    ['running', { state: 'running', desiredState: 'running', error: '', message: 'started' }, 'none', false]
  ])('%s', (_name, task, kind, withNodes) => {
    const why = whyNotRunning(task as Parameters<typeof whyNotRunning>[0], plan)
    expect(why.kind).toBe(kind)
    expect(why.engine).toBe(task.error || task.message)
    expect(why.nodes).toEqual(withNodes ? ineligible : [])
  })

  it('without a plan, still the engine reason', () => {
    expect(whyNotRunning({ state: 'pending', desiredState: 'running', error: 'no suitable node (scheduling constraints not satisfied on 5 nodes)', message: '' }, null)).toEqual({ kind: 'no-suitable-node', engine: 'no suitable node (scheduling constraints not satisfied on 5 nodes)', nodes: [] })
  })
})
