import { describe, expect, it } from 'vitest'
import type { PlacementPlanData, PlacementReason } from '../../shared/placement'
import { placementReason } from '../placement/placement-text'
import { formatPlan } from './placement-commands'
import { phrase } from '../../shared/phrase'

const managerReason = placementReason({ code: 'CONSTRAINT', constraint: 'node.role == worker', mismatch: { code: 'role', role: 'manager' } })
const cell = (hostname: string, eligible: boolean, predicted: number, reason?: PlacementReason, min = predicted, max = predicted) => ({
  nodeId: hostname, hostname, eligible, reasons: reason ? [reason] : [], existingTasks: 0, predictedTasks: predicted, minTasks: min, maxTasks: max, limitedBy: null
})

describe('formatPlan', () => {
  it('prints one row per node by hostname, ranges when tie-breaks vary, and the warnings', () => {
    const plan: PlacementPlanData = {
      service: 'web', serviceId: null, mode: 'replicated', desiredTasks: 3,
      perNode: [cell('worker2', true, 2, undefined, 1, 2), cell('manager1', false, 0, managerReason), cell('worker1', true, 1, undefined, 1, 2)],
      eligibleCount: 2, totalPredicted: 3, pendingTasks: 0, deterministic: false, explanation: null, unsuitable: null, noEligible: null,
      warnings: [{ kind: 'max-replicas', message: 'ties between nodes decide where the odd task goes', said: phrase('placement.said.warning.max-replicas-global') }], errors: [], constraintWarnings: []
    }
    expect(formatPlan(plan)).toBe(
      [
        'SERVICE web (replicated, 3 replicas): 2 of 3 nodes eligible',
        'NODE       ELIGIBLE   TASKS     WHY NOT',
        'manager1   no         0         node.role == worker: node is a manager',
        'worker1    yes        1 (1-2)',
        'worker2    yes        2 (1-2)',
        'warning: ties between nodes decide where the odd task goes',
        ''
      ].join('\n')
    )
  })

  it('shows constraint syntax errors first', () => {
    const plan: PlacementPlanData = {
      service: 'x', serviceId: null, mode: 'global', desiredTasks: 0, perNode: [], eligibleCount: 0, totalPredicted: 0, pendingTasks: 0,
      deterministic: true, explanation: null, unsuitable: null, noEligible: null, warnings: [], errors: [{ index: 0, expression: 'node.role = worker', message: 'constraint expected one operator from ==, !=', said: { key: 'placement.said.constraint.operator-expected', params: { operators: '==, !=' } }, suggestion: 'node.role == worker', fix: 'node.role == worker' }], constraintWarnings: []
    }
    expect(formatPlan(plan).split('\n').slice(0, 2)).toEqual([
      'SERVICE x (global): 0 of 0 nodes eligible',
      'error: constraint 1 "node.role = worker": constraint expected one operator from ==, != (did you mean node.role == worker?)'
    ])
  })
})
