import { useEffect, useMemo, type ReactNode } from 'react'
import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SwarmNode } from '../../../../shared/domain'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { VirtualTable } from '../../components/VirtualTable'
import { LabelEditor } from './LabelEditor'
import { editedNode, useLabelEditorStore } from './label-editor-store'
import { useNodeColumns } from './node-columns'
import { useNodeChangeStore } from './node-change-store'
import { NodeChangeDialog } from './NodeChangeDialog'
import { NodeFilterBar } from './NodeFilterBar'
import { NodeSelectionBar } from './NodeSelectionBar'
import { useNodesStore } from './nodes-store'
import { useShownNodes } from './use-shown-nodes'
import { NodeRoutesDrawer } from '../node-access/NodeRoutesDrawer'
import { useNodeRoutesStore } from '../node-access/node-routes-store'
import { nodeCapacities } from '../../../../shared/capacity'
import { useMetricsWatch } from '../metrics'
import { NodeMetricsPanel } from './NodeMetricsPanel'

/** `docker node ls` as a table: filters, a selection to edit labels of, per-row actions. */
export function NodesPage({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const nodes = useModelField(clusterId, 'nodes')
  const services = useModelField(clusterId, 'services')
  const tasks = useModelField(clusterId, 'tasks')
  const tasksLoaded = useModelField(clusterId, 'tasksLoaded') ?? false
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
  const showRoutes = useNodeRoutesStore((s) => s.show)

  // The editor, the dialog and the selection belong to this cluster's page: leaving it (or
  // switching cluster) closes them and unchecks every node, so no later bulk edit acts on nodes
  // checked long ago (or on another cluster's ids).
  useEffect(
    () => () => {
      useLabelEditorStore.getState().close()
      useNodeChangeStore.getState().close()
      useNodesStore.getState().clearSelection()
    },
    [clusterId]
  )

  const { all, rows, selected, selectedSet, shownSelected, hiddenSelected } = useShownNodes(nodes, { text: filter, role, availability, label }, selectedIds)

  const editLabels = (targets: readonly SwarmNode[]): void => openEditor(targets.map(editedNode))

  // Reservations from the mirror alone; usage sampled while this page is open (every node).
  // what the tasks reserve: left blank until the tasks are in (a snapshot's second phase), not shown as nothing reserved
  const capacities = useMemo(
    () => (tasksLoaded ? new Map(nodeCapacities(all, Object.values(services ?? {}), Object.values(tasks ?? {})).map((c) => [c.nodeId, c])) : new Map<string, never>()),
    [all, services, tasks, tasksLoaded]
  )
  const nodeIds = useMemo(() => all.map((n) => n.id).sort(), [all])
  useMetricsWatch(clusterId, nodeIds.length > 0 ? { nodeIds } : null)

  const columns = useNodeColumns(clusterId, selectedSet, toggleSelected, openEditor, capacities)

  return (
    <Stack gap="sm" p="md" style={{ flex: 1, minHeight: 0 }} data-testid="nodes-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('nodes.title')}</Title>
          <Text size="sm" c="dimmed" data-testid="nodes-count">
            {t('nodes.count', { count: rows.length, total: all.length })}
          </Text>
        </div>
        <Group gap="xs" align="flex-end">
          <NodeFilterBar nodes={all} />
          <Button variant="default" size="sm" onClick={showRoutes} data-testid="node-routes-open">
            {t('nodeAccess.open')}
          </Button>
        </Group>
      </Group>
      <NodeSelectionBar
        rows={rows}
        selected={selected}
        shownSelected={shownSelected}
        hiddenSelected={hiddenSelected}
        onSelectMany={setSelectedMany}
        onClear={() => setSelected([])}
        onEditLabels={() => editLabels(selected)}
      />
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
      <NodeMetricsPanel clusterId={clusterId} nodes={all} selected={selected} />
      <CliEquivalent command="docker node ls" />
      <LabelEditor clusterId={clusterId} />
      <NodeChangeDialog clusterId={clusterId} />
      <NodeRoutesDrawer clusterId={clusterId} />
    </Stack>
  )
}
