// Kept apart from call-deadline.ts (which words its refusals) so that the light engine reads
// (engine-reads.ts) share these figures without loading the phrase schemas.
/** Timing of Engine API calls, in one place. */
export const engineTiming = {
  /**
   * The client's idle rule: a request that receives nothing for this long fails. Streams (the
   * /events feed, service logs) turn it off on their own socket once open.
   */
  idleMs: 15_000,
  /**
   * An ordinary call (a read, a create, an update) gives up after this long in all. A silent
   * engine is caught sooner by the idle rule; this ends a call whose answer trickles, and stays
   * above the domains' own waits (the registry lookup's 30 s) so their words win.
   */
  callMs: 60_000
}
