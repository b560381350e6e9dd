/**
 * Is the engine link alive? The mirror pings the engine (`GET /_ping`) on a steady beat and counts
 * every answer, and every chunk of its event stream, as a sign of life; the link is lost when no
 * sign came for `silenceLimitMs`. Pure: the mirror keeps the state and asks `livenessStep` what to
 * do at each check.
 *
 * The figures (the issue asks for a failover within 5 s of a manager being reachable, and a
 * manager cut off by a firewall sends nothing, not even a reset):
 * - silence limit 3 s: the cut-off is noticed 3 to 3.25 s after the last sign of life, which
 *   leaves about 1.5 s for the failover itself (an SSH connection to another manager, `GET /info`,
 *   the snapshot: under 1 s on the lab) within the 5 s. Before, a ping every 5 s with a 4 s time-out
 *   noticed it after 4 to 9 s (about 8 s measured).
 * - a ping every second, up to three in flight: a slow but alive manager is not judged by one
 *   slow answer. Whatever its latency under 3 s, its answers keep arriving about once a second
 *   (the pings overlap), so the silence never reaches the limit; only a manager whose `/_ping` (a
 *   constant answer the engine gives without touching the raft) takes over 3 s for several
 *   seconds in a row is left, and then another manager answers better. A busy cluster's event
 *   stream counts too. Three pings in flight at most: a link that stalls does not pile up requests.
 * - a check every 250 ms: the time the limit is passed by before it is noticed.
 * - a check that comes over a second late means main itself was busy (parsing a 100,000-task list,
 *   a long GC on a loaded machine): the engine's answers may be waiting, unread, in the socket, and
 *   timers run before I/O. That check only waits; the next, a turn of the loop later, judges the
 *   silence with what arrived meanwhile. A silence of ours is not the engine's.
 */
export const livenessTiming = {
  pingEveryMs: 1000,
  silenceLimitMs: 3000,
  checkEveryMs: 250,
  maxPingsInFlight: 3,
  ownStallMs: 1000
}

export interface LivenessState {
  /** the last sign of life (an answer to a ping, a chunk of the event stream), or the start */
  lastSignAt: number
  lastPingAt: number
  pingsInFlight: number
  /** the previous check (the caller sets it after each step) */
  lastCheckAt: number
}

export type LivenessStep = 'lost' | 'ping' | 'wait'

export function livenessStep(state: LivenessState, now: number, timing: typeof livenessTiming = livenessTiming): LivenessStep {
  if (now - state.lastCheckAt > timing.ownStallMs) return 'wait'
  if (now - state.lastSignAt > timing.silenceLimitMs) return 'lost'
  if (now - state.lastPingAt >= timing.pingEveryMs && state.pingsInFlight < timing.maxPingsInFlight) return 'ping'
  return 'wait'
}
