import { describe, expect, it } from 'vitest'
import { containerCpuPercent, containerMemory, taskCpuPercent } from './container-stats'

const s = (container: number, system: number, onlineCpus = 2) => ({ container, system, onlineCpus })

describe('container CPU % as docker stats computes it', () => {
  it.each([
    ['one CPU busy on a 2-CPU node', s(0, 0), s(1e9, 2e9), 100],
    ['half a CPU', s(1e9, 10e9), s(1.5e9, 12e9), 50],
    ['all of 4 CPUs', s(0, 0, 4), s(4e9, 4e9, 4), 400],
    ['idle', s(5e9, 10e9), s(5e9, 12e9), 0],
    ['no system time passed', s(1, 10), s(2, 10), null],
    ['counters reset (container restarted)', s(9e9, 10e9), s(1e9, 12e9), null],
    ['no earlier sample', null, s(1e9, 2e9), null]
  ])('%s', (_name, before, after, expected) => {
    expect(containerCpuPercent(before, after)).toBe(expected)
  })

  it('uses the previous answer when there is one, else the engine pre-sample', () => {
    const stats = { cpu_stats: { cpu_usage: { total_usage: 3e9 }, system_cpu_usage: 20e9, online_cpus: 2 }, precpu_stats: { cpu_usage: { total_usage: 2.5e9 }, system_cpu_usage: 19e9, online_cpus: 2 } }
    expect(taskCpuPercent(null, stats).cpuPercent).toBe(100)
    expect(taskCpuPercent(s(1e9, 12e9), stats)).toEqual({ cpuPercent: 50, counters: s(3e9, 20e9) })
  })

  it('gives null for a first one-shot answer (its pre-sample is zeros)', () => {
    const stats = { cpu_stats: { cpu_usage: { total_usage: 3e9 }, system_cpu_usage: 20e9, online_cpus: 2 }, precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: 0 } }
    expect(taskCpuPercent(null, stats)).toEqual({ cpuPercent: null, counters: s(3e9, 20e9) })
  })

  it('gives null when the engine sent no CPU counters (a stopped container)', () => {
    expect(taskCpuPercent(null, { cpu_stats: { cpu_usage: {} }, precpu_stats: {} }).cpuPercent).toBeNull()
  })
})

describe('container memory', () => {
  it.each([
    ['cgroup v2: less inactive_file', { usage: 10_000, limit: 64_000, stats: { inactive_file: 3_000 } }, { usedBytes: 7_000, limitBytes: 64_000 }],
    ['cgroup v1: less total_inactive_file', { usage: 10_000, limit: 64_000, stats: { total_inactive_file: 4_000 } }, { usedBytes: 6_000, limitBytes: 64_000 }],
    ['cache larger than usage', { usage: 1_000, limit: 2_000, stats: { inactive_file: 5_000 } }, { usedBytes: 1_000, limitBytes: 2_000 }],
    ['nothing reported', undefined, { usedBytes: 0, limitBytes: 0 }]
  ])('%s', (_name, memory_stats, expected) => {
    expect(containerMemory({ memory_stats })).toEqual(expected)
  })
})
