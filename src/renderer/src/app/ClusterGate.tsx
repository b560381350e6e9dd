import { useState, type ReactNode } from 'react'
import { Alert, Button, Center, Code, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { DEFAULT_PROFILE_ID, type ClusterState } from '../../../shared/connections'
import type { MirrorModel } from '../../../shared/mirror-model'
import { useApi } from '../api/api-context'
import { asErrorData } from '../api/errors'
import { useMirror, useMirrorStoreApi } from '../features/mirror/mirror-context'
import { useNavStore } from '../app-state/nav-store'
import { CliEquivalent } from '../components/CliEquivalent'
import { ErrorAlert } from '../components/ErrorAlert'
import { IconInfo } from '../components/icons'
import { StatusBadge } from '../components/StatusBadge'
import { useConnectionFormStore } from '../features/connections/connection-form-store'
import { useConnectionsStore } from '../features/connections/connections-store'
import { SwarmInitScreen } from '../features/swarm/SwarmInitScreen'
import { closeCluster, loadClusters, openProfile, retryCluster } from '../features/clusters/clusters-actions'
import { useActiveCluster, useClustersStore } from '../features/clusters/clusters-store'
import { say } from '../i18n/say'

interface GateProps {
  /** Rendered only when the active cluster is a ready (or reconnecting) manager with a model. */
  children: (cluster: ClusterState, model: MirrorModel) => ReactNode
}

/**
 * Every cluster page goes through here: it explains, in place of the page, why there is nothing
 * to show yet (loading, connecting, failed, not a swarm, a worker) and what to do about it.
 */
export function ClusterGate({ children }: GateProps): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const mirror = useMirrorStoreApi()
  const listStatus = useClustersStore((s) => s.listStatus)
  const listError = useClustersStore((s) => s.listError)
  const cluster = useActiveCluster()
  const model = useMirror((s) => (cluster ? (s.models[cluster.clusterId] ?? null) : null))

  if (listStatus === 'idle' || listStatus === 'loading') return <Waiting text={t('gate.loadingClusters')} />
  if (listStatus === 'failed' && listError) {
    return (
      <Pad>
        <ErrorAlert error={listError} title={t('gate.listFailed')}>
          <Group>
            <Button size="xs" onClick={() => void loadClusters(api, mirror)} data-testid="gate-retry-list">
              {t('common.retry')}
            </Button>
          </Group>
        </ErrorAlert>
      </Pad>
    )
  }
  if (!cluster) return <NoCluster />

  switch (cluster.phase) {
    case 'connecting':
      return <Waiting text={t('gate.connecting', { name: cluster.name })} detail={cluster.endpoint} testId="gate-connecting" />
    case 'failed':
      return <FailedCluster cluster={cluster} />
    case 'no-swarm':
      return <SwarmInitScreen cluster={cluster} />
    case 'not-manager':
      return <NotManager cluster={cluster} />
    case 'closed':
      return <NoCluster />
    case 'ready':
    case 'reconnecting':
      if (!model) return <Waiting text={cluster.phase === 'ready' ? t('gate.loadingModel') : t('gate.reconnecting', { name: cluster.name })} detail={cluster.endpoint} testId="gate-loading-model" />
      return (
        <Stack gap={0} style={{ flex: 1, minHeight: 0 }} data-tasks-loaded={String(model.tasksLoaded)}>
          <ClusterBanners cluster={cluster} tasksLoaded={model.tasksLoaded} />
          {children(cluster, model)}
        </Stack>
      )
  }
}

function Pad({ children }: { children: ReactNode }): ReactNode {
  return (
    <Stack p="md" gap="md" style={{ overflow: 'auto', flex: 1 }}>
      {children}
    </Stack>
  )
}

function Waiting({ text, detail, testId = 'gate-waiting' }: { text: string; detail?: string | null; testId?: string }): ReactNode {
  return (
    <Center style={{ flex: 1 }} data-testid={testId}>
      <Stack align="center" gap="xs">
        <Loader size="md" />
        <Text size="sm">{text}</Text>
        {detail ? (
          <Text size="xs" c="dimmed" ff="monospace">
            {detail}
          </Text>
        ) : null}
      </Stack>
    </Center>
  )
}

/** Failover notices and reconnection, above whichever page is shown. */
function ClusterBanners({ cluster, tasksLoaded }: { cluster: ClusterState; tasksLoaded: boolean }): ReactNode {
  const { t } = useTranslation()
  const stale = useMirror((s) => s.stale[cluster.clusterId] ?? false)
  const [dismissed, setDismissed] = useState<string | null>(null)
  const noticeKey = cluster.notice ? `${cluster.clusterId}:${cluster.since}:${cluster.notice}` : null
  return (
    <>
      {cluster.phase === 'reconnecting' ? (
        <Alert color="orange" variant="light" radius={0} p="xs" data-testid="reconnecting-banner">
          <Group gap="xs">
            <Loader size="xs" color="orange" />
            <Text size="sm">{t('gate.reconnectingBanner', { name: cluster.name })}</Text>
            {cluster.error ? (
              <Text size="xs" c="dimmed">
                {cluster.error.said ? say(t, cluster.error.said) : cluster.error.message}
              </Text>
            ) : null}
          </Group>
        </Alert>
      ) : null}
      {stale ? (
        <Alert color="gray" variant="light" radius={0} p={6} data-testid="resync-banner">
          <Text size="xs">{t('gate.resyncing')}</Text>
        </Alert>
      ) : null}
      {tasksLoaded ? null : (
        // a snapshot's second phase: on a big cluster the task list comes seconds after the rest
        <Alert color="gray" variant="light" radius={0} p={6} data-testid="tasks-loading-banner">
          <Group gap="xs">
            <Loader size="xs" color="gray" />
            <Text size="xs">{t('services.tasks.loading')}</Text>
          </Group>
        </Alert>
      )}
      {cluster.notice && noticeKey !== dismissed ? (
        <Alert
          color="yellow"
          variant="light"
          radius={0}
          p="xs"
          icon={<IconInfo />}
          withCloseButton
          closeButtonLabel={t('common.dismiss')}
          onClose={() => setDismissed(noticeKey)}
          data-testid="failover-notice"
        >
          <Text size="sm">{cluster.noticeSaid ? say(t, cluster.noticeSaid) : cluster.notice}</Text>
        </Alert>
      ) : null}
    </>
  )
}

function NoCluster(): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const mirror = useMirrorStoreApi()
  const go = useNavStore((s) => s.go)
  const openingDefault = useClustersStore((s) => Boolean(s.opening[DEFAULT_PROFILE_ID]))
  const openingAny = useClustersStore((s) => Object.keys(s.opening).length > 0)
  if (openingAny) return <Waiting text={openingDefault ? t('gate.openingDefault') : t('gate.opening')} testId="gate-opening" />
  return (
    <Center style={{ flex: 1 }} p="md" data-testid="no-cluster">
      <Paper withBorder p="lg" maw={560}>
        <Stack gap="sm">
          <Title order={4}>{t('gate.noCluster.title')}</Title>
          <Text size="sm">{t('gate.noCluster.body')}</Text>
          <Group>
            <Button onClick={() => void openProfile(api, mirror, DEFAULT_PROFILE_ID, DEFAULT_PROFILE_ID)} data-testid="open-default">
              {t('gate.noCluster.openDefault')}
            </Button>
            <Button variant="default" onClick={() => go('connections')} data-testid="go-connections">
              {t('gate.noCluster.connections')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  )
}

function FailedCluster({ cluster }: { cluster: ClusterState }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const mirror = useMirrorStoreApi()
  const go = useNavStore((s) => s.go)
  const retrying = useClustersStore((s) => Boolean(s.opening[cluster.profileId]))
  const profile = useConnectionsStore((s) => s.profiles.find((p) => p.id === cluster.profileId) ?? null)
  const startEdit = useConnectionFormStore((s) => s.startEdit)
  const error = cluster.error ? asErrorData(cluster.error) : { code: 'UNAVAILABLE' as const, message: '' }
  return (
    <Pad>
      <Group gap="xs">
        <Title order={3}>{cluster.name}</Title>
        <StatusBadge status={cluster.phase} />
      </Group>
      <ErrorAlert error={error} title={t('gate.failed', { name: cluster.name })} testId="cluster-failed">
        {cluster.endpoint ? (
          <Text size="xs">
            {t('gate.lastEndpoint')} <Code>{cluster.endpoint}</Code>
          </Text>
        ) : null}
        <Group gap="xs">
          <Button size="xs" onClick={() => void retryCluster(api, mirror, cluster.clusterId)} loading={retrying} data-testid="cluster-retry">
            {t('common.retry')}
          </Button>
          {profile ? (
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                startEdit(profile)
                go('connections')
              }}
              data-testid="cluster-edit-connection"
            >
              {t('gate.editConnection')}
            </Button>
          ) : (
            <Button size="xs" variant="default" onClick={() => go('connections')} data-testid="go-connections">
              {t('gate.noCluster.connections')}
            </Button>
          )}
          <Button size="xs" variant="subtle" color="gray" onClick={() => void closeCluster(api, mirror, cluster.clusterId)} data-testid="cluster-close">
            {t('common.close')}
          </Button>
        </Group>
      </ErrorAlert>
    </Pad>
  )
}

function NotManager({ cluster }: { cluster: ClusterState }): ReactNode {
  const { t } = useTranslation()
  const go = useNavStore((s) => s.go)
  return (
    <Pad>
      <Group gap="xs">
        <Title order={3}>{cluster.name}</Title>
        <StatusBadge status={cluster.phase} />
      </Group>
      <Alert color="orange" variant="light" title={t('gate.notManager.title')} data-testid="not-manager">
        <Stack gap="xs">
          <Text size="sm">{t('gate.notManager.body')}</Text>
          {cluster.endpoint ? (
            <Text size="xs">
              {t('gate.lastEndpoint')} <Code>{cluster.endpoint}</Code>
            </Text>
          ) : null}
          <CliEquivalent command="docker node ls --filter role=manager" label={t('gate.notManager.cli')} />
          <Group>
            <Button size="xs" variant="default" onClick={() => go('connections')}>
              {t('gate.noCluster.connections')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    </Pad>
  )
}
