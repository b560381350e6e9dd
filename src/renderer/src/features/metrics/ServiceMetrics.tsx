import { useMemo, type ReactNode } from 'react'
import { SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { TaskSample } from '../../../../shared/metrics'
import { TimeSeriesChart, type ChartLine } from '../../components/TimeSeriesChart'
import { useFormatters } from '../../i18n/format'
import { serviceChartData } from './charts'
import { useMetricsStore } from './metrics-store'
import { useMetricsWatch } from './use-metrics-watch'

/**
 * A service's CPU (100 % = one CPU, like docker stats) and memory while the view is open: the sum
 * of its tasks, and one line per task. `taskLabel` names a task (`web.3`); tasks are the ones to draw.
 */
export function ServiceMetrics({ clusterId, serviceId, taskIds, taskLabel }: { clusterId: string; serviceId: string; taskIds: readonly string[]; taskLabel: (taskId: string) => string }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  useMetricsWatch(clusterId, { serviceId })
  const series = useMetricsStore((s) => s.clusters[clusterId]?.tasks)
  const intervalMs = useMetricsStore((s) => s.intervalMs)
  const tasks = useMemo(() => {
    const wanted = new Set(taskIds)
    return Object.entries(series ?? {})
      .filter(([taskId, samples]) => wanted.has(taskId) || samples[0]?.serviceId === serviceId)
      .map(([taskId, samples]) => ({ taskId, samples: samples as TaskSample[] }))
      .sort((a, b) => taskLabel(a.taskId).localeCompare(taskLabel(b.taskId), undefined, { numeric: true }))
  }, [series, taskIds, serviceId, taskLabel])
  const cpu = useMemo(() => serviceChartData(tasks, (s) => s.cpuPercent, intervalMs), [tasks, intervalMs])
  const memory = useMemo(() => serviceChartData(tasks, (s) => s.memoryBytes, intervalMs), [tasks, intervalMs])
  const lines: ChartLine[] = useMemo(() => [{ label: t('metrics.chart.total'), color: '#868e96', width: 2 }, ...tasks.map((task) => ({ label: taskLabel(task.taskId) }))], [t, tasks, taskLabel])

  return (
    <Stack gap={6} data-testid="service-metrics">
      <Title order={5}>{t('metrics.service.title')}</Title>
      {taskIds.length === 0 && tasks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('metrics.service.noTasks')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t('metrics.chart.cpu')} ({t('metrics.chart.percentOfCore')})
            </Text>
            <TimeSeriesChart lines={lines} data={cpu.data} yMin={100} formatValue={(v) => `${f.number(Math.round(v * 10) / 10)} %`} testId="service-cpu-chart" lastValue={cpu.last} ariaLabel={t('metrics.chart.cpu')} />
          </Stack>
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t('metrics.chart.memory')}
            </Text>
            <TimeSeriesChart lines={lines} data={memory.data} yMin={1} formatValue={(v) => f.bytes(v)} testId="service-memory-chart" lastValue={memory.last} ariaLabel={t('metrics.chart.memory')} />
          </Stack>
        </SimpleGrid>
      )}
      <Text size="xs" c="dimmed">
        {t('metrics.chart.sampledEvery', { seconds: intervalMs / 1000 })}
      </Text>
    </Stack>
  )
}
