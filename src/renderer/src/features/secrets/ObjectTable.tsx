import { useMemo, type ReactNode } from 'react'
import { ActionIcon, Badge, Group, Text, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { formatMode } from '../../../../shared/secrets'
import { IconTrash } from '../../components/icons'
import { VirtualTable, type Column } from '../../components/VirtualTable'
import { useFormatters } from '../../i18n/format'
import { useNow } from '../../lib/use-now'
import { consumerSummary, type ObjectRow } from './object-rows'
import { IconRotate } from './secrets-icons'
import { RotatedMark } from './RotatedMark'
import { useSecretsPageStore } from './secrets-page-store'

interface ObjectTableProps {
  rows: readonly ObjectRow[]
  total: number
  onRotate: (row: ObjectRow) => void
}

/** Secrets or configs, one row each, live from the mirror; a click opens the detail. */
export function ObjectTable({ rows, total, onRotate }: ObjectTableProps): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const now = useNow(30_000)
  const tab = useSecretsPageStore((s) => s.tab)
  const sort = useSecretsPageStore((s) => s.sort)
  const setSort = useSecretsPageStore((s) => s.setSort)
  const selectedId = useSecretsPageStore((s) => s.selectedId)
  const select = useSecretsPageStore((s) => s.select)
  const askRemove = useSecretsPageStore((s) => s.askRemove)

  const columns = useMemo<Column<ObjectRow>[]>(
    () => [
      {
        id: 'name',
        header: t('secrets.columns.name'),
        minWidth: 280,
        grow: 3,
        sortValue: (r) => r.name,
        cell: (r) => (
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} truncate="end" title={r.name} data-testid="object-name">
              {r.name}
            </Text>
            <RotatedMark row={r} />
          </Group>
        )
      },
      {
        id: 'labels',
        header: t('secrets.columns.labels'),
        minWidth: 120,
        grow: 2,
        sortValue: (r) => r.labels.length,
        cell: (r) => (
          <Group gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
            {r.labels.map(([k, v]) => (
              <Badge key={k} size="sm" variant="outline" color="gray" radius="sm" tt="none" style={{ flexShrink: 0 }} data-testid="object-label">
                {v === '' ? k : `${k}=${v}`}
              </Badge>
            ))}
          </Group>
        )
      },
      { id: 'stack', header: t('secrets.columns.stack'), minWidth: 90, grow: 1, sortValue: (r) => r.stack, cell: (r) => <Text size="sm">{r.stack ?? f.none}</Text> },
      {
        id: 'consumers',
        header: t('secrets.columns.consumers'),
        minWidth: 160,
        grow: 2,
        sortValue: (r) => r.serviceCount,
        cell: (r) =>
          r.consumers.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="object-consumers" data-count={0}>
              {t('secrets.unused')}
            </Text>
          ) : (
            <Text size="sm" truncate="end" title={r.consumers.map((c) => `${c.serviceName} → ${c.target ?? t('secrets.consumer.runtime')} (${c.uid}:${c.gid} ${formatMode(c.mode)})`).join('\n')} data-testid="object-consumers" data-count={r.serviceCount}>
              {t('secrets.usedBy', { count: r.serviceCount, services: consumerSummary(r.consumers) })}
            </Text>
          )
      },
      // Ages keep the columns narrow; the exact time is in the tooltip and the detail.
      { id: 'created', header: t('secrets.columns.created'), minWidth: 110, grow: 0, sortValue: (r) => r.createdAt, cell: (r) => <Text size="sm" title={f.dateTime(r.createdAt)}>{f.age(r.createdAt, now)}</Text> },
      { id: 'updated', header: t('secrets.columns.updated'), minWidth: 110, grow: 0, sortValue: (r) => r.updatedAt, cell: (r) => <Text size="sm" title={f.dateTime(r.updatedAt)}>{f.age(r.updatedAt, now)}</Text> },
      {
        id: 'actions',
        header: '',
        minWidth: 76,
        grow: 0,
        align: 'center',
        cell: (r) => (
          <Group gap={2} wrap="nowrap" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
            <Tooltip label={r.consumers.length === 0 ? t('secrets.rotateNobody') : t('secrets.rotate')} withArrow>
              <ActionIcon variant="subtle" aria-label={t('secrets.rotateFor', { name: r.name })} onClick={() => onRotate(r)} disabled={r.consumers.length === 0} data-testid={`object-rotate-${r.name}`}>
                <IconRotate size={15} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={r.consumers.length > 0 ? t('secrets.remove.inUseShort', { services: consumerSummary(r.consumers) }) : t('secrets.remove.action')} withArrow>
              <ActionIcon variant="subtle" color="red" aria-label={t('secrets.remove.actionFor', { name: r.name })} onClick={() => askRemove({ kind: r.kind, id: r.id, name: r.name })} data-testid={`object-remove-${r.name}`}>
                <IconTrash size={15} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )
      }
    ],
    [t, f, now, askRemove, onRotate]
  )

  return (
    <VirtualTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      rowTestId={(r) => `object-row-${r.name}`}
      testId="objects-table"
      ariaLabel={tab === 'secret' ? t('secrets.tabs.secret') : t('secrets.tabs.config')}
      emptyText={total === 0 ? (tab === 'secret' ? t('secrets.emptySecrets') : t('secrets.emptyConfigs')) : t('secrets.noMatch')}
      sort={sort}
      onSortChange={setSort}
      onRowClick={(r) => select(r.id)}
      selectedKey={selectedId}
    />
  )
}
