import type { ReactNode } from 'react'
import { Alert, List, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconAlert } from '../../components/icons'
import { removeCliPreview } from './create-model'
import { serviceNamesOf, type ObjectRow } from './object-rows'
import { removeObject } from './secrets-actions'
import { useSecretsPageStore } from './secrets-page-store'

/**
 * `docker secret rm` after a confirmation. While services use it the removal is not offered: the
 * dialog lists them (live from the mirror), as main would refuse with IN_USE.
 */
export function RemoveDialog({ clusterId, rows }: { clusterId: string; rows: readonly ObjectRow[] }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const target = useSecretsPageStore((s) => s.removeTarget)
  const removing = useSecretsPageStore((s) => s.removing)
  const error = useSecretsPageStore((s) => s.removeError)
  const cancel = useSecretsPageStore((s) => s.cancelRemove)
  const live = target ? rows.find((r) => r.id === target.id) : undefined
  const consumers = live?.consumers ?? []
  const inUse = consumers.length > 0
  return (
    <ConfirmDialog
      opened={target !== null}
      title={target ? t('secrets.remove.title', { name: target.name }) : ''}
      confirmLabel={t('secrets.remove.confirm')}
      onConfirm={() => void removeObject(api, clusterId)}
      confirmDisabled={inUse}
      onCancel={cancel}
      danger
      busy={removing}
      testId="remove-dialog"
    >
      {target ? (
        <>
          {inUse ? (
            <Alert color="orange" variant="light" icon={<IconAlert />} title={t('secrets.remove.inUseTitle')} data-testid="remove-in-use">
              <Text size="sm">{t('secrets.remove.inUse')}</Text>
              <List size="sm" mt={4}>
                {serviceNamesOf(consumers).map((name) => (
                  <List.Item key={name} data-testid="remove-in-use-service">
                    {name}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <Text size="sm">{target.kind === 'secret' ? t('secrets.remove.bodySecret') : t('secrets.remove.bodyConfig')}</Text>
          )}
          {error ? <ErrorAlert error={error} title={t('secrets.remove.failed', { name: target.name })} testId="remove-error" /> : null}
          <CliEquivalent command={removeCliPreview(target.kind, target.name)} testId="remove-cli" />
        </>
      ) : null}
    </ConfirmDialog>
  )
}
