import type { SwarmSettings } from '../../../../shared/security'

/** The certificate lifetime field of the CA dialog: whole days from 1 to 36500, or empty (unchanged). Null when wrong. */
export function parseExpiryDays(text: string): number | null | undefined {
  const trimmed = text.trim()
  if (!trimmed) return undefined
  if (!/^\d+$/.test(trimmed)) return null
  const days = Number(trimmed)
  return days >= 1 && days <= 36_500 ? days : null
}


/** The settings form: text per field as typed, in the units shown (days for the certificate lifetime). */
export interface SettingsDraft {
  taskHistoryLimit: string
  snapshotInterval: string
  dispatcherHeartbeatSeconds: string
  certExpiryDays: string
}

export function draftOf(settings: SwarmSettings): SettingsDraft {
  const text = (value: number | null) => (value === null ? '' : String(value))
  return {
    taskHistoryLimit: text(settings.taskHistoryLimit),
    snapshotInterval: text(settings.snapshotInterval),
    dispatcherHeartbeatSeconds: text(settings.dispatcherHeartbeatSeconds),
    certExpiryDays: settings.certExpirySeconds === null ? '' : String(settings.certExpirySeconds / 86_400)
  }
}

/**
 * What the form changes against the current settings (only fields that differ), and the fields
 * that are not whole numbers in range. Pure.
 */
export function settingsChange(current: SwarmSettings, draft: SettingsDraft): { change: Partial<SwarmSettings>; invalid: (keyof SettingsDraft)[] } {
  const change: Partial<SwarmSettings> = {}
  const invalid: (keyof SettingsDraft)[] = []
  const whole = (field: keyof SettingsDraft, min: number, max: number): number | null => {
    const text = draft[field].trim()
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      invalid.push(field)
      return null
    }
    return Number(text)
  }
  const history = whole('taskHistoryLimit', 0, 1_000_000)
  if (history !== null && history !== current.taskHistoryLimit) change.taskHistoryLimit = history
  const snapshot = whole('snapshotInterval', 1, 100_000_000)
  if (snapshot !== null && snapshot !== current.snapshotInterval) change.snapshotInterval = snapshot
  const heartbeat = whole('dispatcherHeartbeatSeconds', 1, 86_400)
  if (heartbeat !== null && heartbeat !== current.dispatcherHeartbeatSeconds) change.dispatcherHeartbeatSeconds = heartbeat
  const days = whole('certExpiryDays', 1, 36_500)
  if (days !== null && days * 86_400 !== current.certExpirySeconds) change.certExpirySeconds = days * 86_400
  return { change, invalid }
}
