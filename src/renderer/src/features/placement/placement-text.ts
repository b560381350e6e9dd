import type { TFunction } from 'i18next'
import type { PlacementPlanData, PlacementReasonFacts, Unsuitable } from '../../../../shared/placement'
import { phrase } from '../../../../shared/phrase'
import { placementReasonPhrase, unsuitablePhrase, type Amounts } from '../../../../shared/placement-phrases'
import type { Formatters } from '../../i18n/format'
import { say } from '../../i18n/say'

/**
 * Words the placement planner's codes in the current language, through the one mapping of them
 * (src/shared/placement-phrases.ts, which main's edges word in English for the CLI); amounts are
 * written with the user's locale. Pure given `t` and the formatters.
 */
export type PlacementFormat = Pick<Formatters, 'bytes' | 'cpus'>

/** CPUs and bytes as the app writes them ("1,5 CPU" in French), inside the shared phrases. */
function localAmounts(format: PlacementFormat): Amounts {
  return {
    cpus: (nanoCpus) => phrase('placement.amount.cpus', { count: nanoCpus / 1e9, amount: format.cpus(nanoCpus) }),
    bytes: (bytes) => format.bytes(bytes)
  }
}

export function placementReasonText(t: TFunction, format: PlacementFormat, reason: PlacementReasonFacts): string {
  return say(t, placementReasonPhrase(reason, localAmounts(format)))
}

/** The scheduler's "no suitable node (...)" in the current language. */
export function unsuitableText(t: TFunction, unsuitable: Unsuitable): string {
  return say(t, unsuitablePhrase(unsuitable))
}

/** The first warning of a plan no node is eligible for, in the current language (null otherwise). */
export function noEligibleText(t: TFunction, plan: Pick<PlacementPlanData, 'noEligible' | 'unsuitable' | 'pendingTasks'>): string | null {
  if (plan.noEligible === null) return null
  const why = unsuitableText(t, plan.unsuitable ?? [])
  return plan.noEligible === 'pending' ? t('placement.noEligible.pending', { count: plan.pendingTasks, why }) : t(`placement.noEligible.${plan.noEligible}`, { why })
}

/**
 * The first warning of a plan (or matrix row) when tasks stay pending or no node is eligible,
 * in the current language; null when the plan has none (its warnings are then as main wrote them).
 */
export function pendingHeadline(t: TFunction, plan: Pick<PlacementPlanData, 'noEligible' | 'unsuitable' | 'pendingTasks'>): string | null {
  const noEligible = noEligibleText(t, plan)
  if (noEligible !== null) return noEligible
  if (plan.pendingTasks > 0) return t('placement.stayPending', { count: plan.pendingTasks, why: unsuitableText(t, plan.unsuitable ?? []) })
  return null
}
