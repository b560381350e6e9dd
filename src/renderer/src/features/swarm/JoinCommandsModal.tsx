import type { ReactNode } from 'react'
import { Alert, Loader, Modal, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconAlert } from '../../components/icons'
import { joinTokenCli } from './swarm-cli'
import { useSwarmStore } from './swarm-store'

/** The `docker swarm join` commands for new workers and managers, ready to copy. */
export function JoinCommandsModal(): ReactNode {
  const { t } = useTranslation()
  const opened = useSwarmStore((s) => s.joinOpened)
  const busy = useSwarmStore((s) => s.joinBusy)
  const join = useSwarmStore((s) => s.join)
  const error = useSwarmStore((s) => s.joinError)
  const close = useSwarmStore((s) => s.closeJoin)
  return (
    <Modal opened={opened} onClose={close} title={t('swarm.join.title')} size="xl" centered data-testid="join-commands-modal" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        <Text size="sm">{t('swarm.join.body')}</Text>
        {busy ? <Loader size="sm" /> : null}
        {error ? <ErrorAlert error={error} title={t('swarm.join.failed')} /> : null}
        {join ? (
          <>
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {t('swarm.join.worker')}
              </Text>
              <CliEquivalent command={join.worker} label={t('swarm.join.runOnNode')} testId="join-worker" />
              <CliEquivalent command={joinTokenCli('worker')} testId="join-worker-cli" />
            </Stack>
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {t('swarm.join.manager')}
              </Text>
              <CliEquivalent command={join.manager} label={t('swarm.join.runOnNode')} testId="join-manager" />
              <CliEquivalent command={joinTokenCli('manager')} testId="join-manager-cli" />
            </Stack>
            <Alert color="yellow" variant="light" icon={<IconAlert />} p="xs">
              <Text size="xs">{t('swarm.join.secret')}</Text>
            </Alert>
          </>
        ) : null}
      </Stack>
    </Modal>
  )
}
