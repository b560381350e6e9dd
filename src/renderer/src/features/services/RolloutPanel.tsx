import type { TFunction } from 'i18next'
import { useMemo, type ReactNode } from 'react'
import { Alert, Badge, Code, Group, Progress, Stack, Text, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Service, Task } from '../../../../shared/domain'
import { IconAlert } from '../../components/icons'
import { StatusBadge } from '../../components/StatusBadge'
import { rolloutView } from './rollout-model'
import { shortImage } from './service-format'

const sideColor = { new: 'teal', old: 'gray', other: 'orange' } as const

/** The rolling update, live: its state, each slot on the new or the old image, and why it paused. */
export function RolloutPanel({ service, tasks, hostnameOf }: { service: Service; tasks: readonly Task[]; hostnameOf: (nodeId: string | null) => string }): ReactNode {
  const { t } = useTranslation()
  const view = useMemo(() => rolloutView(service, tasks, hostnameOf), [service, tasks, hostnameOf])
  // before any update there is nothing to roll out: the tasks table says it all
  if (!view.state) return null
  const paused = view.state === 'paused' || view.state === 'rollback_paused'
  return (
    <Stack gap="xs" data-testid="rollout-monitor" data-state={view.state ?? 'none'} data-updated={view.updated} data-total={view.total}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t('services.rollout.title')}
        </Text>
        <StatusBadge status={view.state} />
        <Text size="xs" c="dimmed" data-testid="rollout-count">
          {t('services.rollout.progress', { updated: view.updated, total: view.total, image: shortImage(view.newImage) })}
        </Text>
      </Group>
      {view.total > 0 ? <Progress value={(100 * view.updated) / Math.max(1, view.total)} color={paused ? 'red' : 'teal'} size="sm" /> : null}
      {view.message ? (
        <Text size="xs" c="dimmed" data-testid="rollout-message">
          {view.message}
        </Text>
      ) : null}
      {service.updateConfig ? (
        <Text size="xs" c="dimmed">
          {t('services.rollout.policy', { parallelism: service.updateConfig.parallelism || t('services.rollout.all'), delay: `${service.updateConfig.delayNs / 1e9}s`, action: failureActionWord(t, service.updateConfig.failureAction), order: service.updateConfig.order === 'start-first' ? t('services.policyOrder.start-first') : t('services.policyOrder.stop-first') })}
        </Text>
      ) : null}
      {paused && view.failure ? (
        <Alert color="red" variant="light" icon={<IconAlert size={16} />} title={t('services.rollout.pausedTitle')} data-testid="rollout-failure">
          <Stack gap={4}>
            <Text size="xs">{t('services.rollout.pausedText', { slot: view.failure.slot })}</Text>
            <Code block fz="xs" style={{ whiteSpace: 'pre-wrap' }} data-testid="rollout-failure-error">
              {view.failure.error}
            </Code>
            <Text size="xs">{view.state === 'paused' ? t('services.rollout.pausedHint') : t('services.rollout.rollbackPausedHint')}</Text>
          </Stack>
        </Alert>
      ) : null}
      <Group gap={4} data-testid="rollout-slots">
        {view.slots.map((slot) => (
          <Tooltip key={slot.key} label={`${slot.key}: ${slot.image} (${slot.state})${slot.error ? ` — ${slot.error}` : ''}`} multiline maw={420}>
            <Badge size="sm" radius="sm" tt="none" variant={slot.state === 'running' ? 'filled' : 'light'} color={sideColor[slot.side]} data-testid="rollout-slot" data-side={slot.side} data-state={slot.state}>
              {slot.key.split('.').pop()}: {slot.side === 'new' ? t('services.rollout.new') : slot.side === 'old' ? t('services.rollout.old') : shortImage(slot.image)}
            </Badge>
          </Tooltip>
        ))}
      </Group>
      {view.oldImage && view.oldImage !== view.newImage ? (
        <Text size="xs" c="dimmed">
          {t('services.rollout.images', { old: shortImage(view.oldImage), new: shortImage(view.newImage) })}
        </Text>
      ) : null}
    </Stack>
  )
}

/** swarmkit's failure actions in the user's words (another value, said as the engine says it). */
function failureActionWord(t: TFunction, action: string): string {
  switch (action) {
    case 'pause':
      return t('services.failureActionWord.pause')
    case 'continue':
      return t('services.failureActionWord.continue')
    case 'rollback':
      return t('services.failureActionWord.rollback')
    default:
      return action
  }
}
