import { placementReasonPhrase } from '../../shared/placement-phrases'
import type { PlacementReason, PlacementReasonFacts } from '../../shared/placement'
import { withMessage } from '../i18n/words'

/**
 * A reason with its English `message` attached, worded when read (the CLI, JSON): the phrase is
 * the shared mapping of src/shared/placement-phrases.ts, which the app words in the user's
 * language. Frozen: plans share reasons between nodes. The planner makes many reasons that
 * nobody reads, so even the phrase waits for the first read.
 */
export function placementReason(facts: PlacementReasonFacts): PlacementReason {
  return Object.freeze(withMessage(facts, () => placementReasonPhrase(facts))) as PlacementReason
}
