/**
 * swarmkit's scheduler for one task group (manager/scheduler/scheduler.go scheduleTaskGroup,
 * nodeset.go tree, decision_tree.go orderedNodes), replayed on the cluster index's arrays.
 * Pure and internal to the planner.
 */
import type { Bits, Column, Scratch, SpreadLayout } from './cluster-index'

export interface SimState {
  /** Tasks of this service per node (ActiveTasksCountByService). */
  svc: Int32Array
  /** Tasks of all services per node (ActiveTasksCount). */
  total: Int32Array
  cpu: Float64Array
  mem: Float64Array
}

export interface SimSetup {
  count: number
  /** Ready, constraints, platform, no port held by another service. */
  staticBits: Bits
  /** staticBits and enough resources before any new task: the only nodes a task can go to. */
  eligibleBits: Bits
  resourceFilter: boolean
  resCpu: number
  resMem: number
  hostPorts: boolean
  maxReplicas: number
  /** One column per effective spread level (node value codes). */
  spread: Column[]
  /** Each node's leaf in the spread tree, when there is a spread. */
  layout: SpreadLayout | null
}

export type Rng = () => number

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    const swap = out[i]
    out[i] = out[j]
    out[j] = swap
  }
  return out
}

interface Tree {
  tasks: number
  /** Branches by value code of the next level's column. */
  next: (Tree | undefined)[] | null
  /** The branches in canonical order (by value), once computed. */
  branches: Tree[] | null
  level: number
  /** Leaf: max-heap of node indices while building, then the ordered node list. */
  nodes: number[]
  visited: boolean
}

function newTree(level: number): Tree {
  return { tasks: 0, next: null, branches: null, level, nodes: [], visited: false }
}

/** Max-heap by `after` (the worst node on top): a node added at `at` moves up. */
function siftUp(heap: number[], at: number, after: (a: number, b: number) => boolean): void {
  const item = heap[at]
  while (at > 0) {
    const parent = (at - 1) >> 1
    if (!after(item, heap[parent])) break
    heap[at] = heap[parent]
    at = parent
  }
  heap[at] = item
}
/** A node replaced at `at` moves down. */
function siftDown(heap: number[], at: number, after: (a: number, b: number) => boolean): void {
  const item = heap[at]
  const length = heap.length
  for (;;) {
    let child = 2 * at + 1
    if (child >= length) break
    if (child + 1 < length && after(heap[child + 1], heap[child])) child++
    if (!after(heap[child], item)) break
    heap[at] = heap[child]
    at = child
  }
  heap[at] = item
}

// swarmkit walks every node it knows: the tree has a branch for every value any node has
// (down, drained or ineligible ones included) and counts every node's tasks of the service;
// only nodes that pass the filters enter the leaves (ineligible ones never do, so they are
// skipped here).
function buildTree(
  setup: SimSetup,
  svc: Int32Array,
  order: Int32Array,
  maxAssignments: number,
  { passes, less, after }: { passes: (i: number) => boolean; less: (a: number, b: number) => boolean; after: (a: number, b: number) => boolean }
): Tree {
  const { eligibleBits, spread, layout } = setup
  const root = newTree(0)
  if (maxAssignments === 0) return root
  let leaves: Tree[] | null = null
  if (layout !== null) {
    const levels = spread.length
    leaves = new Array<Tree>(layout.leafCount)
    for (let leaf = 0; leaf < layout.leafCount; leaf++) {
      let tree = root
      for (let level = 0; level < levels; level++) {
        const code = layout.paths[leaf * levels + level]
        if (tree.next === null) tree.next = new Array<Tree | undefined>(spread[level].values.length)
        let next = tree.next[code]
        if (next === undefined) tree.next[code] = next = newTree(level + 1)
        tree = next
      }
      leaves[leaf] = tree
    }
    for (let i = 0; i < svc.length; i++) {
      const tasks = svc[i]
      if (tasks === 0) continue
      let tree = root
      for (let level = 0; level < levels; level++) {
        tree.tasks += tasks
        tree = (tree.next as Tree[])[spread[level].codes[i]]
      }
      tree.tasks += tasks
    }
  }
  for (let r = 0; r < order.length; r++) {
    const i = order[r]
    if ((eligibleBits[i >>> 5] & (1 << (i & 31))) === 0) continue
    const heap = leaves === null ? root.nodes : leaves[(layout as SpreadLayout).leafOf[i]].nodes
    if (heap.length < maxAssignments) {
      if (passes(i)) {
        heap.push(i)
        siftUp(heap, heap.length - 1, after)
      }
    } else if (less(i, heap[0]) && passes(i)) {
      heap[0] = i
      siftDown(heap, 0, after)
    }
  }
  return root
}

/** A tree's branches in canonical order (by value), computed once. */
function branchesOf(tree: Tree, spread: SimSetup['spread']): Tree[] {
  if (tree.branches === null) {
    const next = tree.next as (Tree | undefined)[]
    const rankOf = spread[tree.level].valueRank
    const codes: number[] = []
    for (let code = 0; code < next.length; code++) if (next[code] !== undefined) codes.push(code)
    codes.sort((a, b) => rankOf[a] - rankOf[b])
    tree.branches = codes.map((code) => next[code] as Tree)
  }
  return tree.branches
}

/**
 * Places `need` tasks like swarmkit's scheduleTaskGroup, retrying with a fresh tree while tasks
 * remain and progress is made. Mutates `state`; returns how many were placed.
 */
export function simulateReplicated(
  setup: SimSetup,
  state: SimState,
  need: number,
  order: Int32Array,
  rank: Int32Array,
  rng: Rng | null,
  scratch: Scratch
): number {
  const { staticBits, resourceFilter, resCpu, resMem, hostPorts, maxReplicas, spread } = setup
  const { svc, total, cpu, mem } = state

  const passes = (i: number): boolean => {
    if ((staticBits[i >>> 5] & (1 << (i & 31))) === 0) return false
    if (resourceFilter && (resCpu > cpu[i] || resMem > mem[i])) return false
    if (hostPorts && svc[i] > 0) return false
    if (maxReplicas > 0 && svc[i] >= maxReplicas) return false
    return true
  }
  // nodeLess, without recent failures (unknown to us).
  const less = (a: number, b: number): boolean => svc[a] < svc[b] || (svc[a] === svc[b] && total[a] < total[b])
  // Total order used for the heap and sorting: ties between equal nodes go by iteration rank.
  const after = (a: number, b: number): boolean =>
    svc[a] !== svc[b] ? svc[a] > svc[b] : total[a] !== total[b] ? total[a] > total[b] : rank[a] > rank[b]
  const compare = (a: number, b: number): number => (svc[a] - svc[b]) || (total[a] - total[b]) || (rank[a] - rank[b])

  let remaining = need
  const build = (maxAssignments: number): Tree => buildTree(setup, svc, order, maxAssignments, { passes, less, after })

  const assign = (i: number): void => {
    svc[i]++
    total[i]++
    cpu[i] -= resCpu
    mem[i] -= resMem
    remaining--
  }

  const orderedNodes = (tree: Tree): number[] => {
    if (tree.visited) tree.nodes = tree.nodes.filter(passes)
    tree.visited = true
    tree.nodes.sort(compare)
    return tree.nodes
  }

  const onNodes = (n: number, nodes: number[]): number => {
    let scheduled = 0
    const count = nodes.length
    const failed = scratch.failed
    failed.fill(0, 0, count)
    let iter = 0
    while (remaining > 0) {
      const node = nodes[iter % count]
      assign(node)
      scheduled++
      if (scheduled === n) return scheduled
      if (iter + 1 < count) {
        // First pass fills the nodes until they have as many tasks of the service.
        if (less(nodes[(iter + 1) % count], node)) iter++
      } else {
        // Later passes go round, one task per node that still passes.
        iter++
      }
      const start = iter
      while (failed[iter % count] === 1 || !passes(nodes[iter % count])) {
        failed[iter % count] = 1
        iter++
        if (iter - start === count) return scheduled
      }
    }
    return scheduled
  }

  // Go ranges over a map: a new random order every time.
  const branchOrder = (tree: Tree): Tree[] => (rng === null ? branchesOf(tree, spread) : shuffled(branchesOf(tree, spread), rng))

  const onSubtree = (n: number, tree: Tree): number => {
    if (tree.next === null) {
      const nodes = orderedNodes(tree)
      if (nodes.length === 0) return 0
      return onNodes(n, nodes)
    }
    let scheduled = 0
    let usable = tree.tasks
    const noRoom = new Set<Tree>()
    const branches = branchesOf(tree, spread).length
    // The `converging` guard is swarmkit's 2025 fix for a loop that could spin forever; where
    // 20.10 terminates, it changes nothing.
    let converging = true
    while (scheduled !== n && noRoom.size !== branches && converging && remaining > 0) {
      const open = branches - noRoom.size
      const desired = Math.trunc((usable + n - scheduled) / open)
      let remainder = (usable + n - scheduled) % open
      converging = false
      for (const subtree of branchOrder(tree)) {
        if (noRoom.has(subtree)) continue
        // swarmkit reads the count taken when the tree was built, not what this loop has added.
        const subtreeTasks = subtree.tasks
        if (subtreeTasks < desired || (subtreeTasks === desired && remainder > 0)) {
          converging = true
          let toAssign = desired - subtreeTasks
          if (remainder > 0) toAssign++
          const placed = onSubtree(toAssign, subtree)
          if (placed < toAssign) {
            noRoom.add(subtree)
            usable -= subtreeTasks
          } else if (remainder > 0) {
            remainder--
          }
          scheduled += placed
        }
      }
    }
    return scheduled
  }

  let placed = 0
  while (remaining > 0) {
    const before = remaining
    const tree = build(remaining)
    onSubtree(remaining, tree)
    placed += before - remaining
    if (remaining === before) break
  }
  return placed
}

export function copyState(from: SimState, to: SimState): SimState {
  to.svc.set(from.svc)
  to.total.set(from.total)
  to.cpu.set(from.cpu)
  to.mem.set(from.mem)
  return to
}

export function shuffleInPlace(items: Int32Array, rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    const swap = items[i]
    items[i] = items[j]
    items[j] = swap
  }
}

/** Remove `extra` tasks, each from a node with the most copies (ties: the later node in canonical order). */
export function scaleDown(state: SimState, order: Int32Array, extra: number, resCpu: number, resMem: number): void {
  for (let k = 0; k < extra; k++) {
    let best = -1
    for (let r = 0; r < order.length; r++) {
      const i = order[r]
      if (state.svc[i] > 0 && (best < 0 || state.svc[i] >= state.svc[best])) best = i
    }
    if (best < 0) return
    state.svc[best]--
    state.total[best]--
    state.cpu[best] += resCpu
    state.mem[best] += resMem
  }
}
