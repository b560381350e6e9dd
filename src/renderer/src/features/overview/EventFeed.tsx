import { useMemo, type ReactNode } from 'react'
import { Badge, Box, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ClusterEvent } from '../../../../shared/domain'
import { useModelField } from '../mirror/mirror-context'
import { VirtualTable, type Column } from '../../components/VirtualTable'
import { useFormatters } from '../../i18n/format'
import { useNow } from '../../lib/use-now'

const typeColors: Record<string, string> = { node: 'violet', service: 'blue', container: 'gray', network: 'teal', secret: 'orange', config: 'yellow' }

/** Recent engine events, newest first (the mirror keeps the last 200). */
export function EventFeed({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const now = useNow(15_000)
  const events = useModelField(clusterId, 'events')
  const rows = useMemo(() => [...(events ?? [])].reverse(), [events])

  const columns = useMemo<Column<ClusterEvent>[]>(
    () => [
      {
        id: 'time',
        header: t('overview.events.time'),
        minWidth: 110,
        grow: 0,
        cell: (e) => (
          <Text size="xs" c="dimmed" title={f.dateTime(e.time)}>
            {f.age(e.time, now)}
          </Text>
        )
      },
      {
        id: 'type',
        header: t('overview.events.type'),
        minWidth: 90,
        grow: 0,
        cell: (e) => (
          <Badge size="xs" variant="light" radius="sm" color={typeColors[e.type] ?? 'gray'} tt="none">
            {e.type}
          </Badge>
        )
      },
      { id: 'action', header: t('overview.events.action'), minWidth: 90, grow: 1, cell: (e) => <Text size="sm">{e.action}</Text> },
      {
        id: 'actor',
        header: t('overview.events.actor'),
        minWidth: 160,
        grow: 2,
        cell: (e) => (
          <Text size="sm" title={e.actorId} truncate="end">
            {e.actorName || e.actorId.slice(0, 12)}
          </Text>
        )
      },
      {
        id: 'details',
        header: t('overview.events.details'),
        minWidth: 200,
        grow: 3,
        cell: (e) => {
          const details = eventDetails(e)
          return (
            <Text size="xs" c="dimmed" title={details} truncate="end">
              {details}
            </Text>
          )
        }
      }
    ],
    [t, f, now]
  )

  return (
    <Paper withBorder p="md" radius="sm">
      <Stack gap="xs">
        <Title order={5}>{t('overview.events.title')}</Title>
        <Box mah={320} style={{ display: 'flex', flexDirection: 'column' }}>
          <VirtualTable
            rows={rows}
            columns={columns}
            rowKey={(e) => e.key}
            rowTestId={(e) => `event-row-${e.key}`}
            testId="event-feed"
            ariaLabel={t('overview.events.title')}
            emptyText={t('overview.events.empty')}
            rowHeight={30}
          />
        </Box>
      </Stack>
    </Paper>
  )
}

/** A few attributes worth a glance (state changes, image, replicas), as `key=value`. */
function eventDetails(event: ClusterEvent): string {
  const keys = ['name', 'image', 'replicas.old', 'replicas.new', 'state.old', 'state.new', 'availability.old', 'availability.new', 'updatestate.new']
  return keys
    .filter((k) => event.attributes[k] !== undefined && !(k === 'name' && event.attributes[k] === event.actorName))
    .map((k) => `${k}=${event.attributes[k]}`)
    .join(' ')
}
