import { useEffect, useState, type ReactNode } from 'react'
import { Alert, Button, Group, NumberInput, Stack, Text, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Service } from '../../../../shared/domain'
import type { RpcErrorData } from '../../../../shared/errors'
import { serviceForceUpdateCli, serviceRemoveCli, serviceRollbackCli, serviceScaleCli } from '../../../../shared/services'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useServiceActionStore } from './service-action-store'
import { openUpdateForm, runServiceAction } from './services-actions'
import { useServicesStore } from './services-store'

/** Which action's docker line is shown (the update form shows its own, exact line). */
type Shown = 'scale' | 'rollback' | 'force' | 'remove'

/**
 * The day-2 actions of one service, each with its docker CLI line shown before it runs: scale
 * (replicated only; a global service says why not), update (the form, prefilled), rollback (only
 * with a previous spec), force update, remove (confirmed).
 */
export function ServiceActions({ clusterId, service }: { clusterId: string; service: Service }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const running = useServiceActionStore((s) => (s.serviceId === service.id ? s.running : null))
  const error = useServiceActionStore((s) => (s.serviceId === service.id ? s.error : null))
  const confirmRemove = useServiceActionStore((s) => s.confirmRemove)
  const askRemove = useServiceActionStore((s) => s.askRemove)
  const reset = useServiceActionStore((s) => s.reset)
  const select = useServicesStore((s) => s.select)
  const desired = service.placement.replicas ?? service.desiredTasks
  // what the user typed, for this service; until then the input follows the live count
  const [typed, setTyped] = useState<{ serviceId: string; replicas: number } | null>(null)
  const replicas = typed?.serviceId === service.id ? typed.replicas : desired
  const setReplicas = (value: number): void => setTyped({ serviceId: service.id, replicas: value })
  const [shown, setShown] = useState<Shown>('scale')
  const [openError, setOpenError] = useState<RpcErrorData | null>(null)
  useEffect(() => reset, [service.id, reset])
  const replicated = service.mode === 'replicated'
  const canRollback = service.hasPreviousSpec !== false

  const cli: Record<Shown, string> = {
    scale: serviceScaleCli([{ name: service.name, replicas }]),
    rollback: serviceRollbackCli(service.name),
    force: serviceForceUpdateCli(service.name),
    remove: serviceRemoveCli([service.name])
  }

  return (
    <Stack gap="xs" data-testid="service-actions">
      <Group gap="xs" align="flex-end">
        <NumberInput
          label={t('services.actions.replicas')}
          min={0}
          max={100_000}
          allowDecimal={false}
          allowNegative={false}
          value={replicated ? replicas : ''}
          placeholder={replicated ? undefined : t('services.actions.globalPlaceholder')}
          disabled={!replicated}
          onChange={(value) => setReplicas(typeof value === 'number' ? value : Number(value) || 0)}
          onFocus={() => setShown('scale')}
          w={110}
          data-testid="scale-replicas"
        />
        <Tooltip label={t('services.actions.globalNoScale')} disabled={replicated} multiline maw={320}>
          <span>
            <Button onMouseEnter={() => setShown('scale')} onClick={() => void runServiceAction(api, clusterId, service.id, { kind: 'scale', replicas })} disabled={!replicated || replicas === desired} loading={running === 'scale'} data-testid="scale-apply">
              {t('services.actions.scale')}
            </Button>
          </span>
        </Tooltip>
        <Button variant="light" onClick={() => void openUpdateForm(api, clusterId, service.id).then(setOpenError)} data-testid="service-update-open">
          {t('services.actions.update')}
        </Button>
        <Tooltip label={t('services.actions.noPrevious')} disabled={canRollback} multiline maw={320}>
          <span>
            <Button variant="light" color="orange" onMouseEnter={() => setShown('rollback')} onClick={() => void runServiceAction(api, clusterId, service.id, { kind: 'rollback' })} disabled={!canRollback} loading={running === 'rollback'} data-testid="service-rollback">
              {t('services.actions.rollback')}
            </Button>
          </span>
        </Tooltip>
        <Button variant="light" color="gray" onMouseEnter={() => setShown('force')} onClick={() => void runServiceAction(api, clusterId, service.id, { kind: 'force' })} loading={running === 'force'} data-testid="service-force">
          {t('services.actions.force')}
        </Button>
        <Button variant="light" color="red" onMouseEnter={() => setShown('remove')} onClick={() => askRemove(true)} data-testid="service-remove">
          {t('services.actions.remove')}
        </Button>
      </Group>
      {!replicated ? (
        <Alert variant="light" color="blue" p={6} data-testid="service-global-note">
          <Text size="xs">{t('services.actions.globalNoScale')}</Text>
        </Alert>
      ) : null}
      <CliEquivalent command={cli[shown]} testId="service-action-cli" />
      {error ? <ErrorAlert error={error} title={t('services.actions.failed')} testId="service-action-error" /> : null}
      {openError ? <ErrorAlert error={openError} title={t('services.actions.openFailed')} onClose={() => setOpenError(null)} /> : null}
      <ConfirmDialog
        opened={confirmRemove}
        title={t('services.actions.removeTitle', { name: service.name })}
        confirmLabel={t('services.actions.remove')}
        danger
        testId="service-remove-dialog"
        busy={running === 'remove'}
        onCancel={() => askRemove(false)}
        onConfirm={() =>
          void runServiceAction(api, clusterId, service.id, { kind: 'remove' }).then(() => {
            if (!useServiceActionStore.getState().error) select(null)
          })
        }
      >
        <Stack gap="xs">
          <Text size="sm">{t('services.actions.removeText', { name: service.name, count: service.runningTasks })}</Text>
          <CliEquivalent command={cli.remove} testId="service-remove-cli" />
        </Stack>
      </ConfirmDialog>
    </Stack>
  )
}
