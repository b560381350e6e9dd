import type { ReactNode } from 'react'
import { Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ConnectionProfile } from '../../../../shared/connections'
import { useApi } from '../../api/api-context'
import { useMirrorStoreApi } from '../mirror/mirror-context'
import { useNavStore } from '../../app-state/nav-store'
import { ErrorAlert } from '../../components/ErrorAlert'
import { StatusBadge } from '../../components/StatusBadge'
import { openProfile } from '../clusters/clusters-actions'
import { useClustersStore } from '../clusters/clusters-store'
import { describeEndpoint } from '../../../../shared/connections'
import { useConnectionFormStore } from './connection-form-store'
import { useConnectionsStore } from './connections-store'

/** Saved profiles with Open / Edit / Remove. */
export function ProfileList(): ReactNode {
  const { t } = useTranslation()
  const profiles = useConnectionsStore((s) => s.profiles)
  const status = useConnectionsStore((s) => s.listStatus)
  const listError = useConnectionsStore((s) => s.listError)

  return (
    <Paper withBorder p="md" radius="sm" data-testid="profile-list">
      <Stack gap="sm">
        <Title order={4}>{t('connections.saved.title')}</Title>
        {status === 'loading' ? <Loader size="sm" /> : null}
        {listError ? <ErrorAlert error={listError} title={t('connections.saved.loadFailed')} /> : null}
        {status === 'loaded' && profiles.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="profile-list-empty">
            {t('connections.saved.empty')}
          </Text>
        ) : null}
        {profiles.length > 0 ? (
          <Table verticalSpacing={6} horizontalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('connections.saved.name')}</Table.Th>
                <Table.Th>{t('connections.saved.endpoints')}</Table.Th>
                <Table.Th>{t('connections.saved.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {profiles.map((profile) => (
                <ProfileRow key={profile.id} profile={profile} />
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Paper>
  )
}

function ProfileRow({ profile }: { profile: ConnectionProfile }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const mirror = useMirrorStoreApi()
  const go = useNavStore((s) => s.go)
  const opening = useClustersStore((s) => Boolean(s.opening[profile.id]))
  const openCluster = useClustersStore((s) => {
    const id = s.order.find((clusterId) => s.clusters[clusterId]?.profileId === profile.id)
    return id ? s.clusters[id] : null
  })
  const setActive = useClustersStore((s) => s.setActive)
  const startEdit = useConnectionFormStore((s) => s.startEdit)
  const askRemove = useConnectionsStore((s) => s.askRemove)

  const onOpen = async (): Promise<void> => {
    if (openCluster) {
      setActive(openCluster.clusterId)
      go('overview')
      return
    }
    const clusterId = await openProfile(api, mirror, profile.id, profile.name)
    if (clusterId) go('overview')
  }

  const [first, ...rest] = profile.endpoints
  return (
    <Table.Tr data-testid={`profile-row-${profile.name}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {profile.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Badge variant="outline" color="gray" size="sm" radius="sm" tt="none">
            {t(`connections.kind.${first.kind}` as const)}
          </Badge>
          <Text size="xs" ff="monospace" truncate="end" maw={240} title={describeEndpoint(first)}>
            {describeEndpoint(first)}
          </Text>
          {rest.length > 0 ? (
            <Text size="xs" c="dimmed" title={rest.map(describeEndpoint).join('\n')}>
              {t('connections.saved.moreEndpoints', { count: rest.length })}
            </Text>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>{openCluster ? <StatusBadge status={openCluster.phase} /> : <Text size="xs" c="dimmed">{t('connections.saved.notOpen')}</Text>}</Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <Button size="compact-xs" onClick={() => void onOpen()} loading={opening} data-testid={`profile-open-${profile.name}`}>
            {openCluster ? t('connections.saved.show') : t('connections.saved.open')}
          </Button>
          <Button size="compact-xs" variant="default" onClick={() => startEdit(profile)} data-testid={`profile-edit-${profile.name}`}>
            {t('common.edit')}
          </Button>
          <Button size="compact-xs" variant="subtle" color="red" onClick={() => askRemove(profile)} data-testid={`profile-remove-${profile.name}`}>
            {t('common.remove')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}
