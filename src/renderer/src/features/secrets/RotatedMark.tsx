import type { ReactNode } from 'react'
import { Badge, Code, Stack, Text, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ObjectRow } from './object-rows'

/** SwarmDesk's own labels (rotation bookkeeping, the value's HMAC), folded into one small mark. */
export function RotatedMark({ row }: { row: Pick<ObjectRow, 'swarmDesk' | 'rotatedFrom'> }): ReactNode {
  const { t } = useTranslation()
  const entries = Object.entries(row.swarmDesk)
  if (entries.length === 0) return null
  return (
    <Tooltip
      withArrow
      multiline
      maw={460}
      label={
        <Stack gap={2}>
          <Text size="xs">{row.rotatedFrom ? t('secrets.mark.rotatedHint', { from: row.rotatedFrom }) : t('secrets.mark.madeHint')}</Text>
          {entries.map(([k, v]) => (
            <Code key={k} style={{ fontSize: 10, wordBreak: 'break-all' }}>
              {k}={v}
            </Code>
          ))}
        </Stack>
      }
    >
      <Badge size="xs" variant="light" color={row.rotatedFrom ? 'grape' : 'gray'} radius="sm" tt="none" style={{ flexShrink: 0 }} data-testid="object-rotated-mark" data-rotated-from={row.rotatedFrom ?? ''}>
        {row.rotatedFrom ? t('secrets.mark.rotated') : t('secrets.mark.made')}
      </Badge>
    </Tooltip>
  )
}
