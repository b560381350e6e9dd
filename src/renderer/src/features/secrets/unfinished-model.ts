import type { RotationRecord } from '../../../../shared/secrets'

/**
 * Rotations SwarmDesk did not finish (it stopped mid-way, or a roll back could not complete), as
 * the banner and the page show them: what was done, and what the user can do next. Pure.
 */

export interface UnfinishedRotation {
  record: RotationRecord
  /** the journal lines that completed, in order */
  done: RotationRecord['log']
  /** services already on the new version (updated or converged) */
  moved: string[]
  /** services not moved yet */
  notMoved: string[]
  /** the new version was never created: resuming needs the value again (VALUE_REQUIRED) */
  resumeNeedsValue: boolean
  /** the old version is gone: only resume can end it consistently (ROLLBACK_IMPOSSIBLE) */
  rollbackPossible: boolean
}

/** `interrupted` (nobody runs it: SwarmDesk stopped) and `failed` (a roll back stopped half-way) need the user; `running` is being run now. */
export function needsAttention(record: Pick<RotationRecord, 'state'>): boolean {
  return record.state === 'interrupted' || record.state === 'failed'
}

export function unfinishedRotations(records: readonly RotationRecord[]): UnfinishedRotation[] {
  return records.filter(needsAttention).map((record) => ({
    record,
    done: record.log.filter((entry) => entry.state === 'done'),
    moved: record.services.filter((s) => s.state === 'updated' || s.state === 'converged').map((s) => s.serviceName),
    notMoved: record.services.filter((s) => s.state === 'pending').map((s) => s.serviceName),
    resumeNeedsValue: record.new.id === null,
    rollbackPossible: !record.oldRemoved
  }))
}

/** The record a result left, replacing the listed one (a run that ended it drops it from the list). */
export function withRecord(records: readonly RotationRecord[], record: RotationRecord): RotationRecord[] {
  const others = records.filter((r) => r.id !== record.id)
  return needsAttention(record) || record.state === 'running' ? [record, ...others] : others
}
