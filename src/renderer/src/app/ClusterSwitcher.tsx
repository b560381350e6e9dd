import type { ReactNode } from 'react'
import { Box, Button, CloseButton, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../api/api-context'
import { useMirrorStoreApi } from '../features/mirror/mirror-context'
import { useNavStore } from '../app-state/nav-store'
import { IconPlus } from '../components/icons'
import { StatusBadge } from '../components/StatusBadge'
import { useConnectionFormStore } from '../features/connections/connection-form-store'
import { closeCluster } from '../features/clusters/clusters-actions'
import { useClustersStore } from '../features/clusters/clusters-store'
import classes from './ClusterSwitcher.module.css'

/** Open clusters in the sidebar: phase at a glance, click to switch, × to close. */
export function ClusterSwitcher(): ReactNode {
  const { t } = useTranslation()
  const order = useClustersStore((s) => s.order)
  const openingCount = useClustersStore((s) => Object.keys(s.opening).length)
  const go = useNavStore((s) => s.go)
  const startNew = useConnectionFormStore((s) => s.startNew)

  return (
    <Stack gap={4} data-testid="cluster-switcher">
      <Group justify="space-between" px={4}>
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {t('clusters.title')}
        </Text>
        {openingCount > 0 ? (
          <Text size="xs" c="dimmed" data-testid="cluster-opening">
            {t('clusters.opening')}
          </Text>
        ) : null}
      </Group>
      {order.length === 0 && openingCount === 0 ? (
        <Text size="xs" c="dimmed" px={4} data-testid="cluster-switcher-empty">
          {t('clusters.none')}
        </Text>
      ) : null}
      {order.map((id) => (
        <ClusterItem key={id} clusterId={id} />
      ))}
      <Button
        variant="subtle"
        size="xs"
        justify="flex-start"
        leftSection={<IconPlus size={14} />}
        onClick={() => {
          startNew()
          go('connections')
        }}
        data-testid="add-connection"
      >
        {t('clusters.add')}
      </Button>
    </Stack>
  )
}

function ClusterItem({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const mirror = useMirrorStoreApi()
  const cluster = useClustersStore((s) => s.clusters[clusterId])
  const active = useClustersStore((s) => s.activeId === clusterId)
  const setActive = useClustersStore((s) => s.setActive)
  const page = useNavStore((s) => s.page)
  const go = useNavStore((s) => s.go)
  if (!cluster) return null

  return (
    <Box className={classes.item} data-active={active || undefined} data-testid={`cluster-item-${cluster.name}`} data-phase={cluster.phase}>
      <UnstyledButton
        className={classes.select}
        onClick={() => {
          setActive(clusterId)
          if (page === 'connections') go('overview')
        }}
        aria-current={active ? 'true' : undefined}
      >
        <Text size="sm" fw={active ? 600 : 500} truncate="start" title={cluster.name}>
          {cluster.name}
        </Text>
        <Group gap={4} wrap="nowrap">
          <StatusBadge status={cluster.phase} size="xs" testId="cluster-phase" style={{ flexShrink: 0 }} />
          {cluster.endpoint && cluster.endpoint !== cluster.name ? (
            <Tooltip label={cluster.endpoint} openDelay={400}>
              <Text size="xs" c="dimmed" truncate="end" ff="monospace">
                {cluster.endpoint}
              </Text>
            </Tooltip>
          ) : null}
        </Group>
      </UnstyledButton>
      <CloseButton
        size="sm"
        aria-label={t('clusters.close', { name: cluster.name })}
        title={t('clusters.close', { name: cluster.name })}
        onClick={() => void closeCluster(api, mirror, clusterId)}
        data-testid={`cluster-close-${cluster.name}`}
      />
    </Box>
  )
}
