import { useEffect, useMemo, type ReactNode } from 'react'
import { Autocomplete, Badge, Button, Checkbox, Group, Select, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SwarmNode } from '../../../../shared/domain'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { IconStar } from '../../components/icons'
import { StatusBadge } from '../../components/StatusBadge'
import { VirtualTable, type Column } from '../../components/VirtualTable'
import { useFormatters } from '../../i18n/format'
import { LabelEditor } from './LabelEditor'
import { useLabelEditorStore } from './label-editor-store'
import { NodeActionsMenu } from './NodeActionsMenu'
import { useNodeChangeStore } from './node-change-store'
import { NodeChangeDialog } from './NodeChangeDialog'
import { labelFilterSuggestions, nodeMatchesFilters, type NodeFilters } from './node-filter'
import { IconTag } from './node-icons'
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
  const role = useNodesStore((s) => s.role)
  const availability = useNodesStore((s) => s.availability)
  const label = useNodesStore((s) => s.label)
  const sort = useNodesStore((s) => s.sort)
  const selectedIds = useNodesStore((s) => s.selected)
  const setSort = useNodesStore((s) => s.setSort)
  const toggleSelected = useNodesStore((s) => s.toggleSelected)
  const setSelectedMany = useNodesStore((s) => s.setSelectedMany)
  const setSelected = useNodesStore((s) => s.setSelected)
  const openEditor = useLabelEditorStore((s) => s.open)

  // The editor and the dialog belong to this cluster's page: leaving it (or switching cluster) closes them.
  useEffect(
    () => () => {
      useLabelEditorStore.getState().close()
      useNodeChangeStore.getState().close()
    },
    [clusterId]
  )

  const all = useMemo(() => Object.values(nodes ?? {}), [nodes])
  const filters = useMemo<NodeFilters>(() => ({ text: filter, role, availability, label }), [filter, role, availability, label])
  const rows = useMemo(() => all.filter((n) => nodeMatchesFilters(n, filters)), [all, filters])
  // Nodes that left the swarm drop out of the selection here, not by patching the store.
  const selected = useMemo(() => {
    const ids = new Set(selectedIds)
    return all.filter((n) => ids.has(n.id)).sort((a, b) => a.hostname.localeCompare(b.hostname, undefined, { numeric: true }))
  }, [all, selectedIds])
  const selectedSet = useMemo(() => new Set(selected.map((n) => n.id)), [selected])
  const shownSelected = rows.filter((n) => selectedSet.has(n.id)).length
  const hiddenSelected = selected.length - shownSelected

  const editLabels = (targets: readonly SwarmNode[]): void => openEditor(targets.map((n) => ({ id: n.id, hostname: n.hostname, labels: n.labels })))

  const columns = useMemo<Column<SwarmNode>[]>(
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
            <NodeActionsMenu clusterId={clusterId} node={n} onEditLabels={() => openEditor([{ id: n.id, hostname: n.hostname, labels: n.labels }])} />
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
    [t, f, clusterId, selectedSet, toggleSelected, openEditor]
  )

  const allShownSelected = rows.length > 0 && shownSelected === rows.length
  return (
    <Stack gap="sm" p="md" style={{ flex: 1, minHeight: 0 }} data-testid="nodes-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('nodes.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('nodes.count', { count: rows.length, total: all.length })}
          </Text>
        </div>
        <NodeFilterBar nodes={all} />
      </Group>
      <Group gap="sm" justify="space-between" mih={30}>
        <Group gap="sm">
          <Checkbox
            size="sm"
            label={t('nodes.selection.selectAll')}
            checked={allShownSelected}
            indeterminate={shownSelected > 0 && !allShownSelected}
            disabled={rows.length === 0}
            onChange={() =>
              setSelectedMany(
                rows.map((n) => n.id),
                !allShownSelected
              )
            }
            data-testid="nodes-select-all"
          />
          {selected.length > 0 ? (
            <Text size="sm" c="dimmed" data-testid="nodes-selection-count" data-count={selected.length}>
              {t('nodes.selection.count', { count: selected.length })}
              {hiddenSelected > 0 ? ` (${t('nodes.selection.hidden', { count: hiddenSelected })})` : ''}
            </Text>
          ) : null}
        </Group>
        <Group gap="xs">
          {selected.length > 0 ? (
            <Button variant="subtle" size="xs" onClick={() => setSelected([])} data-testid="nodes-clear-selection">
              {t('nodes.selection.clear')}
            </Button>
          ) : null}
          <Tooltip label={t('nodes.selection.editLabelsHint')} disabled={selected.length > 0} withArrow>
            <Button size="xs" leftSection={<IconTag size={14} />} disabled={selected.length === 0} onClick={() => editLabels(selected)} data-testid="edit-labels">
              {t('nodes.selection.editLabels')}
            </Button>
          </Tooltip>
        </Group>
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
      <LabelEditor clusterId={clusterId} />
      <NodeChangeDialog clusterId={clusterId} />
    </Stack>
  )
}

/** Text, role, availability and label filters; all of them must hold. */
function NodeFilterBar({ nodes }: { nodes: readonly SwarmNode[] }): ReactNode {
  const { t } = useTranslation()
  const filter = useNodesStore((s) => s.filter)
  const role = useNodesStore((s) => s.role)
  const availability = useNodesStore((s) => s.availability)
  const label = useNodesStore((s) => s.label)
  const setFilter = useNodesStore((s) => s.setFilter)
  const setRole = useNodesStore((s) => s.setRole)
  const setAvailability = useNodesStore((s) => s.setAvailability)
  const setLabel = useNodesStore((s) => s.setLabel)
  const clearFilters = useNodesStore((s) => s.clearFilters)
  const suggestions = useMemo(() => labelFilterSuggestions(nodes), [nodes])
  const any = filter !== '' || role !== 'all' || availability !== 'all' || label !== ''

  return (
    <Group gap="xs" align="flex-end" wrap="wrap" justify="flex-end">
      <Select
        aria-label={t('nodes.filters.role')}
        data={[
          { value: 'all', label: t('nodes.filters.allRoles') },
          { value: 'manager', label: t('status.manager') },
          { value: 'worker', label: t('status.worker') }
        ]}
        value={role}
        onChange={(value) => setRole((value ?? 'all') as NodeFilters['role'])}
        allowDeselect={false}
        w={130}
        data-testid="nodes-filter-role"
      />
      <Select
        aria-label={t('nodes.filters.availability')}
        data={[
          { value: 'all', label: t('nodes.filters.allAvailabilities') },
          { value: 'active', label: t('status.active') },
          { value: 'pause', label: t('status.pause') },
          { value: 'drain', label: t('status.drain') }
        ]}
        value={availability}
        onChange={(value) => setAvailability((value ?? 'all') as NodeFilters['availability'])}
        allowDeselect={false}
        w={165}
        data-testid="nodes-filter-availability"
      />
      <Tooltip label={t('nodes.filters.labelHint')} withArrow multiline w={300} openDelay={400}>
        <Autocomplete
          aria-label={t('nodes.filters.label')}
          placeholder={t('nodes.filters.labelPlaceholder')}
          data={suggestions}
          value={label}
          onChange={setLabel}
          w={200}
          spellCheck={false}
          data-testid="nodes-filter-label"
        />
      </Tooltip>
      <TextInput
        placeholder={t('nodes.filter')}
        aria-label={t('nodes.filter')}
        value={filter}
        onChange={(event) => setFilter(event.currentTarget.value)}
        w={240}
        data-testid="nodes-filter"
      />
      {any ? (
        <Button variant="subtle" size="sm" onClick={clearFilters} data-testid="nodes-filter-clear">
          {t('nodes.filters.clear')}
        </Button>
      ) : null}
    </Group>
  )
}
