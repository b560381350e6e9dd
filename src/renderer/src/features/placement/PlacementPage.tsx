import { useEffect, useMemo, type ReactNode } from 'react'
import { Alert, Badge, Button, Center, Checkbox, Group, Loader, Stack, Tabs, Text, TextInput, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useModelField } from '../mirror/mirror-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconInfo } from '../../components/icons'
import { LabelEditor } from '../nodes/LabelEditor'
import { useLabelEditorStore } from '../nodes/label-editor-store'
import { DraftPlanner } from './DraftPlanner'
import { changedCells, columnOrder, isProblemRow, rowMatches, type CellChange } from './matrix-model'
import { bindPlacementCluster, openLabelEditor } from './placement-actions'
import { IconFlask, IconNo, IconYes } from './placement-icons'
import { usePlacementStore, type PlacementPanel, type PlacementView } from './placement-store'
import { PlacementMatrix } from './PlacementMatrix'
import { usePlanResultsStore } from './plan-results-store'
import { ServicePlanPanel } from './ServicePlanPanel'
import { usePlacementPlanning } from './use-placement-planning'
import { nodeEdits } from './whatif-changes'
import { WhatIfPanel } from './WhatIfPanel'
import { useWhatIfStore } from './whatif-store'
import classes from './placement.module.css'

/**
 * Placement: where every live service can run and why not (the matrix, one service in detail,
 * what-if changes), and where a service that does not exist yet would run (the draft planner).
 * Every plan is main's planner over the live mirror, re-asked when the cluster changes.
 */
export function PlacementPage({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const view = usePlacementStore((s) => s.view)
  const setView = usePlacementStore((s) => s.setView)
  const services = useModelField(clusterId, 'services')
  const nodes = useModelField(clusterId, 'nodes')

  useEffect(() => bindPlacementCluster(clusterId), [clusterId])
  // The label editor opened from here belongs to this page: leaving it (or the cluster) closes it.
  useEffect(() => () => useLabelEditorStore.getState().close(), [clusterId])
  usePlacementPlanning(clusterId)

  return (
    <Stack gap="sm" p="md" style={{ flex: 1, minHeight: 0 }} data-testid="placement-page" data-view={view}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={3}>{t('placement.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('placement.subtitle', { services: Object.keys(services ?? {}).length, nodes: Object.keys(nodes ?? {}).length })}
          </Text>
        </div>
        <Tabs value={view} onChange={(value) => value && setView(value as PlacementView)} variant="pills" radius="sm">
          <Tabs.List>
            <Tabs.Tab value="matrix" data-testid="placement-tab-matrix">
              {t('placement.tabs.matrix')}
            </Tabs.Tab>
            <Tabs.Tab value="draft" data-testid="placement-tab-draft">
              {t('placement.tabs.draft')}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
      </Group>
      {view === 'matrix' ? <MatrixView clusterId={clusterId} /> : <DraftPlanner clusterId={clusterId} />}
      <LabelEditor clusterId={clusterId} />
    </Stack>
  )
}

const noChanges: ReadonlyMap<string, readonly (CellChange | null)[]> = new Map()

function MatrixView({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const liveNodes = useModelField(clusterId, 'nodes')
  const slot = usePlanResultsStore((s) => s.matrix)
  const filter = usePlacementStore((s) => s.filter)
  const onlyProblems = usePlacementStore((s) => s.onlyProblems)
  const selectedId = usePlacementStore((s) => s.selectedServiceId)
  const panel = usePlacementStore((s) => s.panel)
  const setFilter = usePlacementStore((s) => s.setFilter)
  const setOnlyProblems = usePlacementStore((s) => s.setOnlyProblems)
  const setPanel = usePlacementStore((s) => s.setPanel)
  const select = usePlacementStore((s) => s.select)
  const changeCount = useWhatIfStore((s) => s.changes.length)

  const result = slot.result
  const matrix = result?.matrix ?? null
  const order = useMemo(() => (matrix ? columnOrder(matrix.nodes) : []), [matrix])
  const changed = useMemo(() => (result ? changedCells(result.matrix, result.baseline) : noChanges), [result])
  const edits = useMemo(() => nodeEdits(result?.changes ?? []), [result])
  const rows = useMemo(() => (matrix ? matrix.services.filter((row) => rowMatches(row, filter, onlyProblems)) : []), [matrix, filter, onlyProblems])
  const problems = useMemo(() => (matrix ? matrix.services.filter(isProblemRow).length : 0), [matrix])

  const editLabels = (nodeId: string): void => {
    const node = liveNodes?.[nodeId]
    if (node) openLabelEditor([node])
  }

  return (
    <div className={classes.split}>
      <div className={classes.column}>
        <Group gap="sm" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <TextInput
              placeholder={t('placement.matrix.filter')}
              aria-label={t('placement.matrix.filter')}
              value={filter}
              onChange={(event) => setFilter(event.currentTarget.value)}
              w={240}
              size="sm"
              data-testid="placement-filter"
            />
            <Checkbox
              label={t('placement.matrix.onlyProblems', { count: problems })}
              checked={onlyProblems}
              onChange={(event) => setOnlyProblems(event.currentTarget.checked)}
              data-testid="placement-only-problems"
            />
          </Group>
          {slot.loading ? <Loader size="xs" data-testid="placement-matrix-loading" /> : null}
        </Group>
        {changeCount > 0 ? (
          <Alert color="blue" variant="light" p={6} icon={<IconFlask />} data-testid="placement-whatif-banner">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{t('placement.matrix.whatIfBanner', { count: changeCount })}</Text>
              {panel !== 'whatif' ? (
                <Button size="compact-xs" variant="light" onClick={() => setPanel('whatif')}>
                  {t('placement.matrix.showWhatIf')}
                </Button>
              ) : null}
            </Group>
          </Alert>
        ) : null}
        {slot.error ? <ErrorAlert error={slot.error} title={t('placement.planFailed')} testId="placement-matrix-error" /> : null}
        {matrix ? (
          <PlacementMatrix
            nodes={matrix.nodes}
            order={order}
            rows={rows}
            changed={changed}
            edits={edits}
            selectedId={selectedId}
            onSelect={select}
            onEditLabels={editLabels}
            emptyText={matrix.services.length === 0 ? t('placement.matrix.empty') : t('placement.matrix.noMatch')}
          />
        ) : !slot.error ? (
          <Center style={{ flex: 1 }}>
            <Group gap="xs" c="dimmed">
              <Loader size="sm" />
              <Text size="sm">{t('placement.planning')}</Text>
            </Group>
          </Center>
        ) : null}
        <Group gap={12} c="dimmed" wrap="wrap">
          <Group gap={3} wrap="nowrap">
            <IconYes size={14} className={classes.yes} />
            <Text size="xs">{t('placement.matrix.legendEligible')}</Text>
          </Group>
          <Group gap={3} wrap="nowrap">
            <IconNo size={14} className={classes.no} />
            <Text size="xs">{t('placement.matrix.legendNotEligible')}</Text>
          </Group>
          <Text size="xs">{t('placement.matrix.legendCounts')}</Text>
          <Group gap={4} wrap="nowrap">
            <IconInfo size={14} />
            <Text size="xs">{t('placement.matrix.hint')}</Text>
          </Group>
        </Group>
      </div>
      <div className={classes.panel}>
        <Tabs value={panel} onChange={(value) => value && setPanel(value as PlacementPanel)} px="xs" pt={6}>
          <Tabs.List>
            <Tabs.Tab value="service" data-testid="placement-panel-service">
              {t('placement.panel.service')}
            </Tabs.Tab>
            <Tabs.Tab
              value="whatif"
              data-testid="placement-panel-whatif"
              rightSection={
                changeCount > 0 ? (
                  <Badge size="xs" circle color="blue">
                    {changeCount}
                  </Badge>
                ) : null
              }
            >
              {t('placement.panel.whatIf')}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
        <div className={classes.panelBody}>{panel === 'service' ? <ServicePlanPanel clusterId={clusterId} /> : <WhatIfPanel clusterId={clusterId} />}</div>
      </div>
    </div>
  )
}
