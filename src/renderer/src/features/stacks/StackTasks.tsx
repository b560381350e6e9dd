import { useMemo, type ReactNode } from 'react'
import { Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Service } from '../../../../shared/domain'
import { StatusBadge } from '../../components/StatusBadge'
import { useFormatters } from '../../i18n/format'
import { useModelField } from '../mirror/mirror-context'
import { stackTaskRows } from './stack-tasks'

/** The stack's current tasks, live from the mirror: what `docker stack ps` lists, where each runs. */
export function StackTasks({ clusterId, services }: { clusterId: string; services: readonly Service[] }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const tasks = useModelField(clusterId, 'tasks')
  const tasksLoaded = useModelField(clusterId, 'tasksLoaded') ?? false
  const nodes = useModelField(clusterId, 'nodes')
  const rows = useMemo(() => {
    const hostnameOf = (nodeId: string | null): string => (nodeId ? (nodes?.[nodeId]?.hostname ?? nodeId.slice(0, 12)) : '')
    return stackTaskRows(services, tasks ?? null, hostnameOf)
  }, [services, tasks, nodes])
  return (
    <>
      <Title order={5}>{t('stacks.detail.tasks', { count: rows.length })}</Title>
      {tasksLoaded ? null : (
        <Text size="sm" c="dimmed" data-testid="stack-tasks-loading">
          {t('services.tasks.loading')}
        </Text>
      )}
      <Table striped withTableBorder verticalSpacing={4} data-testid="stack-tasks-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('services.tasks.slot')}</Table.Th>
            <Table.Th>{t('services.tasks.node')}</Table.Th>
            <Table.Th>{t('services.tasks.desired')}</Table.Th>
            <Table.Th>{t('services.tasks.state')}</Table.Th>
            <Table.Th>{t('services.tasks.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} data-testid={`stack-task-${row.id}`} data-name={row.name} data-node={row.hostname} data-state={row.task.state}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {row.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.hostname || f.none}</Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={row.task.desiredState} variant="outline" />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={row.task.state} />
              </Table.Td>
              <Table.Td>
                <Text size="xs" c={row.task.error ? 'red' : 'dimmed'} truncate="end" title={row.task.error || undefined}>
                  {row.task.error || f.none}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  )
}
