import { memo, useMemo, useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react'
import { ActionIcon, Badge, Group, Text, Tooltip } from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import { IconAlert } from '../../components/icons'
import { StatusBadge } from '../../components/StatusBadge'
import { useFormatters } from '../../i18n/format'
import { IconTag } from '../nodes/node-icons'
import { cellCount, rowAlert, type CellChange, type MatrixCell, type MatrixNode, type MatrixRow } from './matrix-model'
import { IconNo, IconYes } from './placement-icons'
import { pendingHeadline, placementReasonText, type PlacementFormat } from './placement-text'
import type { NodeEdit } from './whatif-changes'
import { say } from '../../i18n/say'
import classes from './placement.module.css'

const SERVICE_COLUMN = 210
const ROW_HEIGHT = 52

/** Node columns are as wide as the longest hostname needs (within bounds), beside the labels button. */
function nodeColumnWidth(nodes: readonly MatrixNode[]): number {
  const longest = nodes.reduce((max, node) => Math.max(max, node.hostname.length), 0)
  return Math.min(220, Math.max(100, Math.round(longest * 8) + 44))
}
interface PlacementMatrixProps {
  nodes: readonly MatrixNode[]
  /** Indices into `nodes`, in column order. */
  order: readonly number[]
  rows: readonly MatrixRow[]
  /** Cells a what-if changes, with what they were before. */
  changed: ReadonlyMap<string, readonly (CellChange | null)[]>
  /** Hypothetical node edits (availability, state, labels) for the column headers. */
  edits: ReadonlyMap<string, NodeEdit>
  selectedId: string | null
  onSelect: (serviceId: string) => void
  onEditLabels: (nodeId: string) => void
  emptyText: string
}

/**
 * Services (rows, virtualised) against nodes (columns): eligible or not, the tasks there now and
 * where the plan puts them. Rows that cannot place their tasks are tinted with the planner's
 * explanation; with what-if changes, the cells they change are outlined.
 */
export function PlacementMatrix({ nodes, order, rows, changed, edits, selectedId, onSelect, onEditLabels, emptyText }: PlacementMatrixProps): ReactNode {
  const { t } = useTranslation()
  const scrollRef = useRef<HTMLDivElement>(null)
  // We do not use the React Compiler; the virtualizer re-renders this component when it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 })
  const gridStyle = useMemo(() => {
    const column = nodeColumnWidth(nodes)
    return { '--pm-columns': `${SERVICE_COLUMN}px repeat(${order.length}, minmax(${column}px, 1fr))`, minWidth: SERVICE_COLUMN + order.length * column } as CSSProperties
  }, [nodes, order.length])

  return (
    <div ref={scrollRef} className={classes.scroller} data-testid="placement-matrix" data-rows={rows.length}>
      <div role="grid" aria-label={t('placement.matrix.label')} aria-rowcount={rows.length + 1} aria-colcount={order.length + 1} className={classes.grid} style={gridStyle}>
        <div role="row" className={classes.headerRow}>
          <div role="columnheader" className={classes.serviceCell}>
            <span className={classes.headerLabel}>{t('placement.matrix.serviceColumn')}</span>
          </div>
          {order.map((index) => (
            <NodeHeader key={nodes[index].id} node={nodes[index]} edit={edits.get(nodes[index].id) ?? null} onEditLabels={onEditLabels} />
          ))}
        </div>
        {rows.length === 0 ? (
          <div className={classes.empty} data-testid="placement-matrix-empty">
            {emptyText}
          </div>
        ) : (
          <div role="rowgroup" className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]
              return (
                <MatrixRowView
                  key={row.serviceId}
                  row={row}
                  index={item.index}
                  top={item.start}
                  nodes={nodes}
                  order={order}
                  changed={changed.get(row.serviceId) ?? null}
                  selected={row.serviceId === selectedId}
                  onSelect={onSelect}
                />
              )
            })}
          </div>
        )}
      </div>
    </div>
  )
}

function NodeHeader({ node, edit, onEditLabels }: { node: MatrixNode; edit: NodeEdit | null; onEditLabels: (nodeId: string) => void }): ReactNode {
  const { t } = useTranslation()
  const availability = edit?.availability ?? node.availability
  const state = edit?.state ?? node.state
  const stateBadge = state === 'ready' || state === 'down' || state === 'unknown' || state === 'disconnected' ? state : 'unknown'
  return (
    <div role="columnheader" className={classes.nodeHeader} data-testid={`matrix-node-${node.hostname}`} data-edited={edit ? 'true' : undefined} title={edit ? t('placement.matrix.nodeEdited') : undefined}>
      <Group gap={2} wrap="nowrap" justify="space-between">
        <Text size="xs" fw={700} truncate="end" title={node.hostname}>
          {node.hostname}
        </Text>
        <Tooltip label={t('placement.editLabelsOf', { node: node.hostname })} withArrow>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="xs"
            onClick={() => onEditLabels(node.id)}
            aria-label={t('placement.editLabelsOf', { node: node.hostname })}
            data-testid={`matrix-node-labels-${node.hostname}`}
          >
            <IconTag size={12} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Group gap={3} wrap="wrap">
        <StatusBadge status={node.role} variant="outline" size="xs" />
        <StatusBadge status={availability} size="xs" variant={edit?.availability ? 'filled' : 'light'} testId="matrix-node-availability" />
        {stateBadge !== 'ready' ? <StatusBadge status={stateBadge} size="xs" variant={edit?.state ? 'filled' : 'light'} /> : null}
      </Group>
    </div>
  )
}

interface RowProps {
  row: MatrixRow
  index: number
  top: number
  nodes: readonly MatrixNode[]
  order: readonly number[]
  changed: readonly (CellChange | null)[] | null
  selected: boolean
  onSelect: (serviceId: string) => void
}

const MatrixRowView = memo(function MatrixRowView({ row, index, top, nodes, order, changed, selected, onSelect }: RowProps): ReactNode {
  const { t } = useTranslation()
  const alert = rowAlert(row)
  const impact = row.impact
  const onKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      onSelect(row.serviceId)
    }
  }
  const format = useFormatters()
  // The planner puts the pending / no-eligible warning first: the app words it from its codes.
  const headline = pendingHeadline(t, row)
  const said = row.warnings.map((warning) => say(t, warning.said))
  const warnings = headline === null ? said : [headline, ...said.slice(1)]
  const explanation = warnings[0] ?? null
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={0}
      className={classes.bodyRow}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      onClick={() => onSelect(row.serviceId)}
      onKeyDown={onKey}
      data-testid={`matrix-row-${row.name}`}
      data-alert={alert ?? undefined}
      data-eligible-count={row.eligibleCount}
      data-pending={row.pendingTasks}
      data-changed={impact?.changed ? 'true' : undefined}
    >
      <div role="rowheader" className={classes.serviceCell}>
        <Text size="sm" fw={600} truncate="end" title={row.name}>
          {row.name}
        </Text>
        <Group gap={4} wrap="nowrap" miw={0}>
          {impact ? <ImpactBadge impact={impact} /> : null}
          {alert && explanation ? (
            <Tooltip label={warnings.join('\n')} multiline maw={420} withArrow openDelay={200} style={{ whiteSpace: 'pre-line' }}>
              <Group gap={4} wrap="nowrap" miw={0} c={alert === 'no-eligible' ? 'red.8' : 'orange.8'} data-testid="matrix-row-explanation">
                <IconAlert size={12} style={{ flexShrink: 0 }} />
                <Text size="xs" c="inherit" truncate="end">
                  {explanation}
                </Text>
              </Group>
            </Tooltip>
          ) : (
            <Text size="xs" c="dimmed" truncate="end">
              {t('placement.matrix.rowFacts', { mode: t(`services.mode.${modeKey(row.mode)}` as const), eligible: row.eligibleCount, total: nodes.length, desired: row.desiredTasks })}
            </Text>
          )}
        </Group>
      </div>
      {order.map((nodeIndex) => (
        <MatrixCellView key={nodes[nodeIndex].id} format={format} service={row.name} hostname={nodes[nodeIndex].hostname} cell={row.cells[nodeIndex]} change={changed?.[nodeIndex] ?? null} />
      ))}
    </div>
  )
})

const modeKey = (mode: string): 'replicated' | 'global' | 'replicated-job' | 'global-job' =>
  mode === 'global' || mode === 'replicated-job' || mode === 'global-job' ? mode : 'replicated'

function ImpactBadge({ impact }: { impact: NonNullable<MatrixRow['impact']> }): ReactNode {
  const { t } = useTranslation()
  if (impact.refused) return <Badge size="xs" color="red" variant="outline" radius="sm" tt="none" style={{ flexShrink: 0 }} data-testid="matrix-row-impact">{t('placement.whatif.badge.refused')}</Badge>
  if (!impact.changed) return null
  if (impact.losesAllNodes) return <Badge size="xs" color="red" variant="filled" radius="sm" tt="none" style={{ flexShrink: 0 }} data-testid="matrix-row-impact">{t('placement.whatif.badge.losesAll')}</Badge>
  if (impact.newlyPending > 0) return <Badge size="xs" color="orange" variant="filled" radius="sm" tt="none" style={{ flexShrink: 0 }} data-testid="matrix-row-impact">{t('placement.whatif.badge.pending', { count: impact.newlyPending })}</Badge>
  if (impact.movedTasks > 0) return <Badge size="xs" color="blue" variant="filled" radius="sm" tt="none" style={{ flexShrink: 0 }} data-testid="matrix-row-impact">{t('placement.whatif.badge.moves', { count: impact.movedTasks })}</Badge>
  return <Badge size="xs" color="blue" variant="light" radius="sm" tt="none" style={{ flexShrink: 0 }} data-testid="matrix-row-impact">{t('placement.whatif.badge.changed')}</Badge>
}

function MatrixCellView({ format, service, hostname, cell, change }: { format: PlacementFormat; service: string; hostname: string; cell: MatrixCell | undefined; change: CellChange | null }): ReactNode {
  const { t } = useTranslation()
  if (!cell) return <div role="gridcell" className={classes.cell} />
  const count = cellCount(cell)
  const lines = [
    cell.eligible ? t('placement.matrix.cellEligible', { node: hostname }) : t('placement.matrix.cellNotEligible', { node: hostname, reason: cell.why ? placementReasonText(t, format, cell.why) : (cell.reason ?? '') }),
    t('placement.matrix.cellTasks', { actual: cell.actual, predicted: cell.predicted })
  ]
  if (change) lines.push(t('placement.matrix.cellBefore', { eligible: change.eligibleBefore ? t('placement.eligible') : t('placement.notEligible'), predicted: change.predictedBefore }))
  return (
    <div
      role="gridcell"
      className={classes.cell}
      data-testid={`matrix-cell-${service}-${hostname}`}
      data-eligible={cell.eligible}
      data-predicted={cell.predicted}
      data-actual={cell.actual}
      data-changed={change ? 'true' : undefined}
    >
      <Tooltip label={lines.join('\n')} multiline maw={320} withArrow openDelay={150} style={{ whiteSpace: 'pre-line' }}>
        <span className={classes.cellInner} aria-label={lines.join('. ')}>
          <span className={cell.eligible ? classes.yes : classes.no}>{cell.eligible ? <IconYes size={14} /> : <IconNo size={14} />}</span>
          {count ? <span style={{ fontWeight: cell.predicted > 0 ? 700 : 400 }}>{count}</span> : null}
        </span>
      </Tooltip>
    </div>
  )
}
