/**
 * Debounce with a ceiling, for re-planning: wait for a pause of `delay` ms in the changes, but
 * never more than `maxWait` ms after the first change not yet answered, so a cluster that never
 * pauses (a long rollout) still gets a fresh plan every `maxWait`. Pure.
 */
export function settleDelay(firstUnansweredAt: number, now: number, delay: number, maxWait: number): number {
  return Math.max(0, Math.min(delay, firstUnansweredAt + maxWait - now))
}
