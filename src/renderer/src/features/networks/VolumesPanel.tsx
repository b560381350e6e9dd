import { useEffect, useMemo, type ReactNode } from 'react'
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { volumesAcrossCluster, volumesByNode } from '../../../../shared/network-usage'
import { useApi } from '../../api/api-context'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useFormatters } from '../../i18n/format'
import { BusyLine } from './BusyLine'
import { loadVolumes } from './networks-actions'
import { useNetworksStore } from './networks-store'

/**
 * Volumes, said honestly: where services' named volumes live across the swarm (from the mirror),
 * and the one engine's `docker volume ls` that SwarmDesk can read without installing anything.
 */
export function VolumesPanel({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  return (
    <Stack gap="lg" style={{ flex: 1, minHeight: 0, overflow: 'auto' }} data-testid="volumes-panel">
      <Text size="sm" c="dimmed">
        {t('networks.volumes.intro')}
      </Text>
      <ClusterVolumes clusterId={clusterId} />
      <EngineVolumes clusterId={clusterId} />
    </Stack>
  )
}

function ClusterVolumes({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const services = useModelField(clusterId, 'services')
  const tasks = useModelField(clusterId, 'tasks')
  const nodes = useModelField(clusterId, 'nodes')
  const view = useNetworksStore((s) => s.volumesView)
  const setView = useNetworksStore((s) => s.setVolumesView)
  const volumes = useMemo(
    () => volumesAcrossCluster(Object.values(services ?? {}), Object.values(tasks ?? {}), Object.values(nodes ?? {})),
    [services, tasks, nodes]
  )
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={5}>{t('networks.volumes.clusterTitle')}</Title>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(value) => setView(value === 'node' ? 'node' : 'volume')}
          data={[
            { value: 'volume', label: t('networks.volumes.byVolume') },
            { value: 'node', label: t('networks.volumes.byNode') }
          ]}
          data-testid="cluster-volumes-view"
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('networks.volumes.clusterHint')}
      </Text>
      {volumes.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="cluster-volumes-empty">
          {t('networks.volumes.clusterEmpty')}
        </Text>
      ) : view === 'node' ? (
        <VolumesByNode volumes={volumes} />
      ) : (
        <Table withTableBorder striped data-testid="cluster-volumes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('networks.volumes.columns.name')}</Table.Th>
              <Table.Th>{t('networks.volumes.columns.driver')}</Table.Th>
              <Table.Th>{t('networks.volumes.columns.services')}</Table.Th>
              <Table.Th>{t('networks.volumes.columns.nodes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {volumes.map((volume) => (
              <Table.Tr key={volume.name} data-testid={`cluster-volume-${volume.name}`}>
                <Table.Td ff="monospace">{volume.name}</Table.Td>
                <Table.Td>{volume.driver}</Table.Td>
                <Table.Td>{volume.services.join(', ') || f.none}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {volume.nodes.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        {t('networks.volumes.noNode')}
                      </Text>
                    ) : (
                      volume.nodes.map((node) => (
                        <Badge key={node.nodeId} variant="light" color="gray" tt="none" radius="sm" title={node.services.join(', ')} data-testid="cluster-volume-node">
                          {node.hostname}
                        </Badge>
                      ))
                    )}
                    {volume.perNodeCopies ? (
                      <Tooltip label={t('networks.volumes.perNodeCopiesHint')} multiline maw={320}>
                        <Badge variant="outline" color="orange" tt="none" radius="sm">
                          {t('networks.volumes.perNodeCopies')}
                        </Badge>
                      </Tooltip>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

function VolumesByNode({ volumes }: { volumes: ReturnType<typeof volumesAcrossCluster> }): ReactNode {
  const { t } = useTranslation()
  const rows = useMemo(() => volumesByNode(volumes), [volumes])
  return (
    <Table withTableBorder striped data-testid="cluster-volumes-by-node">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={200}>{t('networks.volumes.node')}</Table.Th>
          <Table.Th>{t('networks.volumes.volumesOnNode')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.nodeId} data-testid={`node-volumes-${row.hostname}`}>
            <Table.Td>{row.hostname}</Table.Td>
            <Table.Td>
              <Stack gap={2}>
                {row.volumes.map((volume) => (
                  <Text key={volume.name} size="sm" data-testid="node-volume">
                    <Text span ff="monospace" size="sm">
                      {volume.name}
                    </Text>{' '}
                    <Text span c="dimmed" size="sm">
                      ({volume.services.join(', ')})
                    </Text>
                  </Text>
                ))}
              </Stack>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function EngineVolumes({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const api = useApi()
  const volumes = useNetworksStore((s) => s.volumes)
  const swarm = useModelField(clusterId, 'swarm')
  const nodes = useModelField(clusterId, 'nodes')
  const node = volumes.result?.node.hostname ?? (swarm ? nodes?.[swarm.nodeId]?.hostname ?? swarm.nodeId : '')

  useEffect(() => {
    void loadVolumes(api, clusterId)
  }, [api, clusterId])

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={5} data-testid="engine-volumes-title">
          {t('networks.volumes.engineTitle', { node })}
        </Title>
        <Button variant="default" size="compact-sm" onClick={() => void loadVolumes(api, clusterId)} loading={volumes.loading} data-testid="engine-volumes-refresh">
          {t('networks.volumes.refresh')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('networks.volumes.engineHint', { node })}
      </Text>
      {volumes.error ? <ErrorAlert error={volumes.error} title={t('networks.volumes.loadFailed')} testId="engine-volumes-error" /> : null}
      {volumes.loading && !volumes.result ? <BusyLine text={t('networks.volumes.loading')} /> : null}
      {volumes.result && volumes.result.volumes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('networks.volumes.engineEmpty', { node })}
        </Text>
      ) : null}
      {volumes.result && volumes.result.volumes.length > 0 ? (
        <Table withTableBorder striped data-testid="engine-volumes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('networks.volumes.engineColumns.name')}</Table.Th>
              <Table.Th>{t('networks.volumes.engineColumns.driver')}</Table.Th>
              <Table.Th>{t('networks.volumes.engineColumns.scope')}</Table.Th>
              <Table.Th>{t('networks.volumes.engineColumns.stack')}</Table.Th>
              <Table.Th>{t('networks.volumes.engineColumns.created')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {volumes.result.volumes.map((volume) => (
              <Table.Tr key={volume.name} data-testid={`engine-volume-${volume.name}`}>
                <Table.Td ff="monospace" title={volume.mountpoint}>
                  {volume.name}
                </Table.Td>
                <Table.Td>{volume.driver}</Table.Td>
                <Table.Td>{volume.scope}</Table.Td>
                <Table.Td>{volume.stack ?? f.none}</Table.Td>
                <Table.Td>{f.dateTime(volume.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <CliEquivalent command={volumes.result?.cli ?? 'docker volume ls'} label={t('networks.volumes.engineCli', { node })} testId="engine-volumes-cli" />
    </Stack>
  )
}
