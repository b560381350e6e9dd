import type { ReactNode } from 'react'
import { Progress, Stack, Text, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { share, type NodeCapacity } from '../../../../shared/capacity'
import { useFormatters } from '../../i18n/format'

/**
 * What the tasks placed on a node reserve of its CPUs or memory (`0.5 / 2 CPU`, `64 MiB / 2 GiB`)
 * with a thin bar, the limits in the tooltip. From the mirror alone (shared/capacity.ts, the
 * same accounting as the placement planner's).
 */
export function NodeCapacityCell({ capacity, hostname, measure }: { capacity: NodeCapacity | undefined; hostname: string; measure: 'cpu' | 'memory' }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  if (!capacity) return null
  const tooltip = [
    t('metrics.reserved.tooltip', { tasks: capacity.tasks, cpu: f.cpus(capacity.reserved.nanoCpus), memory: f.bytes(capacity.reserved.memoryBytes), node: hostname }),
    t('metrics.reserved.limits', { cpu: f.cpus(capacity.limits.nanoCpus), memory: f.bytes(capacity.limits.memoryBytes) }),
    capacity.unlimitedTasks > 0 ? t('metrics.reserved.unlimited', { tasks: capacity.unlimitedTasks }) : ''
  ]
    .filter(Boolean)
    .join('\n')
  const cpu = measure === 'cpu'
  const used = cpu ? capacity.reserved.nanoCpus : capacity.reserved.memoryBytes
  const total = cpu ? capacity.nanoCpus : capacity.memoryBytes
  const part = share(used, total) ?? 0
  const text = cpu ? t('metrics.reserved.cpu', { used: f.cpus(used), total: f.cpus(total) }) : t('metrics.reserved.memory', { used: f.bytes(used), total: f.bytes(total) })
  return (
    <Tooltip label={tooltip} multiline maw={360} style={{ whiteSpace: 'pre-line' }}>
      <Stack gap={2} style={{ minWidth: 0, width: '100%' }} data-testid={`node-reserved-${measure}`} data-value={cpu ? used / 1e9 : used}>
        <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums' }} truncate="end">
          {text}
        </Text>
        <Progress value={Math.min(100, part * 100)} color={part > 1 ? 'red' : 'teal'} size={3} />
      </Stack>
    </Tooltip>
  )
}
