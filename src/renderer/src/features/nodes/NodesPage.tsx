import { useMemo, type ReactNode } from 'react'
import { Badge, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SwarmNode } from '../../../../shared/domain'
import { useModelField } from '../../app/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { IconStar } from '../../components/icons'
import { StatusBadge } from '../../components/StatusBadge'
import { VirtualTable, type Column } from '../../components/VirtualTable'
import { useFormatters } from '../../i18n/format'
import { nodeMatches } from './node-filter'
import { useNodesStore } from './nodes-store'

function labelTexts(labels: Record<string, string>): string[] {
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
}

const managerRank = (n: SwarmNode): number => (n.manager?.leader ? 0 : n.manager ? 1 : 2)

export function NodesPage({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const nodes = useModelField(clusterId, 'nodes')
  const filter = useNodesStore((s) => s.filter)
  const sort = useNodesStore((s) => s.sort)
  const setFilter = useNodesStore((s) => s.setFilter)
  const setSort = useNodesStore((s) => s.setSort)

  const all = useMemo(() => Object.values(nodes ?? {}), [nodes])
  const rows = useMemo(() => all.filter((n) => nodeMatches(n, filter)), [all, filter])

  const columns = useMemo<Column<SwarmNode>[]>(
    () => [
      {
        id: 'hostname',
        header: t('nodes.columns.hostname'),
        minWidth: 150,
        grow: 2,
        sortValue: (n) => n.hostname,
        cell: (n) => (
          <Text size="sm" fw={500} truncate="end" title={n.id}>
            {n.hostname}
          </Text>
        )
      },
      {
        id: 'role',
        header: t('nodes.columns.role'),
        minWidth: 90,
        grow: 0,
        sortValue: (n) => n.role,
        cell: (n) => <StatusBadge status={n.role} variant="outline" />
      },
      {
        id: 'manager',
        header: t('nodes.columns.managerStatus'),
        minWidth: 130,
        grow: 0,
        sortValue: managerRank,
        cell: (n) =>
          n.manager ? (
            <Group gap={4} wrap="nowrap">
              {n.manager.leader ? (
                <Tooltip label={t('overview.managers.leaderHint')}>
                  <Group gap={2} c="yellow.6" wrap="nowrap" data-testid="leader-star">
                    <IconStar size={13} />
                    <Text size="xs" fw={600}>
                      {t('status.leader')}
                    </Text>
                  </Group>
                </Tooltip>
              ) : (
                <StatusBadge status={n.manager.reachability} />
              )}
            </Group>
          ) : (
            <Text size="xs" c="dimmed">
              {f.none}
            </Text>
          )
      },
      {
        id: 'availability',
        header: t('nodes.columns.availability'),
        minWidth: 115,
        grow: 0,
        sortValue: (n) => n.availability,
        cell: (n) => <StatusBadge status={n.availability} />
      },
      {
        id: 'state',
        header: t('nodes.columns.state'),
        minWidth: 100,
        grow: 0,
        sortValue: (n) => n.state,
        cell: (n) => <StatusBadge status={n.state} title={n.stateMessage || undefined} />
      },
      { id: 'engine', header: t('nodes.columns.engine'), minWidth: 120, grow: 0, sortValue: (n) => n.engineVersion, cell: (n) => <Text size="sm">{n.engineVersion}</Text> },
      {
        id: 'platform',
        header: t('nodes.columns.platform'),
        minWidth: 110,
        grow: 0,
        sortValue: (n) => `${n.os}/${n.arch}`,
        cell: (n) => <Text size="sm">{`${n.os}/${n.arch}`}</Text>
      },
      { id: 'cpus', header: t('nodes.columns.cpus'), minWidth: 60, grow: 0, align: 'right', sortValue: (n) => n.nanoCpus, cell: (n) => <Text size="sm">{f.cpus(n.nanoCpus)}</Text> },
      {
        id: 'memory',
        header: t('nodes.columns.memory'),
        minWidth: 90,
        grow: 0,
        align: 'right',
        sortValue: (n) => n.memoryBytes,
        cell: (n) => <Text size="sm">{f.bytes(n.memoryBytes)}</Text>
      },
      {
        id: 'labels',
        header: t('nodes.columns.labels'),
        minWidth: 200,
        grow: 3,
        sortValue: (n) => Object.keys(n.labels).length,
        cell: (n) => {
          // Node labels (docker node update --label-add) first; engine labels (daemon config) after, outlined.
          const nodeLabels = labelTexts(n.labels)
          const engineLabels = labelTexts(n.engineLabels)
          if (nodeLabels.length + engineLabels.length === 0)
            return (
              <Text size="xs" c="dimmed">
                {f.none}
              </Text>
            )
          const title = [
            ...nodeLabels.map((l) => `node.labels.${l}`),
            ...engineLabels.map((l) => `engine.labels.${l}`)
          ].join('\n')
          return (
            <Group gap={4} wrap="nowrap" title={title}>
              {nodeLabels.map((label) => (
                <Badge key={`n:${label}`} size="sm" variant="light" color="grape" radius="sm" tt="none" style={{ flexShrink: 0 }} data-testid="node-label">
                  {label}
                </Badge>
              ))}
              {engineLabels.map((label) => (
                <Badge key={`e:${label}`} size="sm" variant="outline" color="gray" radius="sm" tt="none" style={{ flexShrink: 0 }} data-testid="engine-label">
                  {label}
                </Badge>
              ))}
            </Group>
          )
        }
      }
    ],
    [t, f]
  )

  return (
    <Stack gap="sm" p="md" style={{ flex: 1, minHeight: 0 }} data-testid="nodes-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('nodes.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('nodes.count', { count: rows.length, total: all.length })}
          </Text>
        </div>
        <TextInput
          placeholder={t('nodes.filter')}
          aria-label={t('nodes.filter')}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          w={320}
          data-testid="nodes-filter"
        />
      </Group>
      <VirtualTable
        rows={rows}
        columns={columns}
        rowKey={(n) => n.id}
        rowTestId={(n) => `node-row-${n.hostname}`}
        testId="nodes-table"
        ariaLabel={t('nodes.title')}
        emptyText={all.length === 0 ? t('nodes.empty') : t('nodes.noMatch')}
        sort={sort}
        onSortChange={setSort}
      />
      <CliEquivalent command="docker node ls" />
    </Stack>
  )
}
