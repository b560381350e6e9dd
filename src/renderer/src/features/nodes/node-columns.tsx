import { useMemo, type ReactNode } from 'react'
import { Badge, Checkbox, Group, Text, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SwarmNode } from '../../../../shared/domain'
import { IconStar } from '../../components/icons'
import { StatusBadge } from '../../components/StatusBadge'
import type { Column } from '../../components/VirtualTable'
import { useFormatters } from '../../i18n/format'
import { editedNode, type EditedNode } from './label-editor-store'
import { NodeActionsMenu } from './NodeActionsMenu'
import type { NodeCapacity } from '../../../../shared/capacity'
import { NodeUsageCell } from '../metrics'
import { NodeCapacityCell } from './NodeCapacity'

function labelTexts(labels: Record<string, string>): string[] {
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
}

const managerRank = (n: SwarmNode): number => (n.manager?.leader ? 0 : n.manager ? 1 : 2)

/** Node labels (docker node update --label-add) first; engine labels (daemon config) after, outlined. */
function NodeLabels({ node: n }: { node: SwarmNode }): ReactNode {
  const f = useFormatters()
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

/** The nodes table's columns: selection box, hostname (with the row's actions menu), then what `docker node ls` shows, and the labels. */
export function useNodeColumns(
  clusterId: string,
  selectedSet: ReadonlySet<string>,
  toggleSelected: (id: string, selected: boolean) => void,
  openEditor: (nodes: readonly EditedNode[]) => void,
  capacities: ReadonlyMap<string, NodeCapacity>
): Column<SwarmNode>[] {
  const { t } = useTranslation()
  const f = useFormatters()
  return useMemo<Column<SwarmNode>[]>(
    () => [
      {
        id: 'select',
        header: '',
        minWidth: 36,
        grow: 0,
        align: 'center',
        cell: (n) => (
          <Checkbox
            size="xs"
            checked={selectedSet.has(n.id)}
            onChange={(event) => toggleSelected(n.id, event.currentTarget.checked)}
            aria-label={t('nodes.selection.selectNode', { node: n.hostname })}
            data-testid={`node-select-${n.hostname}`}
            styles={{ body: { justifyContent: 'center' } }}
          />
        )
      },
      {
        id: 'hostname',
        header: t('nodes.columns.hostname'),
        minWidth: 150,
        grow: 2,
        sortValue: (n) => n.hostname,
        cell: (n) => (
          <Group gap={4} wrap="nowrap" justify="space-between">
            <Text size="sm" fw={500} truncate="end" title={n.id}>
              {n.hostname}
            </Text>
            <NodeActionsMenu clusterId={clusterId} node={n} onEditLabels={() => openEditor([editedNode(n)])} />
          </Group>
        )
      },
      {
        id: 'role',
        header: t('nodes.columns.role'),
        minWidth: 95,
        grow: 0,
        sortValue: (n) => n.role,
        cell: (n) => <StatusBadge status={n.role} variant="outline" />
      },
      {
        id: 'manager',
        header: t('nodes.columns.managerStatus'),
        minWidth: 105,
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
        minWidth: 110,
        grow: 0,
        sortValue: (n) => n.availability,
        cell: (n) => <StatusBadge status={n.availability} />
      },
      {
        id: 'state',
        header: t('nodes.columns.state'),
        minWidth: 90,
        grow: 0,
        sortValue: (n) => n.state,
        cell: (n) => <StatusBadge status={n.state} title={n.stateMessage || undefined} />
      },
      { id: 'cpuUse', header: t('metrics.columns.cpu'), minWidth: 90, grow: 0, align: 'right', cell: (n) => <NodeUsageCell clusterId={clusterId} nodeId={n.id} measure="cpu" /> },
      { id: 'memoryUse', header: t('metrics.columns.memory'), minWidth: 90, grow: 0, align: 'right', cell: (n) => <NodeUsageCell clusterId={clusterId} nodeId={n.id} measure="memory" /> },
      {
        id: 'reservedCpu',
        header: t('metrics.columns.reservedCpu'),
        minWidth: 110,
        grow: 0,
        sortValue: (n) => capacities.get(n.id)?.reserved.nanoCpus ?? 0,
        cell: (n) => <NodeCapacityCell capacity={capacities.get(n.id)} hostname={n.hostname} measure="cpu" />
      },
      {
        id: 'reservedMemory',
        header: t('metrics.columns.reservedMemory'),
        minWidth: 140,
        grow: 0,
        sortValue: (n) => capacities.get(n.id)?.reserved.memoryBytes ?? 0,
        cell: (n) => <NodeCapacityCell capacity={capacities.get(n.id)} hostname={n.hostname} measure="memory" />
      },
      {
        id: 'engine',
        header: t('nodes.columns.engine'),
        minWidth: 100,
        grow: 0,
        sortValue: (n) => n.engineVersion,
        cell: (n) => (
          <Text size="sm" truncate="end" title={n.engineVersion}>
            {n.engineVersion}
          </Text>
        )
      },
      {
        id: 'platform',
        header: t('nodes.columns.platform'),
        minWidth: 100,
        grow: 0,
        sortValue: (n) => `${n.os}/${n.arch}`,
        cell: (n) => <Text size="sm">{`${n.os}/${n.arch}`}</Text>
      },
      { id: 'cpus', header: t('nodes.columns.cpus'), minWidth: 50, grow: 0, align: 'right', sortValue: (n) => n.nanoCpus, cell: (n) => <Text size="sm">{f.cpus(n.nanoCpus)}</Text> },
      {
        id: 'memory',
        header: t('nodes.columns.memory'),
        minWidth: 80,
        grow: 0,
        align: 'right',
        sortValue: (n) => n.memoryBytes,
        cell: (n) => <Text size="sm">{f.bytes(n.memoryBytes)}</Text>
      },
      {
        id: 'labels',
        header: t('nodes.columns.labels'),
        minWidth: 170,
        grow: 3,
        sortValue: (n) => Object.keys(n.labels).length,
        cell: (n) => <NodeLabels node={n} />
      }
    ],
    [t, f, clusterId, selectedSet, toggleSelected, openEditor, capacities]
  )
}
