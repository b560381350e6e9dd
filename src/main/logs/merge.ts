/**
 * Merges lines from several sources (tasks) by time while keeping each source's own order: the
 * engine stamps each task's lines in the order they were written, but tasks on different nodes
 * arrive interleaved in whatever order the network delivers them. A k-way merge never reorders
 * the lines of one task, even if two of its lines carry the same timestamp. Pure.
 */
export function mergeByTime<T>(lines: readonly T[], sourceOf: (line: T) => string, timeOf: (line: T) => string): T[] {
  const queues = new Map<string, T[]>()
  for (const line of lines) {
    const key = sourceOf(line)
    const queue = queues.get(key)
    if (queue) queue.push(line)
    else queues.set(key, [line])
  }
  if (queues.size <= 1) return [...lines]
  const heads = [...queues.values()].map((queue) => ({ queue, index: 0 }))
  const merged: T[] = []
  while (merged.length < lines.length) {
    let best: (typeof heads)[number] | null = null
    for (const head of heads) {
      if (head.index >= head.queue.length) continue
      // Ties go to the source listed first, i.e. the one whose lines arrived first.
      if (!best || timeOf(head.queue[head.index]) < timeOf(best.queue[best.index])) best = head
    }
    if (!best) break
    merged.push(best.queue[best.index++])
  }
  return merged
}
