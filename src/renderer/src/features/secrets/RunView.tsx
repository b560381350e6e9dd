import type { ReactNode } from 'react'
import { Alert, Badge, Group, List, Loader, Progress, Stack, Text, type MantineColor } from '@mantine/core'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { RotationResult } from '../../../../shared/secrets'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { say } from '../../i18n/say'
import { IconAlert, IconCheck } from '../../components/icons'
import { IconDot, IconX } from '../stacks/stacks-icons'
import { failureHint, serviceProgress, stepCounts, type ProgressStep, type ServicePhase, type StepStatus } from './rotation-progress'
import type { RotationRun } from './run-store'
import classes from './secrets.module.css'

const statusColor: Record<StepStatus, MantineColor> = { pending: 'gray', running: 'blue', waiting: 'blue', done: 'green', failed: 'red', skipped: 'gray' }
const phaseColor: Record<ServicePhase, MantineColor> = { pending: 'gray', untouched: 'gray', updating: 'blue', converging: 'blue', converged: 'green', failed: 'red', reverting: 'orange', reverted: 'orange' }

export function stepLabel(t: TFunction, step: Pick<ProgressStep, 'kind' | 'subject'>): string {
  return t(`secrets.steps.${step.kind}`, { subject: step.subject })
}

/**
 * A rotation, resume or roll back as it runs: each step, each service ("2/3 running"), then the
 * outcome. `actions` renders what can be done about an unfinished result (resume, roll back).
 */
export function RunView({ run, actions, onRetryPlan }: { run: RotationRun; actions?: (result: RotationResult) => ReactNode; onRetryPlan?: () => void }): ReactNode {
  const { t } = useTranslation()
  const counts = stepCounts(run.steps)
  const services = serviceProgress(run.steps, run.services)
  return (
    <Stack gap="sm" data-testid="rotation-run" data-running={run.running} data-action={run.action} data-outcome={run.result?.outcome ?? (run.error ? 'error' : '')}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {t(`secrets.run.${run.action}.${run.running ? 'running' : 'finished'}`, { old: run.oldName, new: run.newName })}
        </Text>
        {counts.total > 0 ? (
          <Text size="xs" c="dimmed">
            {t('secrets.run.count', { finished: counts.finished, total: counts.total })}
          </Text>
        ) : null}
      </Group>
      {counts.total > 0 ? <Progress value={(counts.finished / counts.total) * 100} color={counts.failed > 0 ? 'red' : 'blue'} size="sm" animated={run.running} /> : run.running ? <Loader size="sm" /> : null}
      {services.length > 0 ? (
        <Stack gap={2} data-testid="run-services">
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            {t('secrets.run.services')}
          </Text>
          {services.map((s) => (
            <Group key={s.service} gap="xs" wrap="nowrap" data-testid={`run-service-${s.service}`} data-phase={s.phase}>
              <Text size="sm" ff="monospace" miw={160}>
                {s.service}
              </Text>
              <Badge size="sm" variant="light" color={phaseColor[s.phase]} radius="sm">
                {t(`secrets.run.phase.${s.phase}`)}
              </Badge>
              <Text size="xs" c={s.phase === 'failed' ? 'red' : 'dimmed'} style={{ wordBreak: 'break-word' }} data-testid="run-service-detail">
                {s.detailSaid ? say(t, s.detailSaid) : s.detail}
              </Text>
            </Group>
          ))}
        </Stack>
      ) : null}
      {run.steps.length > 0 ? (
        <Stack gap={2} data-testid="run-steps">
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" mt={4}>
            {t('secrets.run.steps')}
          </Text>
          {run.steps.map((step) => (
            <div key={step.key} className={classes.progressRow} data-testid={`run-step-${step.key}`} data-status={step.status}>
              <StatusIcon status={step.status} running={run.running} />
              <Group gap={6} wrap="nowrap">
                <Text size="sm">{stepLabel(t, step)}</Text>
                <Badge size="xs" variant="light" color={statusColor[step.status]} radius="sm">
                  {t(`secrets.run.status.${step.status}`)}
                </Badge>
              </Group>
              <Text size="xs" c={step.status === 'failed' ? 'red' : 'dimmed'} style={{ wordBreak: 'break-word' }}>
                {step.said ? say(t, step.said) : step.message}
              </Text>
            </div>
          ))}
        </Stack>
      ) : null}
      {run.error ? (
        <ErrorAlert error={run.error} title={t(`secrets.run.${run.action}.refused`)} testId="run-error">
          {run.error.code === 'STALE_PLAN' && onRetryPlan ? (
            <Text size="sm" td="underline" style={{ cursor: 'pointer' }} onClick={onRetryPlan} data-testid="run-replan">
              {t('secrets.run.replan')}
            </Text>
          ) : null}
        </ErrorAlert>
      ) : null}
      {run.result ? <ResultView result={run.result} actions={actions} /> : null}
    </Stack>
  )
}

function StatusIcon({ status, running }: { status: StepStatus; running: boolean }): ReactNode {
  if ((status === 'running' || status === 'waiting') && running) return <Loader size={14} />
  if (status === 'done') return <IconCheck size={14} color="var(--mantine-color-green-filled)" />
  if (status === 'failed') return <IconX size={14} color="var(--mantine-color-red-filled)" />
  return <IconDot size={12} color="var(--mantine-color-dimmed)" />
}

const outcomeColor: Record<RotationResult['outcome'], MantineColor> = { completed: 'green', 'rolled-back': 'orange', failed: 'red' }

/** What happened, in words: the failing service and its task error, what was put back, what is left. */
function ResultView({ result, actions }: { result: RotationResult; actions?: (result: RotationResult) => ReactNode }): ReactNode {
  const { t } = useTranslation()
  const reverted = result.record.services.filter((s) => s.state === 'reverted').map((s) => s.serviceName)
  const onNew = result.record.services.filter((s) => s.state === 'updated' || s.state === 'converged').map((s) => s.serviceName)
  const pending = result.record.services.filter((s) => s.state === 'pending').map((s) => s.serviceName)
  const vars = { old: result.old.name, new: result.new.name }
  return (
    <Alert
      color={outcomeColor[result.outcome]}
      variant="light"
      icon={result.outcome === 'completed' ? <IconCheck /> : <IconAlert />}
      title={t(`secrets.result.${result.outcome}`, vars)}
      data-testid="rotation-result"
      data-outcome={result.outcome}
      data-failed-service={result.failure?.service ?? ''}
    >
      <Stack gap={6}>
        {result.failure ? (
          <Stack gap={2} data-testid="rotation-failure">
            <Text size="sm" fw={500}>
              {result.failure.service ? t('secrets.result.failedService', { service: result.failure.service }) : t('secrets.result.failedNoService')}
            </Text>
            <Text size="sm" style={{ wordBreak: 'break-word' }}>
              {result.failure.said ? say(t, result.failure.said) : result.failure.message}
            </Text>
            {result.failure.taskError ? (
              <Text size="sm" c="red" style={{ wordBreak: 'break-word' }} data-testid="rotation-task-error">
                {t('secrets.result.taskError', { error: result.failure.taskErrorSaid ? say(t, result.failure.taskErrorSaid) : result.failure.taskError })}
              </Text>
            ) : null}
            {failureHint(result.failure) === 'health-check' ? (
              <Text size="sm" data-testid="rotation-failure-hint">
                {t('secrets.result.hintHealthCheck', { service: result.failure.service ?? '' })}
              </Text>
            ) : null}
          </Stack>
        ) : null}
        {result.outcome === 'completed' ? (
          <Text size="sm" data-testid="rotation-result-summary">
            {t('secrets.result.completedSummary', { ...vars, count: onNew.length })} {result.old.removed ? t('secrets.result.oldRemoved', vars) : t('secrets.result.oldKept', vars)}
          </Text>
        ) : null}
        {result.outcome === 'rolled-back' ? (
          <Text size="sm" data-testid="rotation-result-summary">
            {reverted.length > 0 ? t('secrets.result.reverted', { ...vars, services: reverted.join(', ') }) : t('secrets.result.nothingToRevert', vars)}{' '}
            {result.new.removed ? t('secrets.result.newRemoved', vars) : t('secrets.result.newKept', vars)}
          </Text>
        ) : null}
        {result.outcome === 'failed' ? (
          <Stack gap={2} data-testid="rotation-left">
            <Text size="sm">{t('secrets.result.left', vars)}</Text>
            {onNew.length > 0 ? <Text size="sm">{t('secrets.result.leftOnNew', { ...vars, services: onNew.join(', ') })}</Text> : null}
            {reverted.length + pending.length > 0 ? <Text size="sm">{t('secrets.result.leftOnOld', { ...vars, services: [...reverted, ...pending].join(', ') })}</Text> : null}
          </Stack>
        ) : null}
        {result.notes.length > 0 ? (
          <List size="xs" spacing={2} data-testid="rotation-notes">
            {result.notes.map((note) => (
              <List.Item key={note.message}>{say(t, note.said)}</List.Item>
            ))}
          </List>
        ) : null}
        {result.outcome === 'failed' && actions ? actions(result) : null}
        {result.cli.length > 0 ? <CliEquivalent command={result.cli.join('\n')} label={t('secrets.result.cliDone')} testId="rotation-result-cli" /> : null}
      </Stack>
    </Alert>
  )
}
