import { describe, expect, it } from 'vitest'
import { requireLab } from '../support/lab'
import { describeDifferences } from '../support/model-diff'
import { runStorm, stormLines } from '../support/storm'

// An event storm at a CI size: 100 services whose tasks stay pending and 3 running ones, 300
// service updates from the docker CLI (env, labels, replicas, CPU limits), 10 more services
// updated and removed at once in the middle of it, then the live mirror
// against a fresh snapshot through a new connection. The lag figures are printed, not asserted
// (the full-size figures belong to `npm run bench:scale`).
describe('event storm', () => {
  it('shows every update made by the CLI and ends equal to a fresh snapshot, field by field', async () => {
    const lab = requireLab()
    const report = await runStorm(lab, {
      pendingServices: 100,
      replicas: 2,
      runningServices: 3,
      removals: 10,
      updates: 300,
      perSecond: 15,
      // the delta path alone: the mirror's 10 s re-read of everything would mend what deltas lose
      reconcile: false,
      log: (line) => console.log(line)
    })
    for (const line of stormLines(report)) console.log(line)
    expect(report.updates.failed).toBe(0)
    expect(report.updates.fired).toBe(300)
    expect(report.services.removed).toBe(10)
    expect(report.updates.missed).toEqual([])
    expect(Object.values(report.updates.byKind).every((count) => count > 0)).toBe(true)
    // no event announces a task: the mirror shows the running services' new tasks by following them, during the storm too
    expect(report.runningTasks.checked).toBeGreaterThan(0)
    expect(report.runningTasks.late).toEqual([])
    expect(report.equality.compared.services).toBeGreaterThanOrEqual(103)
    expect(report.equality.differences, describeDifferences(report.equality.differences)).toEqual([])
  }, 180_000)
})
