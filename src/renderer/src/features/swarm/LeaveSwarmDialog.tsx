import type { ReactNode } from 'react'
import { Alert, Checkbox, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { leaveSwarm } from './swarm-actions'
import { swarmLeaveCli } from './swarm-cli'
import { useSwarmStore } from './swarm-store'

/** `docker swarm leave` on the engine SwarmDesk is connected to, after a clear warning. */
export function LeaveSwarmDialog({ clusterId, connectedTo, isManager }: { clusterId: string; connectedTo: string; isManager: boolean }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const opened = useSwarmStore((s) => s.leaveOpened)
  const force = useSwarmStore((s) => s.leaveForce)
  const busy = useSwarmStore((s) => s.leaveBusy)
  const error = useSwarmStore((s) => s.leaveError)
  const setForce = useSwarmStore((s) => s.setLeaveForce)
  const close = useSwarmStore((s) => s.closeLeave)
  return (
    <ConfirmDialog
      opened={opened}
      title={t('swarm.leave.title')}
      confirmLabel={t('swarm.leave.confirm')}
      danger
      busy={busy}
      onCancel={close}
      onConfirm={() => void leaveSwarm(api, clusterId)}
      testId="leave-swarm-dialog"
    >
      <Text size="sm">{t('swarm.leave.body', { node: connectedTo })}</Text>
      {isManager ? (
        <Alert color="red" variant="light" p="xs">
          <Text size="sm">{t('swarm.leave.managerWarning')}</Text>
        </Alert>
      ) : null}
      <Checkbox
        label={t('swarm.leave.force')}
        description={t('swarm.leave.forceDescription')}
        checked={force}
        onChange={(event) => setForce(event.currentTarget.checked)}
        data-testid="leave-force"
      />
      <CliEquivalent command={swarmLeaveCli(force)} testId="leave-cli" />
      {error ? <ErrorAlert error={error} title={t('swarm.leave.failed')} /> : null}
    </ConfirmDialog>
  )
}
