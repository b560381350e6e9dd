// A task's CPU and memory from its node engine's container stats, computed as `docker stats` does
// (docker/cli cli/command/container/stats_helpers.go). Pure.
import type { EngineContainerStats, EngineCpuStats } from '../docker/engine-shapes'

/** The CPU counters of one stats answer (ns of CPU time, and of the host's time, in total). */
export interface CpuCounters {
  container: number
  system: number
  onlineCpus: number
}

export function cpuCountersOf(stats: EngineCpuStats | undefined): CpuCounters | null {
  const container = stats?.cpu_usage?.total_usage
  const system = stats?.system_cpu_usage
  // A one-shot answer's precpu_stats are zeros: no reading at all.
  if (typeof container !== 'number' || typeof system !== 'number' || system <= 0) return null
  return { container, system, onlineCpus: stats?.online_cpus ?? 0 }
}

/** (Δcontainer / Δsystem) × online CPUs × 100: 100 = one CPU fully busy. Null without a usable delta. */
export function containerCpuPercent(before: CpuCounters | null, after: CpuCounters | null): number | null {
  if (!before || !after) return null
  const container = after.container - before.container
  const system = after.system - before.system
  if (system <= 0 || container < 0) return null
  const cpus = after.onlineCpus > 0 ? after.onlineCpus : before.onlineCpus > 0 ? before.onlineCpus : 1
  return (container / system) * cpus * 100
}

/** Usage less the inactive page cache (cgroup v2 `inactive_file`, v1 `total_inactive_file`), like `docker stats`. */
export function containerMemory(stats: EngineContainerStats): { usedBytes: number; limitBytes: number } {
  const usage = stats.memory_stats?.usage ?? 0
  const detail = stats.memory_stats?.stats ?? {}
  const cache = detail.total_inactive_file ?? detail.inactive_file ?? 0
  return { usedBytes: cache < usage ? usage - cache : usage, limitBytes: stats.memory_stats?.limit ?? 0 }
}

/**
 * The CPU share of a new answer: against the previous answer of the same container when there is
 * one, else against the answer's own pre-sample (`precpu_stats`, filled by engines that ignore
 * one-shot); null for a first one-shot answer (its pre-sample is zeros).
 */
export function taskCpuPercent(previous: CpuCounters | null, stats: EngineContainerStats): { cpuPercent: number | null; counters: CpuCounters | null } {
  const counters = cpuCountersOf(stats.cpu_stats)
  const before = previous ?? cpuCountersOf(stats.precpu_stats)
  return { cpuPercent: containerCpuPercent(before, counters), counters }
}
