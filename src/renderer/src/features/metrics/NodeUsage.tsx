import type { ReactNode } from 'react'
import { Group, Progress, Text, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { say } from '../../i18n/say'
import { useMetricsStore } from './metrics-store'

const colorOf = (percent: number): string => (percent >= 90 ? 'red' : percent >= 70 ? 'orange' : 'blue')

/** A node's latest CPU % or memory % (from the Nodes page's watch), with a small bar. */
export function NodeUsageCell({ clusterId, nodeId, measure }: { clusterId: string; nodeId: string; measure: 'cpu' | 'memory' }): ReactNode {
  const { t } = useTranslation()
  const samples = useMetricsStore((s) => s.clusters[clusterId]?.nodes[nodeId])
  const fault = useMetricsStore((s) => s.clusters[clusterId]?.faults[nodeId])
  const last = samples?.[samples.length - 1]
  const value = last ? (measure === 'cpu' ? last.cpuPercent : last.memoryPercent) : null
  if (value === null) {
    return (
      <Tooltip label={fault ? (fault.said ? say(t, fault.said) : fault.message) : t('metrics.chart.empty')} multiline maw={360}>
        <Text size="xs" c={fault ? 'orange' : 'dimmed'} data-testid={`node-${measure}`} data-value="">
          {fault ? '!' : '…'}
        </Text>
      </Tooltip>
    )
  }
  return (
    <Group gap={6} wrap="nowrap" justify="flex-end" data-testid={`node-${measure}`} data-value={value.toFixed(1)}>
      <Progress value={Math.min(100, value)} color={colorOf(value)} size="sm" w={36} />
      <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {`${Math.round(value)} %`}
      </Text>
    </Group>
  )
}
