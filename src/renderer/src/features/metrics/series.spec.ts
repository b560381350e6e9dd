import { describe, expect, it } from 'vitest'
import { alignSeries, appendSamples, lastValue, sumLine } from './series'
import { serviceChartData } from './charts'
import type { TaskSample } from '../../../../shared/metrics'

describe('series', () => {
  it('appends in time order, once per sample, the span kept', () => {
    let list = appendSamples(undefined, [{ at: 2000 }, { at: 0 }], 10_000)
    list = appendSamples(list, [{ at: 2000 }, { at: 4000 }], 10_000)
    list = appendSamples(list, [{ at: 1000 }], 10_000)
    expect(list.map((s) => s.at)).toEqual([0, 1000, 2000, 4000])
    expect(appendSamples(list, [{ at: 13_000 }], 10_000).map((s) => s.at)).toEqual([4000, 13_000])
  })

  it('puts lines sampled at slightly different moments on one axis', () => {
    const a = [{ at: 10_010, value: 1 }, { at: 12_020, value: 2 }]
    const b = [{ at: 10_300, value: 5 }, { at: 14_100, value: 7 }]
    expect(alignSeries([a, b], 2000)).toEqual([[10, 12, 14], [1, 2, null], [5, null, 7]])
  })

  it('sums per point, null where no line has a value', () => {
    expect(sumLine([[1, null, null], [2, 3, null]], 3)).toEqual([3, 3, null])
    expect(lastValue([1, 2, null])).toBe(2)
    expect(lastValue([])).toBeNull()
  })

  it("draws a service's total first, then its tasks", () => {
    const sample = (taskId: string, at: number, cpuPercent: number): TaskSample => ({ taskId, serviceId: 's', nodeId: 'n', at, cpuPercent, memoryBytes: 1, memoryLimitBytes: 2 })
    const { data, last } = serviceChartData(
      [
        { taskId: 't1', samples: [sample('t1', 0, 10), sample('t1', 2000, 99)] },
        { taskId: 't2', samples: [sample('t2', 0, 5), sample('t2', 2000, 1)] }
      ],
      (s) => s.cpuPercent,
      2000
    )
    expect(data).toEqual([[0, 2], [15, 100], [10, 99], [5, 1]])
    expect(last).toBe(100)
  })
})
