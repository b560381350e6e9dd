import type { ReactNode } from 'react'
import { Alert, Badge, Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconAlert } from '../../components/icons'
import { BusyLine } from './BusyLine'
import { removeNetwork } from './networks-actions'
import { useNetworksStore } from './networks-store'

/** Remove, planned first: refused with the list of services while any uses the network. */
export function RemoveNetworkDialog({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const remove = useNetworksStore((s) => s.remove)
  const close = useNetworksStore((s) => s.closeRemove)
  const { plan, name } = remove
  const checking = remove.networkId !== null && !plan && !remove.checkError
  return (
    <Modal
      opened={remove.networkId !== null}
      onClose={() => (remove.removing ? undefined : close())}
      title={t('networks.remove.title', { name })}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md" data-testid="network-remove-dialog" data-network={name}>
        {checking ? <BusyLine text={t('networks.remove.checking')} /> : null}
        {plan && plan.blocked ? (
          <Alert color="red" variant="light" icon={<IconAlert />} title={t('networks.remove.blockedTitle', { name })} data-testid="network-remove-blocked">
            <Stack gap="xs">
              <Text size="sm">{t('networks.remove.blocked', { count: plan.services.length, name })}</Text>
              <Group gap={4}>
                {plan.services.map((service) => (
                  <Badge key={service.id} variant="light" color="red" tt="none" radius="sm" data-testid="network-remove-user">
                    {service.name}
                  </Badge>
                ))}
              </Group>
            </Stack>
          </Alert>
        ) : null}
        {plan && !plan.blocked ? <Text size="sm">{t('networks.remove.body')}</Text> : null}
        {plan ? <CliEquivalent command={plan.cli} testId="network-remove-cli" /> : null}
        {remove.checkError ? <ErrorAlert error={remove.checkError} title={t('networks.remove.checkFailed')} testId="network-remove-check-error" /> : null}
        {remove.removeError ? <ErrorAlert error={remove.removeError} title={t('networks.remove.failed')} testId="network-remove-error" /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} disabled={remove.removing} data-testid="network-remove-cancel">
            {t('common.cancel')}
          </Button>
          {plan && !plan.blocked ? (
            <Button color="red" onClick={() => void removeNetwork(api, clusterId)} loading={remove.removing} data-testid="network-remove-confirm">
              {t('networks.remove.confirm')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  )
}
