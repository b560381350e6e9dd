// A node's own figures as its kernel and `df` tell them, read over the node's SSH connection with
// one command (nothing installed on the node). Pure parsers here; sampler.ts runs the command.

/** The CPU counters of /proc/stat's first line, in jiffies. */
export interface CpuTimes {
  /** every state summed (user, nice, system, idle, iowait, irq, softirq, steal) */
  total: number
  /** idle + iowait */
  idle: number
}

export interface ProcReading {
  cpu: CpuTimes | null
  cpus: number
  memoryTotalBytes: number
  /** MemTotal - MemAvailable */
  memoryUsedBytes: number
  load: [number, number, number] | null
  disk: { path: string; usedBytes: number; totalBytes: number; percent: number | null } | null
}

const SECTION = '@@swarmdesk@@'

/** A word safe inside single quotes in a POSIX shell. */
const quoted = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`

/** The one command run on the node per sample; its output goes to parseProcOutput. */
export function procCommand(dockerRoot: string): string {
  return `cat /proc/stat; echo ${SECTION}; cat /proc/meminfo; echo ${SECTION}; cat /proc/loadavg; echo ${SECTION}; df -Pk ${quoted(dockerRoot)}`
}

/** The `cpu` line: user nice system idle iowait irq softirq steal (guest time is already in user). */
export function parseProcStat(text: string): { cpu: CpuTimes | null; cpus: number } {
  let cpu: CpuTimes | null = null
  let cpus = 0
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/)
    if (words[0] === 'cpu') {
      const n = words.slice(1, 9).map(Number)
      if (n.length >= 4 && n.every(Number.isFinite)) {
        const [, , , idle, iowait = 0] = n
        cpu = { total: n.reduce((a, b) => a + b, 0), idle: idle + iowait }
      }
    } else if (/^cpu\d+$/.test(words[0])) cpus++
  }
  return { cpu, cpus }
}

/** MemTotal and MemAvailable (kB) in bytes; MemFree + Buffers + Cached on kernels older than 3.14. */
export function parseMeminfo(text: string): { totalBytes: number; availableBytes: number } | null {
  const kb = new Map<string, number>()
  for (const line of text.split('\n')) {
    const match = /^(\w+(?:\(\w+\))?):\s+(\d+)(?:\s+kB)?\s*$/.exec(line.trim())
    if (match) kb.set(match[1], Number(match[2]))
  }
  const total = kb.get('MemTotal')
  if (total === undefined) return null
  const available = kb.get('MemAvailable') ?? (kb.get('MemFree') ?? 0) + (kb.get('Buffers') ?? 0) + (kb.get('Cached') ?? 0)
  return { totalBytes: total * 1024, availableBytes: available * 1024 }
}

export function parseLoadavg(text: string): [number, number, number] | null {
  const words = text.trim().split(/\s+/).slice(0, 3).map(Number)
  return words.length === 3 && words.every(Number.isFinite) ? [words[0], words[1], words[2]] : null
}

/** `df -Pk DIR`: the POSIX format, one line per file system (a long device name stays on its line). */
export function parseDf(text: string, path: string): ProcReading['disk'] {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !/^Filesystem\s/i.test(l))
  if (!line) return null
  const words = line.split(/\s+/)
  // Filesystem 1024-blocks Used Available Capacity Mounted-on (the device name may hold no spaces in -P)
  const [blocks, used, available] = words.slice(1, 4).map(Number)
  if (![blocks, used, available].every(Number.isFinite)) return null
  // As df computes Capacity: used / (used + available), the reserved blocks left out.
  const percent = used + available > 0 ? (used / (used + available)) * 100 : null
  return { path, usedBytes: used * 1024, totalBytes: blocks * 1024, percent }
}

/** The output of procCommand, section by section. */
export function parseProcOutput(text: string, dockerRoot: string): ProcReading {
  const [stat = '', meminfo = '', loadavg = '', df = ''] = text.split(`${SECTION}\n`)
  const { cpu, cpus } = parseProcStat(stat)
  const memory = parseMeminfo(meminfo)
  return {
    cpu,
    cpus,
    memoryTotalBytes: memory?.totalBytes ?? 0,
    memoryUsedBytes: memory ? memory.totalBytes - memory.availableBytes : 0,
    load: parseLoadavg(loadavg),
    disk: parseDf(df, dockerRoot)
  }
}

/** Busy share of all CPUs between two readings, 0..100; null without two readings or time between them. */
export function nodeCpuPercent(before: CpuTimes | null, after: CpuTimes | null): number | null {
  if (!before || !after) return null
  const total = after.total - before.total
  const idle = after.idle - before.idle
  if (total <= 0 || idle < 0) return null
  return Math.min(100, Math.max(0, ((total - idle) / total) * 100))
}

export const percentOf = (used: number, total: number): number | null => (total > 0 ? (used / total) * 100 : null)
