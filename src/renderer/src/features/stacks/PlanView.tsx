import type { ReactNode } from 'react'
import { Alert, Badge, Code, Group, Paper, Stack, Text, type MantineColor } from '@mantine/core'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ChangeEffect, FieldChange, StackOperation, StackPlan } from '../../../../shared/stacks'
import { IconAlert, IconInfo } from '../../components/icons'
import { say, sayWorded } from '../../i18n/say'
import { unsuitableText } from '../placement/placement-text'
import { groupOperations, objectOf, placementOf, placementVerdict, planCounts, problemsOf, shownValue, toneOf, unplaceable, verbOf, type OpTone, type ServicePlacement } from './plan-groups'
import classes from './stacks.module.css'

/** Deploy: what a deploy would do. Drift: how the live stack differs from the files (same shapes). */
export type PlanMode = 'deploy' | 'drift'

const toneColor: Record<OpTone, MantineColor> = { create: 'green', change: 'blue', restart: 'orange', remove: 'red', blocked: 'red', none: 'gray' }
const effectColor: Record<ChangeEffect, MantineColor> = { restart: 'orange', placement: 'yellow', none: 'gray' }

/** The plan's operations grouped by phase, each with its field changes, effects and blocks. */
export function PlanView({ plan, mode, testId = 'stack-plan' }: { plan: StackPlan; mode: PlanMode; testId?: string }): ReactNode {
  const { t } = useTranslation()
  const groups = groupOperations(plan.operations)
  const counts = planCounts(plan)
  return (
    <Stack gap="sm" data-testid={testId} data-ok={plan.ok} data-mode={mode} data-fingerprint={plan.fingerprint}>
      <Group gap={6} data-testid={`${testId}-summary`}>
        {counts.create > 0 ? <SummaryBadge color="green" text={t(`stacks.plan.summary.${mode}.create`, { count: counts.create })} /> : null}
        {counts.update > 0 ? <SummaryBadge color="blue" text={t(`stacks.plan.summary.${mode}.update`, { count: counts.update })} /> : null}
        {counts.restarting.length > 0 ? <SummaryBadge color="orange" text={t('stacks.plan.summary.restarting', { count: counts.restarting.length })} title={counts.restarting.join(', ')} /> : null}
        {counts.remove > 0 ? <SummaryBadge color="red" text={t('stacks.plan.summary.remove', { count: counts.remove })} /> : null}
        {counts.unchanged > 0 ? <SummaryBadge color="gray" text={t(`stacks.plan.summary.${mode}.unchanged`, { count: counts.unchanged })} /> : null}
        {counts.blocked > 0 ? <SummaryBadge color="red" text={t('stacks.plan.summary.blocked', { count: counts.blocked })} /> : null}
        {mode === 'deploy' && unplaceable(plan).length > 0 ? (
          <SummaryBadge color="yellow" text={t('stacks.plan.summary.unplaceable', { count: unplaceable(plan).length })} title={unplaceable(plan).join(', ')} />
        ) : null}
      </Group>
      <Text size="xs" c="dimmed">
        {mode === 'drift' ? t('stacks.plan.legend.drift') : t('stacks.plan.legend.deploy')}
      </Text>
      {groups.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid={`${testId}-empty`}>
          {t('stacks.plan.noOperations')}
        </Text>
      ) : (
        groups.map((group) => (
          <Stack key={group.phase} gap={6} data-testid={`plan-phase-${group.phase}`}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              {t(`stacks.plan.phase.${group.phase}`)}
            </Text>
            {group.operations.map((op) => (
              <OperationRow key={op.id} op={op} plan={plan} mode={mode} />
            ))}
          </Stack>
        ))
      )}
      {plan.summary.notInFile.length > 0 && !plan.options.prune ? (
        <Alert color="gray" variant="light" icon={<IconInfo />} p="xs" data-testid="plan-not-in-file">
          <Text size="sm">{mode === 'drift' ? t('stacks.plan.notInFileDrift', { names: plan.summary.notInFile.join(', ') }) : t('stacks.plan.notInFile', { names: plan.summary.notInFile.join(', ') })}</Text>
        </Alert>
      ) : null}
    </Stack>
  )
}

function SummaryBadge({ color, text, title }: { color: MantineColor; text: string; title?: string }): ReactNode {
  return (
    <Badge color={color} variant="light" radius="sm" title={title}>
      {text}
    </Badge>
  )
}

function verbText(t: TFunction, op: StackOperation, mode: PlanMode): string {
  const verb = verbOf(op.kind)
  if (op.blocked && mode === 'deploy') return t('stacks.plan.verb.blocked', { verb: t(`stacks.plan.verb.${verb}`) })
  if (mode === 'drift') {
    if (verb === 'create') return t('stacks.plan.drift.missing')
    if (verb === 'unchanged') return t('stacks.plan.drift.same')
    return t('stacks.plan.drift.differs')
  }
  if (verb === 'update' && objectOf(op.kind) === 'service') {
    if (op.restarts) return t('stacks.plan.verb.updateRestarts')
    if (op.changes.some((c) => c.effect === 'placement')) return t('stacks.plan.verb.updatePlacement')
    return t('stacks.plan.verb.updateKeeps')
  }
  return t(`stacks.plan.verb.${verb}`)
}

function OperationRow({ op, plan, mode }: { op: StackOperation; plan: StackPlan; mode: PlanMode }): ReactNode {
  const { t } = useTranslation()
  const tone = toneOf(op)
  const unchanged = verbOf(op.kind) === 'unchanged' && op.changes.length === 0 && !op.blocked
  const header = (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
        <Badge size="xs" variant="outline" color="gray" radius="sm">
          {t(`stacks.object.${objectOf(op.kind)}`)}
        </Badge>
        <Text size="sm" ff="monospace" fw={unchanged ? 400 : 500} c={unchanged ? 'dimmed' : undefined} truncate="end" title={op.name}>
          {op.name}
        </Text>
      </Group>
      <Badge size="sm" variant={unchanged ? 'outline' : 'light'} color={toneColor[tone]} radius="sm" style={{ flexShrink: 0 }} data-testid="plan-op-verb">
        {verbText(t, op, mode)}
      </Badge>
    </Group>
  )
  const common = { 'data-testid': `plan-op-${op.name}`, 'data-kind': op.kind, 'data-blocked': Boolean(op.blocked), 'data-restarts': op.restarts }
  const placement = mode === 'deploy' && verbOf(op.kind) !== 'remove' ? placementOf(plan, op) : null
  if (unchanged) {
    return (
      <div {...common} style={{ padding: '2px 10px' }}>
        {header}
        {placement && placementVerdict(placement) !== 'ok' ? <PlacementLine placement={placement} /> : null}
      </div>
    )
  }
  const fixes = op.blocked ? problemsOf(plan, op).flatMap((p) => (p.fixSaid ? [say(t, p.fixSaid)] : p.fix ? [p.fix] : [])) : []
  return (
    <Paper withBorder p="xs" radius="sm" {...common}>
      <Stack gap={6}>
        {header}
        {op.changes.map((change) => (
          <ChangeRow key={change.path} change={change} />
        ))}
        {placement ? <PlacementLine placement={placement} /> : null}
        {op.notes.map((note, i) => (
          <Text key={i} size="xs" c="dimmed" style={{ wordBreak: 'break-word' }} data-testid="plan-note">
            {sayWorded(t, note)}
          </Text>
        ))}
        {op.blocked ? (
          <Alert color="red" variant="light" p="xs" icon={<IconAlert />} data-testid="plan-blocked">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('stacks.plan.blocked', { reason: sayWorded(t, op.blocked) })}
              </Text>
              {fixes.map((fix) => (
                <Text key={fix} size="xs" data-testid="plan-blocked-fix">
                  {t('stacks.problems.fix', { fix })}
                </Text>
              ))}
            </Stack>
          </Alert>
        ) : null}
        {op.cli && mode === 'deploy' ? (
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 11 }} data-testid="plan-op-cli">
            {op.cli}
          </Code>
        ) : null}
      </Stack>
    </Paper>
  )
}

/** Where the service's tasks would go on the cluster as it is now (main's placement planner). */
function PlacementLine({ placement }: { placement: ServicePlacement }): ReactNode {
  const { t } = useTranslation()
  const verdict = placementVerdict(placement)
  const nodes = placement.eligible.join(', ')
  const text =
    verdict === 'nowhere'
      ? t('stacks.plan.placement.nowhere', { nodes: placement.nodes })
      : verdict === 'pending'
        ? t('stacks.plan.placement.pending', { count: placement.pendingTasks, eligible: placement.eligible.length, nodes })
        : t('stacks.plan.placement.ok', { eligible: placement.eligible.length, total: placement.nodes, nodes })
  return (
    <Stack gap={0} data-testid="plan-placement" data-verdict={verdict} data-eligible={placement.eligible.length} data-pending={placement.pendingTasks}>
      <Text size="xs" c={verdict === 'ok' ? 'dimmed' : verdict === 'nowhere' ? 'red' : 'orange'} style={{ wordBreak: 'break-word' }}>
        {text}
        {verdict !== 'ok' && placement.unsuitable ? ` — ${unsuitableText(t, placement.unsuitable)}` : ''}
      </Text>
      {placement.warnings
        .filter((w) => w.kind !== 'pending' && w.kind !== 'no-eligible')
        .map((w) => (
          <Text key={w.message} size="xs" c="orange" style={{ wordBreak: 'break-word' }} data-testid="plan-placement-warning">
            {say(t, w.said)}
          </Text>
        ))}
    </Stack>
  )
}

function ChangeRow({ change }: { change: FieldChange }): ReactNode {
  const { t } = useTranslation()
  const absent = t('stacks.plan.absent')
  return (
    <div className={classes.change} data-testid="plan-change" data-path={change.path} data-effect={change.effect}>
      <Group gap={6} justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="xs" ff="monospace" fw={500} style={{ wordBreak: 'break-all' }}>
          {change.path}
          {change.composePath ? (
            <Text span size="xs" c="dimmed" ff="monospace">
              {'  '}({change.composePath})
            </Text>
          ) : null}
        </Text>
        <Badge size="xs" variant="light" color={effectColor[change.effect]} radius="sm" style={{ flexShrink: 0 }} data-testid="plan-change-effect">
          {t(`stacks.plan.effect.${change.effect}`)}
        </Badge>
      </Group>
      <Text size="xs" mt={2} component="div">
        <span className={classes.before} data-testid="plan-change-before">
          {shownValue(change.before, absent)}
        </span>
        <Text span c="dimmed" mx={4}>
          →
        </Text>
        <span className={classes.after} data-testid="plan-change-after">
          {shownValue(change.after, absent)}
        </span>
      </Text>
    </div>
  )
}
