import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

/** Engine timestamps for "never" look like 0001-01-01T00:00:00Z. */
function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null
  const ms = Date.parse(iso)
  if (Number.isNaN(ms) || ms <= 0) return null
  return ms
}

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const
export type ByteUnit = (typeof byteUnits)[number]

/** Binary units, like `docker info` prints them (7.76 GiB). Returns the number and its unit. */
export function splitBytes(bytes: number): { value: number; unit: ByteUnit } {
  let value = Math.max(0, bytes)
  let index = 0
  while (value >= 1024 && index < byteUnits.length - 1) {
    value /= 1024
    index++
  }
  return { value, unit: byteUnits[index] }
}

const relativeSteps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY]
]

export interface Formatters {
  none: string
  dateTime(iso: string | null | undefined): string
  /** "3 min ago", relative to `now` (ms). */
  age(iso: string | null | undefined, now: number): string
  bytes(bytes: number): string
  cpus(nanoCpus: number): string
  number(value: number): string
}

/** Locale-aware formatting bound to the current i18n language. */
export function useFormatters(): Formatters {
  const { t, i18n } = useTranslation()
  const language = i18n.resolvedLanguage ?? 'en'
  return useMemo(() => {
    const none = t('common.none')
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' })
    const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' })
    const decimal = new Intl.NumberFormat(language, { maximumFractionDigits: 2 })
    const oneDecimal = new Intl.NumberFormat(language, { maximumFractionDigits: 1 })
    return {
      none,
      dateTime(iso) {
        const ms = parseTime(iso)
        return ms === null ? none : dateTime.format(ms)
      },
      age(iso, now) {
        const ms = parseTime(iso)
        if (ms === null) return none
        // Engine clocks run a little ahead of ours at times: never say "in 2 sec." about the past.
        let value = Math.min(0, ms - now) / 1000
        for (const [unit, size] of relativeSteps) {
          if (Math.abs(value) < size) return relative.format(Math.round(value), unit)
          value /= size
        }
        return none
      },
      bytes(bytes) {
        const { value, unit } = splitBytes(bytes)
        return t('units.bytes', { value: oneDecimal.format(value), unit: t(`units.${unit}`) })
      },
      cpus(nanoCpus) {
        return decimal.format(nanoCpus / 1e9)
      },
      number(value) {
        return decimal.format(value)
      }
    }
  }, [t, language])
}
