import { useMemo, type ReactNode } from 'react'
import { Badge, Box, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { isStatus } from '../../components/status'
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
      { id: 'action', header: t('overview.events.action'), minWidth: 90, grow: 1, cell: (e) => <Text size="sm">{actionWord(t, e.action)}</Text> },
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
          const details = detailsText(t, e)
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

/** A few attributes worth a glance (state changes, image, replicas), as `key=value`. Pure. */
export function eventDetails(event: ClusterEvent): { key: string; value: string }[] {
  const keys = ['name', 'image', 'replicas.old', 'replicas.new', 'state.old', 'state.new', 'availability.old', 'availability.new', 'updatestate.new']
  return keys
    .filter((k) => event.attributes[k] !== undefined && !(k === 'name' && event.attributes[k] === event.actorName))
    .map((k) => ({ key: k, value: event.attributes[k] }))
}

/** The engine's event actions in the user's words (others as the engine says them). */
function actionWord(t: TFunction, action: string): string {
  switch (action) {
    case 'create':
      return t('overview.events.actions.create')
    case 'update':
      return t('overview.events.actions.update')
    case 'remove':
      return t('overview.events.actions.remove')
    default:
      return action
  }
}

/** `state: ready → down`, `mise à jour : terminée`: each attribute in the user's words, values worded when they are states. */
function detailsText(t: TFunction, event: ClusterEvent): string {
  const value = (v: string): string => (isStatus(v) ? t(`status.${v}`) : v)
  const label = (key: string): string => {
    switch (key.split('.')[0]) {
      case 'name':
        return t('overview.events.detail.name')
      case 'image':
        return t('overview.events.detail.image')
      case 'replicas':
        return t('overview.events.detail.replicas')
      case 'state':
        return t('overview.events.detail.state')
      case 'availability':
        return t('overview.events.detail.availability')
      default:
        return t('overview.events.detail.updatestate')
    }
  }
  const parts = eventDetails(event)
  const merged: string[] = []
  for (let i = 0; i < parts.length; i++) {
    const { key, value: v } = parts[i]
    const next = parts[i + 1]
    // `state.old` and `state.new` read as one change
    if (key.endsWith('.old') && next && next.key === key.replace(/\.old$/, '.new')) {
      merged.push(`${label(key)}${t('overview.events.separator')}${value(v)} → ${value(next.value)}`)
      i++
    } else merged.push(`${label(key)}${t('overview.events.separator')}${value(v)}`)
  }
  return merged.join(' · ')
}
