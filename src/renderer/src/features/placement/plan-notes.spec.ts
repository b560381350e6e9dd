import { describe, expect, it } from 'vitest'
import type { PlacementPlanData, PlacementWarning } from '../../../../shared/placement'
import { planDeltas, planNotes } from './plan-notes'

type Cell = PlacementPlanData['perNode'][number]
const cell = (nodeId: string, eligible: boolean, predictedTasks: number): Cell => ({
  nodeId,
  hostname: nodeId,
  eligible,
  reasons: [],
  existingTasks: 0,
  predictedTasks,
  minTasks: predictedTasks,
  maxTasks: predictedTasks,
  limitedBy: null
})
/** A planner note as main sends it (the phrase is not read here). */
const note = (kind: PlacementWarning['kind'], message: string): PlacementWarning => ({ kind, message, said: { key: 'test.unused' } })
const plan = (patch: Partial<PlacementPlanData>): PlacementPlanData => ({
  service: 's',
  serviceId: null,
  mode: 'replicated',
  desiredTasks: 2,
  perNode: [],
  eligibleCount: 1,
  totalPredicted: 2,
  pendingTasks: 0,
  deterministic: true,
  explanation: null,
  unsuitable: null,
  noEligible: null,
  warnings: [],
  errors: [],
  constraintWarnings: [],
  ...patch
})

describe('planNotes', () => {
  it.each<[string, Partial<PlacementPlanData>, ReturnType<typeof planNotes>]>([
    ['nothing to say', {}, { refused: null, pending: null, noEligible: null, warnings: [] }],
    [
      'no node eligible: the pending warning is taken out of the warnings',
      {
        eligibleCount: 0,
        pendingTasks: 2,
        explanation: 'no suitable node (scheduling constraints not satisfied on 5 nodes)',
        unsuitable: [{ filter: 'constraints', nodes: 5 }],
        noEligible: 'pending',
        warnings: [note('no-eligible', 'No node is eligible: 2 tasks will stay pending — no suitable node (scheduling constraints not satisfied on 5 nodes)'), note('spread', 'something else')]
      },
      { refused: null, pending: { count: 2, unsuitable: [{ filter: 'constraints', nodes: 5 }], noneEligible: true }, noEligible: null, warnings: [note('spread', 'something else')] }
    ],
    [
      'some nodes full',
      {
        pendingTasks: 1,
        explanation: 'no suitable node (max replicas per node limit exceed)',
        unsuitable: [{ filter: 'max-replicas', nodes: 1 }],
        warnings: [note('pending', '1 task will stay pending: no suitable node (max replicas per node limit exceed)')]
      },
      { refused: null, pending: { count: 1, unsuitable: [{ filter: 'max-replicas', nodes: 1 }], noneEligible: false }, noEligible: null, warnings: [] }
    ],
    [
      'a global service with no eligible node: the warning becomes the no-eligible note',
      {
        eligibleCount: 0,
        unsuitable: [{ filter: 'constraints', nodes: 3 }],
        noEligible: 'global',
        warnings: [note('no-eligible', 'No node is eligible: the global service gets no new task — no suitable node (scheduling constraints not satisfied on 3 nodes)'), note('arch', 'other')]
      },
      { refused: null, pending: null, noEligible: 'global', warnings: [note('arch', 'other')] }
    ],
    [
      'constraint warnings are shown on their own',
      {
        warnings: [note('constraint', "constraint 1 (labels.zone == a): unknown key 'labels.zone' — did you mean node.labels.zone == a?"), note('spread', 'spread warning')],
        constraintWarnings: [
          {
            index: 0,
            expression: 'labels.zone == a',
            message: "unknown key 'labels.zone'",
            said: { key: 'placement.said.constraint.unknown-key-equal', params: { name: 'labels.zone' } },
            suggestion: 'did you mean node.labels.zone == a?',
            fix: 'node.labels.zone == a'
          }
        ]
      },
      { refused: null, pending: null, noEligible: null, warnings: [note('spread', 'spread warning')] }
    ],
    [
      'refused: the refusal and the constraint errors are taken out of the warnings',
      {
        eligibleCount: 0,
        desiredTasks: 0,
        warnings: [note('refused', 'The engine will refuse this service: constraint expected one operator from ==, !='), note('constraint', 'constraint 2 (node.role = worker): constraint expected one operator from ==, != — use ==: node.role == worker')],
        errors: [
          {
            index: 1,
            expression: 'node.role = worker',
            message: 'constraint expected one operator from ==, !=',
            said: { key: 'placement.said.constraint.operator-expected', params: { operators: '==, !=' } },
            suggestion: 'use ==: node.role == worker',
            fix: 'node.role == worker'
          }
        ]
      },
      { refused: expect.objectContaining({ index: 1, message: 'constraint expected one operator from ==, !=' }), pending: null, noEligible: null, warnings: [] }
    ]
  ])('%s', (_name, patch, expected) => {
    expect(planNotes(plan(patch))).toEqual(expected)
  })
})

describe('planDeltas', () => {
  it('lists the nodes a what-if changes, by node id', () => {
    const before = plan({ perNode: [cell('w1', true, 2), cell('w2', true, 2), cell('m1', false, 0)] })
    const after = plan({ perNode: [cell('w2', false, 0), cell('w1', true, 4), cell('m1', false, 0)] })
    expect(Object.fromEntries(planDeltas(after, before))).toEqual({
      w2: { eligibleBefore: true, predictedBefore: 2 },
      w1: { eligibleBefore: true, predictedBefore: 2 }
    })
    expect(planDeltas(after, null).size).toBe(0)
  })
})
