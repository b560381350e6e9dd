import { useMemo, type ReactNode } from 'react'
import { Alert, Group, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { TimeSeriesChart } from '../../components/TimeSeriesChart'
import { useFormatters } from '../../i18n/format'
import { say } from '../../i18n/say'
import { nodeChartData } from './charts'
import { useMetricsStore } from './metrics-store'
import { lastValue } from './series'

const EMPTY: never[] = []

/** One node's CPU % and memory % over the kept 15 minutes, its load and the disk of its docker root. */
export function NodeMetricsChart({ clusterId, nodeId, hostname }: { clusterId: string; nodeId: string; hostname: string }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const samples = useMetricsStore((s) => s.clusters[clusterId]?.nodes[nodeId] ?? EMPTY)
  const fault = useMetricsStore((s) => s.clusters[clusterId]?.faults[nodeId] ?? null)
  const intervalMs = useMetricsStore((s) => s.intervalMs)
  const data = useMemo(() => nodeChartData(samples, intervalMs), [samples, intervalMs])
  const last = samples[samples.length - 1]
  return (
    <Stack gap={6} data-testid={`node-metrics-${hostname}`}>
      {fault ? (
        <Alert color="orange" variant="light" p="xs" data-testid="node-metrics-fault">
          {t('metrics.node.fault', { node: hostname, reason: fault.said ? say(t, fault.said) : fault.message })}
        </Alert>
      ) : null}
      <TimeSeriesChart
        lines={[{ label: t('metrics.chart.cpu'), width: 2 }, { label: t('metrics.chart.memory'), width: 2 }]}
        data={data}
        yMin={100}
        formatValue={(v) => `${f.number(Math.round(v * 10) / 10)} %`}
        testId="node-metrics-chart"
        lastValue={lastValue(data[1])}
        ariaLabel={t('metrics.node.title', { node: hostname })}
      />
      {last ? (
        <Group gap="lg">
          <Text size="xs" c="dimmed" data-testid="node-metrics-load">
            {t('metrics.node.load')}: {last.load ? last.load.map((l) => f.number(l)).join(' · ') : f.none}
          </Text>
          {last.disk ? (
            <Text size="xs" c="dimmed" data-testid="node-metrics-disk">
              {t('metrics.node.disk', { path: last.disk.path })}: {f.bytes(last.disk.usedBytes)} / {f.bytes(last.disk.totalBytes)}
              {last.disk.percent !== null ? ` (${Math.round(last.disk.percent)} %)` : ''}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {f.bytes(last.memoryUsedBytes)} / {f.bytes(last.memoryTotalBytes)}, {last.cpus} CPU
          </Text>
        </Group>
      ) : null}
      <Text size="xs" c="dimmed">
        {t('metrics.chart.sampledEvery', { seconds: intervalMs / 1000 })}
      </Text>
    </Stack>
  )
}
