import type { ReactNode } from 'react'
import { Alert, Badge, Button, Group, List, Loader, Progress, Stack, Text, Tooltip, type MantineColor } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { ErrorAlert } from '../../components/ErrorAlert'
import { say, sayWorded } from '../../i18n/say'
import { IconAlert, IconCheck, IconInfo } from '../../components/icons'
import { useApi } from '../../api/api-context'
import { isWaiting, progressCounts, resultKind, type ProgressRow, type ResultKind, type RowStatus } from './deploy-progress-model'
import { useDeployProgressStore } from './deploy-progress-store'
import { IconDot, IconX } from './stacks-icons'
import { stopDeployWait } from './stacks-actions'
import classes from './stacks.module.css'

function resultTitle(t: TFunction, kind: ResultKind): string {
  switch (kind) {
    case 'not-applied':
      return t('stacks.deploy.result.notApplied')
    case 'ok':
      return t('stacks.deploy.result.ok')
    case 'stopped-waiting':
      return t('stacks.deploy.result.stoppedWaiting')
    case 'partial':
      return t('stacks.deploy.result.partial')
  }
}

const statusColor: Record<RowStatus, MantineColor> = { pending: 'gray', running: 'blue', done: 'green', failed: 'red', skipped: 'gray' }

/** The deploy in flight (or the last one): one row per operation and per service waited for, then the result. */
export function DeployPanel({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const stopping = useDeployProgressStore((s) => s.stopping)
  const requestId = useDeployProgressStore((s) => s.requestId)
  const rows = useDeployProgressStore((s) => s.rows)
  const running = useDeployProgressStore((s) => s.running)
  const result = useDeployProgressStore((s) => s.result)
  const error = useDeployProgressStore((s) => s.error)
  const planChanged = useDeployProgressStore((s) => s.planChanged)
  const stack = useDeployProgressStore((s) => s.stack)
  if (!requestId) return null
  const counts = progressCounts(rows)
  const operations = rows.filter((r) => r.kind === 'operation')
  const waits = rows.filter((r) => r.kind === 'wait')
  return (
    <Stack gap="xs" data-testid="deploy-progress" data-running={running} data-request-id={requestId}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {running ? t('stacks.deploy.running', { stack }) : t('stacks.deploy.finished', { stack })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('stacks.deploy.count', { finished: counts.finished, total: counts.total })}
        </Text>
      </Group>
      {counts.total > 0 ? <Progress value={(counts.finished / counts.total) * 100} color={counts.failed > 0 ? 'red' : 'blue'} size="sm" animated={running} /> : null}
      {operations.length > 0 ? (
        <Stack gap={2}>
          {operations.map((row) => (
            <ProgressLine key={row.id} row={row} running={running} testId={`progress-op-${row.name}`} />
          ))}
        </Stack>
      ) : null}
      {waits.length > 0 ? (
        <Stack gap={2}>
          <Group justify="space-between" mt={4}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              {t('stacks.deploy.convergence')}
            </Text>
            {running && isWaiting(rows) ? (
              <Tooltip label={t('stacks.deploy.stopWaitingHint')} multiline w={320}>
                <Button size="compact-xs" variant="light" color="gray" loading={stopping} onClick={() => void stopDeployWait(api, clusterId)} data-testid="deploy-stop-waiting">
                  {t('stacks.deploy.stopWaiting')}
                </Button>
              </Tooltip>
            ) : null}
          </Group>
          {waits.map((row) => (
            <ProgressLine key={row.id} row={row} running={running} testId={`progress-wait-${row.name}`} />
          ))}
        </Stack>
      ) : null}
      {error ? <ErrorAlert error={error} title={t('stacks.deploy.failed')} testId="deploy-error" /> : null}
      {planChanged ? (
        <Alert color="orange" variant="light" icon={<IconAlert />} title={t('stacks.deploy.planChangedTitle')} data-testid="deploy-plan-changed">
          <Text size="sm">{t('stacks.deploy.planChanged')}</Text>
        </Alert>
      ) : null}
      {result && !planChanged ? <DeployResultView /> : null}
    </Stack>
  )
}

function StatusIcon({ status, running }: { status: RowStatus; running: boolean }): ReactNode {
  if (status === 'running' && running) return <Loader size={14} />
  if (status === 'done') return <IconCheck size={14} color="var(--mantine-color-green-filled)" />
  if (status === 'failed') return <IconX size={14} color="var(--mantine-color-red-filled)" />
  return <IconDot size={12} color="var(--mantine-color-dimmed)" />
}

function ProgressLine({ row, running, testId }: { row: ProgressRow; running: boolean; testId: string }): ReactNode {
  const { t } = useTranslation()
  return (
    <div className={classes.progressRow} data-testid={testId} data-status={row.status} data-op-id={row.id}>
      <StatusIcon status={row.status} running={running} />
      <Group gap={6} wrap="nowrap">
        <Text size="sm" ff="monospace">
          {row.name}
        </Text>
        <Badge size="xs" variant="light" color={statusColor[row.status]} radius="sm">
          {t(`stacks.deploy.status.${row.status}`)}
        </Badge>
      </Group>
      <Text size="xs" c={row.status === 'failed' ? 'red' : 'dimmed'} style={{ wordBreak: 'break-word' }} data-testid="progress-message">
        {row.said ? say(t, row.said) : row.message}
      </Text>
    </div>
  )
}

function DeployResultView(): ReactNode {
  const { t } = useTranslation()
  const result = useDeployProgressStore((s) => s.result)
  if (!result) return null
  const { done, failed, skipped } = result.summary
  const warnings = [...result.warnings, ...result.outcomes.flatMap((o) => o.warnings)]
  const unconverged = (result.convergence ?? []).filter((c) => c.state === 'failed' || c.state === 'timeout')
  const notWaited = (result.convergence ?? []).filter((c) => c.state === 'stopped')
  const kind = resultKind(result)
  const color = kind === 'not-applied' ? 'red' : kind === 'ok' ? 'green' : 'orange'
  const title = resultTitle(t, kind)
  return (
    <Alert color={color} variant="light" icon={result.ok ? <IconCheck /> : <IconAlert />} title={title} data-testid="deploy-result" data-ok={result.ok} data-applied={result.applied}>
      <Stack gap={4}>
        {result.applied ? (
          <Text size="sm" data-testid="deploy-result-summary">
            {t('stacks.deploy.result.summary', { done, failed, skipped })}
          </Text>
        ) : (
          <Text size="sm">{t('stacks.deploy.result.nothingChanged')}</Text>
        )}
        {result.outcomes
          .filter((o) => o.status !== 'done')
          .map((o) => (
            <Text key={o.id} size="xs" c={o.status === 'failed' ? 'red' : 'dimmed'} style={{ wordBreak: 'break-word' }} data-testid="deploy-result-not-done">
              {o.status === 'failed' ? t('stacks.deploy.result.failedOp', { message: say(t, o.said) }) : t('stacks.deploy.result.skippedOp', { message: say(t, o.said) })}
            </Text>
          ))}
        {unconverged.map((c) => (
          <Text key={c.service} size="xs" c="red" data-testid="deploy-result-unconverged">
            {t('stacks.deploy.result.unconverged', { service: c.service, message: say(t, c.said) })}
          </Text>
        ))}
        {notWaited.map((c) => (
          <Text key={c.service} size="xs" c="dimmed" data-testid="deploy-result-not-waited">
            {t('stacks.deploy.result.notWaited', { service: c.service, message: say(t, c.said) })}
          </Text>
        ))}
        {warnings.length > 0 ? (
          <>
            <Group gap={4} c="dimmed">
              <IconInfo size={14} />
              <Text size="xs">{t('stacks.deploy.result.warnings')}</Text>
            </Group>
            <List size="xs" spacing={2}>
              {warnings.map((w, i) => (
                <List.Item key={i} style={{ wordBreak: 'break-word' }}>
                  {sayWorded(t, w)}
                </List.Item>
              ))}
            </List>
          </>
        ) : null}
      </Stack>
    </Alert>
  )
}
