import { useEffect, type ReactNode } from 'react'
import { Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconPlus } from '../../components/icons'
import { ConnectionForm } from './ConnectionForm'
import { loadDiscovery, loadProfiles, removeAskedProfile } from './connections-actions'
import { useConnectionFormStore } from './connection-form-store'
import { useConnectionsStore } from './connections-store'
import { DiscoveryPanel } from './DiscoveryPanel'
import { ProfileList } from './ProfileList'

export function ConnectionsPage(): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const formOpened = useConnectionFormStore((s) => s.opened)
  const startNew = useConnectionFormStore((s) => s.startNew)

  useEffect(() => {
    void loadProfiles(api)
    void loadDiscovery(api)
  }, [api])

  return (
    <Stack gap="md" p="md" data-testid="connections-page" style={{ overflow: 'auto', flex: 1 }}>
      <Group justify="space-between">
        <div>
          <Title order={3}>{t('connections.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('connections.subtitle')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={14} />} onClick={() => startNew()} data-testid="new-connection">
          {t('connections.new')}
        </Button>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: formOpened ? 6 : 12 }}>
          <Stack gap="md">
            <ProfileList />
            <DiscoveryPanel />
          </Stack>
        </Grid.Col>
        {formOpened ? (
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <ConnectionForm />
          </Grid.Col>
        ) : null}
      </Grid>
      {!formOpened ? (
        <Paper p="xs">
          <Text size="xs" c="dimmed">
            {t('connections.hint')}
          </Text>
        </Paper>
      ) : null}
      <RemoveProfileDialog />
    </Stack>
  )
}

function RemoveProfileDialog(): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const removing = useConnectionsStore((s) => s.removing)
  const busy = useConnectionsStore((s) => s.removeBusy)
  const error = useConnectionsStore((s) => s.removeError)
  const askRemove = useConnectionsStore((s) => s.askRemove)
  return (
    <ConfirmDialog
      opened={removing !== null}
      title={t('connections.remove.title', { name: removing?.name ?? '' })}
      confirmLabel={t('common.remove')}
      danger
      busy={busy}
      onCancel={() => askRemove(null)}
      onConfirm={() => void removeAskedProfile(api)}
      testId="remove-profile-dialog"
    >
      <Text size="sm">{t('connections.remove.body')}</Text>
      {error ? <ErrorAlert error={error} title={t('connections.remove.failed')} /> : null}
    </ConfirmDialog>
  )
}
