import { useEffect, type ReactNode } from 'react'
import { Alert, Button, Checkbox, Group, List, Paper, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { RotationRecord } from '../../../../shared/secrets'
import { useApi } from '../../api/api-context'
import { useNavStore } from '../../app-state/nav-store'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconAlert } from '../../components/icons'
import { say } from '../../i18n/say'
import { useFormatters } from '../../i18n/format'
import { useActiveCluster } from '../clusters/clusters-store'
import { valueSourceOf } from './value-draft'
import { stepLabel, RunView } from './RunView'
import { useRunStore } from './run-store'
import { loadRotations, resumeRotation, rollBackRotation } from './secrets-actions'
import { unfinishedRotations, type UnfinishedRotation } from './unfinished-model'
import { useUnfinishedStore } from './unfinished-store'
import { ValueSourceInput } from './ValueSourceInput'

const EMPTY: RotationRecord[] = []

/**
 * Above every page of a ready cluster: rotations SwarmDesk did not finish (it stopped mid-way),
 * asked once per cluster when it opens. The Secrets page has the details and the actions.
 */
export function UnfinishedRotationsBanner(): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const cluster = useActiveCluster()
  const clusterId = cluster && (cluster.phase === 'ready' || cluster.phase === 'reconnecting') ? cluster.clusterId : null
  const records = useUnfinishedStore((s) => (clusterId ? s.byCluster[clusterId] : undefined))
  const hidden = useUnfinishedStore((s) => s.hidden)
  const hide = useUnfinishedStore((s) => s.hide)
  const page = useNavStore((s) => s.page)
  const go = useNavStore((s) => s.go)
  useEffect(() => {
    if (clusterId && records === undefined) void loadRotations(api, clusterId)
  }, [api, clusterId, records])
  if (!clusterId || page === 'secrets') return null
  const shown = unfinishedRotations(records ?? EMPTY).filter((u) => !hidden[u.record.id])
  if (shown.length === 0) return null
  return (
    <Stack p="md" pb={0} gap="xs">
      {shown.map((u) => (
        <Alert
          key={u.record.id}
          color="orange"
          variant="light"
          icon={<IconAlert />}
          title={t(`secrets.unfinished.title.${u.record.state === 'failed' ? 'failed' : 'interrupted'}`, { kind: t(`secrets.kind.${u.record.kind}`), old: u.record.old.name, new: u.record.new.name })}
          withCloseButton
          closeButtonLabel={t('common.dismiss')}
          onClose={() => hide(u.record.id)}
          data-testid="unfinished-banner"
          data-rotation-id={u.record.id}
        >
          <Group justify="space-between" gap="sm">
            <Text size="sm">{t('secrets.unfinished.bannerBody', { count: u.done.length })}</Text>
            <Button size="xs" variant="light" color="orange" onClick={() => go('secrets')} data-testid="unfinished-banner-open">
              {t('secrets.unfinished.open')}
            </Button>
          </Group>
        </Alert>
      ))}
    </Stack>
  )
}

/** The Secrets page's list of unfinished rotations, each with its journal and Resume / Roll back. */
export function UnfinishedRotationsPanel({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const records = useUnfinishedStore((s) => s.byCluster[clusterId])
  const loadError = useUnfinishedStore((s) => (s.loadError?.clusterId === clusterId ? s.loadError.error : null))
  const run = useRunStore((s) => s.run)
  const list = unfinishedRotations(records ?? EMPTY)
  const showRun = run && run.action !== 'rotate'
  if (list.length === 0 && !loadError && !showRun) return null
  return (
    <Stack gap="sm" data-testid="unfinished-panel">
      {loadError ? <ErrorAlert error={loadError} title={t('secrets.unfinished.loadFailed')} testId="unfinished-load-error" /> : null}
      {list.map((u) => (
        <UnfinishedCard key={u.record.id} clusterId={clusterId} item={u} />
      ))}
      {showRun ? (
        <Paper withBorder p="md" radius="sm">
          <RunView run={run} actions={(result) => <UnfinishedActions clusterId={clusterId} record={result.record} />} />
        </Paper>
      ) : null}
    </Stack>
  )
}

function UnfinishedCard({ clusterId, item }: { clusterId: string; item: UnfinishedRotation }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const { record } = item
  return (
    <Paper withBorder p="md" radius="sm" data-testid={`unfinished-${record.id}`} data-state={record.state} style={{ borderColor: 'var(--mantine-color-orange-filled)' }}>
      <Stack gap="xs">
        <Group gap="xs">
          <IconAlert color="var(--mantine-color-orange-filled)" />
          <Text fw={600}>{t(`secrets.unfinished.title.${record.state === 'failed' ? 'failed' : 'interrupted'}`, { kind: t(`secrets.kind.${record.kind}`), old: record.old.name, new: record.new.name })}</Text>
        </Group>
        <Text size="sm" c="dimmed">
          {t('secrets.unfinished.started', { at: f.dateTime(record.startedAt), updated: f.dateTime(record.updatedAt) })}
        </Text>
        {record.failure ? (
          <Text size="sm" c="red" style={{ wordBreak: 'break-word' }}>
            {record.failure.service ? t('secrets.result.failedService', { service: record.failure.service }) : null} {record.failure.said ? say(t, record.failure.said) : record.failure.message}
            {record.failure.taskError ? ` — ${t('secrets.result.taskError', { error: record.failure.taskErrorSaid ? say(t, record.failure.taskErrorSaid) : record.failure.taskError })}` : ''}
          </Text>
        ) : null}
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t('secrets.unfinished.done')}
          </Text>
          {item.done.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('secrets.unfinished.nothingDone')}
            </Text>
          ) : (
            <List size="sm" spacing={0} data-testid="unfinished-log">
              {item.done.map((entry, i) => (
                <List.Item key={`${entry.at}-${i}`}>
                  {stepLabel(t, entry)} <Text span size="xs" c="dimmed">{f.dateTime(entry.at)}</Text>
                </List.Item>
              ))}
            </List>
          )}
          {item.moved.length > 0 ? <Text size="sm">{t('secrets.unfinished.moved', { services: item.moved.join(', '), new: record.new.name })}</Text> : null}
          {item.notMoved.length > 0 ? <Text size="sm">{t('secrets.unfinished.notMoved', { services: item.notMoved.join(', '), old: record.old.name })}</Text> : null}
        </Stack>
        <UnfinishedActions clusterId={clusterId} record={record} />
      </Stack>
    </Paper>
  )
}

/** Resume (asking for the value again when main needs it) or roll back (optionally keeping the new version). */
export function UnfinishedActions({ clusterId, record }: { clusterId: string; record: RotationRecord }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const running = useRunStore((s) => s.run?.running ?? false)
  const valueFor = useUnfinishedStore((s) => s.valueFor)
  const value = useUnfinishedStore((s) => s.value)
  const setValue = useUnfinishedStore((s) => s.setValue)
  const askValue = useUnfinishedStore((s) => s.askValue)
  const keepNew = useUnfinishedStore((s) => s.keepNew[record.id] ?? false)
  const setKeepNew = useUnfinishedStore((s) => s.setKeepNew)
  const asking = valueFor === record.id
  return (
    <Stack gap="xs" data-testid="unfinished-actions">
      <Group gap="sm">
        <Button size="xs" onClick={() => void resumeRotation(api, clusterId, record)} loading={running} disabled={asking} data-testid="unfinished-resume">
          {t('secrets.unfinished.resume')}
        </Button>
        <Button size="xs" variant="light" color="orange" onClick={() => void rollBackRotation(api, clusterId, record)} disabled={running || record.oldRemoved} data-testid="unfinished-rollback">
          {t('secrets.unfinished.rollback')}
        </Button>
        <Checkbox size="xs" label={t('secrets.unfinished.keepNew', { new: record.new.name })} checked={keepNew} onChange={(e) => setKeepNew(record.id, e.currentTarget.checked)} disabled={running || record.new.id === null} data-testid="unfinished-keep-new" />
      </Group>
      {record.oldRemoved ? (
        <Text size="xs" c="dimmed">
          {t('errors.ROLLBACK_IMPOSSIBLE')}
        </Text>
      ) : null}
      {asking ? (
        <Paper withBorder p="sm" radius="sm" data-testid="unfinished-value">
          <Stack gap="xs">
            <Text size="sm">{t('secrets.unfinished.valueNeeded', { new: record.new.name })}</Text>
            <ValueSourceInput kind={record.kind} value={value} onChange={setValue} showProblem={false} testId="resume-value" />
            <Group gap="sm">
              <Button size="xs" onClick={() => void resumeRotation(api, clusterId, record, true)} disabled={running || valueSourceOf(value, record.kind) === null} data-testid="unfinished-resume-with-value">
                {t('secrets.unfinished.resumeWithValue')}
              </Button>
              <Button size="xs" variant="default" onClick={() => askValue(null)} disabled={running}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  )
}
