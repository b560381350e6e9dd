import { useState, type ReactNode } from 'react'
import { Group, Paper, Select, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SwarmNode } from '../../../../shared/domain'
import { NodeMetricsChart } from '../metrics'

/** The chart of one node of the page (the single selected one, else the one picked here). */
export function NodeMetricsPanel({ clusterId, nodes, selected }: { clusterId: string; nodes: readonly SwarmNode[]; selected: readonly SwarmNode[] }): ReactNode {
  const { t } = useTranslation()
  const [picked, setPicked] = useState<string | null>(null)
  const sorted = [...nodes].sort((a, b) => a.hostname.localeCompare(b.hostname, undefined, { numeric: true }))
  const node = nodes.find((n) => n.id === picked) ?? (selected.length === 1 ? selected[0] : sorted[0])
  if (!node) return null
  return (
    <Paper withBorder p="xs" data-testid="node-metrics-panel">
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={500}>
          {t('metrics.node.title', { node: node.hostname })}
        </Text>
        <Select
          size="xs"
          w={180}
          aria-label={t('metrics.node.pick')}
          data={sorted.map((n) => ({ value: n.id, label: n.hostname }))}
          value={node.id}
          onChange={(value) => setPicked(value)}
          allowDeselect={false}
          data-testid="node-metrics-pick"
        />
      </Group>
      <NodeMetricsChart clusterId={clusterId} nodeId={node.id} hostname={node.hostname} />
    </Paper>
  )
}
