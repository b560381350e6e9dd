import type { TFunction } from 'i18next'
import type { ConstraintMismatch, PlacementPlanData, PlacementReasonFacts, Unsuitable } from '../../../../shared/placement'
import type { Formatters } from '../../i18n/format'

/**
 * Words the placement planner's codes in the current language (main words the same codes in
 * English for the CLI: src/main/placement/placement-text.ts). Pure given `t` and the formatters.
 */
export type PlacementFormat = Pick<Formatters, 'bytes' | 'cpus'>

export function placementReasonText(t: TFunction, format: PlacementFormat, reason: PlacementReasonFacts): string {
  switch (reason.code) {
    case 'NODE_NOT_READY':
      return t(`placement.reason.notReady.${reason.state}`)
    case 'NODE_DRAINED':
      return t('placement.reason.drained')
    case 'NODE_PAUSED':
      return t('placement.reason.paused')
    case 'CONSTRAINT':
      return t('placement.reason.constraint', { constraint: reason.constraint, detail: mismatchText(t, reason.mismatch) })
    case 'PLATFORM': {
      const unknown = t('placement.reason.unknownValue')
      return t('placement.reason.platform', { wanted: reason.wanted.join(', '), os: reason.os || unknown, arch: reason.arch || unknown })
    }
    case 'RESOURCES_CPU':
      return t(reason.full ? 'placement.reason.cpuFull' : 'placement.reason.cpu', { reserved: format.cpus(reason.reservedNanoCpus), free: format.cpus(Math.max(0, reason.freeNanoCpus)) })
    case 'RESOURCES_MEMORY':
      return t(reason.full ? 'placement.reason.memoryFull' : 'placement.reason.memory', { reserved: format.bytes(reason.reservedBytes), free: format.bytes(Math.max(0, reason.freeBytes)) })
    case 'HOST_PORT':
      return t(reason.full ? 'placement.reason.portFull' : 'placement.reason.port', { ports: reason.ports.join(', ') })
    case 'MAX_REPLICAS':
      return t('placement.reason.maxReplicas', { max: reason.max })
    case 'INVALID_SPEC':
      return t('placement.reason.invalidSpec', { error: reason.error })
  }
}

function mismatchText(t: TFunction, mismatch: ConstraintMismatch): string {
  switch (mismatch.code) {
    case 'unknown-key':
      return t('placement.mismatch.unknown-key')
    case 'ip-invalid':
      return t('placement.mismatch.ip-invalid', { value: mismatch.value })
    case 'address-not-ip':
    case 'address':
      return t(`placement.mismatch.${mismatch.code}`, { address: mismatch.address })
    case 'label-missing':
      return t(mismatch.engine ? 'placement.mismatch.engine-label-missing' : 'placement.mismatch.label-missing')
    case 'label':
      return t(mismatch.engine ? 'placement.mismatch.engine-label' : 'placement.mismatch.label', { label: mismatch.label, value: mismatch.value })
    case 'role':
      return t('placement.mismatch.role', { role: mismatch.role === 'manager' || mismatch.role === 'worker' ? t(`status.${mismatch.role}`) : mismatch.role })
    case 'hostname':
      return t('placement.mismatch.hostname', { hostname: mismatch.hostname || t('placement.mismatch.none') })
    case 'id':
      return t('placement.mismatch.id', { id: mismatch.id })
    case 'os':
      return t('placement.mismatch.os', { os: mismatch.os || t('placement.mismatch.unknown') })
    case 'arch':
      return t(mismatch.literal ? 'placement.mismatch.archLiteral' : 'placement.mismatch.arch', { arch: mismatch.arch || t('placement.mismatch.unknown') })
  }
}

/** The scheduler's "no suitable node (...)" in the current language. */
export function unsuitableText(t: TFunction, unsuitable: Unsuitable): string {
  if (unsuitable.length === 0) return t('placement.unsuitable.none')
  const filters = unsuitable.map(({ filter, nodes }) => t(`placement.unsuitable.${filter}`, { count: nodes })).join(t('placement.unsuitable.separator'))
  return t('placement.unsuitable.some', { filters })
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
