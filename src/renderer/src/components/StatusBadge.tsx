import type { ReactNode } from 'react'
import { Badge, type BadgeProps } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { toneOf, type StatusValue } from './status'

interface StatusBadgeProps extends Omit<BadgeProps, 'color' | 'children'> {
  status: StatusValue
  testId?: string
  /** Native tooltip, e.g. the engine's state message. */
  title?: string
}

/** A coloured, translated state word: green is healthy, yellow/orange needs a look, red is broken. */
export function StatusBadge({ status, testId, variant = 'light', size = 'sm', ...rest }: StatusBadgeProps): ReactNode {
  const { t } = useTranslation()
  return (
    <Badge color={toneOf(status)} variant={variant} size={size} radius="sm" data-testid={testId} data-status={status} {...rest}>
      {t(`status.${status}` as const)}
    </Badge>
  )
}
