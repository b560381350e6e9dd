import { useMemo, type ReactNode } from 'react'
import { ActionIcon, Alert, Badge, Box, Button, Group, Stack, Text, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SwarmNode } from '../../../../shared/domain'
import type { PlacementPlanData } from '../../../../shared/placement'
import { IconAlert, IconInfo } from '../../components/icons'
import { StatusBadge } from '../../components/StatusBadge'
import { useFormatters } from '../../i18n/format'
import { IconTag } from '../nodes/node-icons'
import { say } from '../../i18n/say'
import { taskRange } from './matrix-model'
import { planDeltas, planNotes } from './plan-notes'
import { noEligibleText, placementReasonText, unsuitableText } from './placement-text'
import { IconNo, IconYes } from './placement-icons'
import classes from './placement.module.css'

interface PlanViewProps {
  plan: PlacementPlanData
  /** The plan without the what-if changes (the per-node counts show before → after). */
  before: PlacementPlanData | null
  /** The live nodes, for their role and availability badges. */
  nodes: Readonly<Record<string, SwarmNode>> | null
  /** A draft has no tasks yet: no "now" column. */
  draft: boolean
  /** The draft form shows constraint issues on their lines; a live service's view shows them here. */
  showConstraintIssues: boolean
  onEditLabels: (nodeId: string) => void
  /** Offered for a constraint issue with a drop-in fix (a live service: try it in the what-if). */
  onTryFix?: (index: number, fix: string) => void
}

const nodeOrder = (nodes: Readonly<Record<string, SwarmNode>> | null) => (a: PlacementPlanData['perNode'][number], b: PlacementPlanData['perNode'][number]) => {
  const roleA = nodes?.[a.nodeId]?.role === 'manager' ? 0 : 1
  const roleB = nodes?.[b.nodeId]?.role === 'manager' ? 0 : 1
  return roleA - roleB || a.hostname.localeCompare(b.hostname, undefined, { numeric: true })
}

/**
 * One service against every node, as the planner sees it: eligible or not and every reason why
 * not, how many tasks each would get, what stays pending and why, and what looks wrong.
 */
export function PlanView({ plan, before, nodes, draft, showConstraintIssues, onEditLabels, onTryFix }: PlanViewProps): ReactNode {
  const { t } = useTranslation()
  const format = useFormatters()
  const notes = useMemo(() => planNotes(plan), [plan])
  const deltas = useMemo(() => planDeltas(plan, before), [plan, before])
  const cells = useMemo(() => [...plan.perNode].sort(nodeOrder(nodes)), [plan, nodes])
  const global = plan.mode === 'global' || plan.mode === 'global-job'

  return (
    <Stack gap="sm">
      <Group gap={6} data-testid="plan-summary" data-eligible-count={plan.eligibleCount} data-pending={plan.pendingTasks}>
        <Badge color={plan.eligibleCount === 0 ? 'red' : 'teal'} variant="light" radius="sm" tt="none">
          {t('placement.plan.eligibleCount', { count: plan.eligibleCount, total: plan.perNode.length })}
        </Badge>
        {notes.refused === null ? (
          <Badge color={plan.pendingTasks > 0 ? 'orange' : 'gray'} variant="light" radius="sm" tt="none">
            {global ? t('placement.plan.placedGlobal', { count: plan.totalPredicted }) : t('placement.plan.placed', { count: plan.totalPredicted, desired: plan.desiredTasks })}
          </Badge>
        ) : null}
        {!plan.deterministic ? (
          <Tooltip label={t('placement.plan.notDeterministicHint')} multiline maw={320} withArrow>
            <Badge color="blue" variant="outline" radius="sm" tt="none" data-testid="plan-not-deterministic">
              {t('placement.plan.notDeterministic')}
            </Badge>
          </Tooltip>
        ) : null}
      </Group>

      {notes.refused !== null ? (
        <Alert color="red" variant="light" p="xs" icon={<IconAlert />} data-testid="plan-refused">
          <Text size="sm" fw={600}>
            {t('placement.plan.refused')}
          </Text>
          {showConstraintIssues ? null : <Text size="sm">{t('placement.plan.refusedSeeLines')}</Text>}
        </Alert>
      ) : null}

      {showConstraintIssues
        ? plan.errors.map((issue) => (
            <Alert key={`e${issue.index}`} color="red" variant="light" p="xs" icon={<IconAlert />} data-testid="plan-error">
              <Text size="sm">{t('placement.plan.constraintError', { number: issue.index + 1, expression: issue.expression, message: say(t, issue.said) })}</Text>
              {issue.suggestion ? (
                <Text size="sm" fw={500} mt={2}>
                  {issue.suggestionSaid ? say(t, issue.suggestionSaid) : issue.suggestion}
                </Text>
              ) : null}
              <TryFix issue={issue} onTryFix={onTryFix} />
            </Alert>
          ))
        : null}

      {notes.pending ? (
        <Alert color={notes.pending.noneEligible ? 'red' : 'orange'} variant="light" p="xs" icon={<IconAlert />} data-testid="plan-pending" data-count={notes.pending.count}>
          <Text size="sm" fw={600}>
            {notes.pending.noneEligible ? t('placement.plan.pendingNone', { count: notes.pending.count }) : t('placement.plan.pending', { count: notes.pending.count })}
          </Text>
          <Text size="sm">{unsuitableText(t, notes.pending.unsuitable)}</Text>
        </Alert>
      ) : null}

      {showConstraintIssues
        ? plan.constraintWarnings.map((issue) => (
            <Alert key={`w${issue.index}`} color="yellow" variant="light" p="xs" icon={<IconAlert />} data-testid="plan-constraint-warning">
              <Text size="sm">{t('placement.plan.constraintWarning', { number: issue.index + 1, expression: issue.expression, message: say(t, issue.said) })}</Text>
              {issue.suggestion ? (
                <Text size="sm" fw={500} mt={2} data-testid="plan-constraint-suggestion">
                  {issue.suggestionSaid ? say(t, issue.suggestionSaid) : issue.suggestion}
                </Text>
              ) : null}
              <TryFix issue={issue} onTryFix={onTryFix} />
            </Alert>
          ))
        : null}

      {notes.noEligible !== null ? (
        <Alert color="red" variant="light" p="xs" icon={<IconAlert />} data-testid="plan-no-eligible" data-kind={notes.noEligible}>
          <Text size="sm">{noEligibleText(t, plan)}</Text>
        </Alert>
      ) : null}

      {notes.warnings.map((warning) => (
        <Alert key={warning.message} color="yellow" variant="light" p="xs" icon={<IconInfo />} data-testid="plan-warning" data-kind={warning.kind}>
          <Text size="sm">{say(t, warning.said)}</Text>
        </Alert>
      ))}

      <div className={classes.planNodes} role="table" aria-label={t('placement.plan.nodesLabel')} data-testid="plan-nodes">
        <div className={classes.planHeader} role="row">
          <span role="columnheader" className={classes.planIcon} />
          <span role="columnheader" className={classes.planNode}>
            {t('placement.plan.columns.node')}
          </span>
          <span role="columnheader" className={classes.planTasks} style={{ textAlign: 'right' }}>
            {t('placement.plan.columns.tasks')}
          </span>
          <span role="columnheader" className={classes.planTag} />
        </div>
        {cells.map((cell) => {
          const node = nodes?.[cell.nodeId]
          const delta = deltas.get(cell.nodeId)
          return (
            <div
              key={cell.nodeId}
              role="row"
              className={classes.planRow}
              data-testid={`plan-node-${cell.hostname}`}
              data-eligible={cell.eligible}
              data-predicted={cell.predictedTasks}
              data-min={cell.minTasks}
              data-max={cell.maxTasks}
              data-existing={cell.existingTasks}
              data-changed={delta ? 'true' : undefined}
            >
              <Box role="cell" pt={2} className={`${classes.planIcon} ${cell.eligible ? classes.yes : classes.no}`} aria-label={cell.eligible ? t('placement.eligible') : t('placement.notEligible')}>
                {cell.eligible ? <IconYes size={16} /> : <IconNo size={16} />}
              </Box>
              <Group role="cell" gap={6} miw={0} className={classes.planNode}>
                <Text size="sm" fw={600} truncate="end" title={cell.nodeId}>
                  {cell.hostname}
                </Text>
                {node ? (
                  <Group gap={4} wrap="nowrap">
                    <StatusBadge status={node.role} variant="outline" size="xs" />
                    {node.availability !== 'active' ? <StatusBadge status={node.availability} size="xs" /> : null}
                    {node.state !== 'ready' ? <StatusBadge status={node.state} size="xs" /> : null}
                  </Group>
                ) : null}
              </Group>
              <Stack role="cell" gap={0} align="flex-end" className={classes.planTasks}>
                <Text size="sm" fw={cell.predictedTasks > 0 ? 700 : 400} c={cell.predictedTasks > 0 ? undefined : 'dimmed'} data-testid="plan-node-tasks">
                  {delta ? `${delta.predictedBefore} → ${taskRange(cell)}` : taskRange(cell)}
                </Text>
                {!draft && cell.existingTasks !== cell.predictedTasks && !delta ? (
                  <Text size="xs" c="dimmed">
                    {t('placement.plan.now', { count: cell.existingTasks })}
                  </Text>
                ) : null}
                {delta && delta.eligibleBefore !== cell.eligible ? (
                  <Text size="xs" c="blue">
                    {cell.eligible ? t('placement.plan.becomesEligible') : t('placement.plan.becomesIneligible')}
                  </Text>
                ) : null}
              </Stack>
              <Stack role="cell" gap={2} miw={0} className={classes.planWhy} aria-label={t('placement.plan.columns.why')}>
                {cell.reasons.map((reason, i) => (
                  <Text key={`${reason.code}-${i}`} size="xs" c="red.7" data-testid="plan-node-reason" data-code={reason.code} style={{ overflowWrap: 'anywhere' }}>
                    {placementReasonText(t, format, reason)}
                  </Text>
                ))}
                {cell.limitedBy ? (
                  <Text size="xs" c="dimmed" data-testid="plan-node-limit">
                    {t('placement.plan.limitedBy', { reason: placementReasonText(t, format, cell.limitedBy) })}
                  </Text>
                ) : null}
              </Stack>
              <Box role="cell" className={classes.planTag}>
                <Tooltip label={t('placement.editLabelsOf', { node: cell.hostname })} withArrow position="left">
                  <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => onEditLabels(cell.nodeId)} aria-label={t('placement.editLabelsOf', { node: cell.hostname })} data-testid={`plan-node-labels-${cell.hostname}`}>
                    <IconTag size={14} />
                  </ActionIcon>
                </Tooltip>
              </Box>
            </div>
          )
        })}
      </div>
    </Stack>
  )
}

/** "Try node.labels.zone == a in the what-if": the fix, planned, before anyone edits the service. */
function TryFix({ issue, onTryFix }: { issue: PlacementPlanData['errors'][number]; onTryFix: PlanViewProps['onTryFix'] }): ReactNode {
  const { t } = useTranslation()
  const fix = issue.fix
  if (!fix || !onTryFix) return null
  return (
    <Group mt={4}>
      <Button size="compact-xs" variant="light" color="blue" onClick={() => onTryFix(issue.index, fix)} data-testid={`plan-try-fix-${issue.index + 1}`}>
        {t('placement.plan.tryFix', { fix })}
      </Button>
    </Group>
  )
}
