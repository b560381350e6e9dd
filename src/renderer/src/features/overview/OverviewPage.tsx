import { useMemo, type ReactNode } from 'react'
import { Button, Code, Group, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ClusterState } from '../../../../shared/connections'
import type { MirrorModel } from '../../../../shared/mirror-model'
import { useApi } from '../../api/api-context'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { StatusBadge } from '../../components/StatusBadge'
import { useFormatters } from '../../i18n/format'
import { JoinCommandsModal } from '../swarm/JoinCommandsModal'
import { LeaveSwarmDialog } from '../swarm/LeaveSwarmDialog'
import { loadJoinCommands } from '../swarm/swarm-actions'
import { useSwarmStore } from '../swarm/swarm-store'
import { EventFeed } from './EventFeed'
import { ManagersCard } from './ManagersCard'
import { QuorumCard } from './QuorumCard'

/** The active cluster at a glance: facts, managers, quorum and what just happened. */
export function OverviewPage({ cluster, model }: { cluster: ClusterState; model: MirrorModel }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const openJoin = useSwarmStore((s) => s.openJoin)
  const openLeave = useSwarmStore((s) => s.openLeave)
  const connectedNode = model.nodes[model.swarm.nodeId]

  return (
    <Stack gap="md" p="md" style={{ overflow: 'auto', flex: 1 }} data-testid="overview-page">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={3}>{cluster.name}</Title>
            <StatusBadge status={cluster.phase} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('overview.subtitle')}
          </Text>
        </div>
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            onClick={() => {
              openJoin()
              void loadJoinCommands(api, cluster.clusterId)
            }}
            data-testid="join-commands-button"
          >
            {t('overview.joinCommands')}
          </Button>
          <Button size="xs" variant="light" color="red" onClick={openLeave} data-testid="leave-swarm-button">
            {t('overview.leaveSwarm')}
          </Button>
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SwarmFacts cluster={cluster} model={model} />
        <QuorumCard clusterId={cluster.clusterId} />
      </SimpleGrid>
      <ManagersCard clusterId={cluster.clusterId} />
      <EventFeed clusterId={cluster.clusterId} />
      <CliEquivalent command={'docker info\ndocker node ls'} />

      <JoinCommandsModal />
      <LeaveSwarmDialog clusterId={cluster.clusterId} connectedTo={connectedNode?.hostname ?? model.swarm.nodeAddress} isManager={connectedNode?.role === 'manager'} />
    </Stack>
  )
}

function SwarmFacts({ cluster, model }: { cluster: ClusterState; model: MirrorModel }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const nodes = useModelField(cluster.clusterId, 'nodes')
  const services = useModelField(cluster.clusterId, 'services')
  const tasks = useModelField(cluster.clusterId, 'tasks')
  const tasksLoaded = useModelField(cluster.clusterId, 'tasksLoaded') ?? false
  const counts = useMemo(() => {
    const nodeList = Object.values(nodes ?? {})
    const taskList = Object.values(tasks ?? {})
    return {
      nodes: nodeList.length,
      nodesReady: nodeList.filter((n) => n.state === 'ready').length,
      services: Object.keys(services ?? {}).length,
      tasks: taskList.filter((task) => task.desiredState === 'running').length,
      tasksRunning: taskList.filter((task) => task.state === 'running').length
    }
  }, [nodes, services, tasks])
  const swarm = model.swarm
  const connectedNode = model.nodes[swarm.nodeId]

  const rows: [string, ReactNode, string][] = [
    [
      t('overview.facts.swarmId'),
      <Tooltip label={swarm.swarmId} key="id">
        <Code>{swarm.swarmId.slice(0, 12)}</Code>
      </Tooltip>,
      'swarm-id'
    ],
    [t('overview.facts.created'), f.dateTime(swarm.createdAt), 'fact-created'],
    [
      t('overview.facts.engine'),
      swarm.apiVersion ? t('overview.facts.engineValue', { engine: swarm.engineVersion, api: swarm.apiVersion }) : t('overview.facts.engineOnly', { engine: swarm.engineVersion }),
      'fact-engine'
    ],
    [
      t('overview.facts.connectedVia'),
      <Stack gap={0} key="via">
        <Text size="sm" ff="monospace">
          {cluster.endpoint ?? f.none}
        </Text>
        <Text size="xs" c="dimmed">
          {t('overview.facts.connectedNode', { node: connectedNode?.hostname ?? swarm.nodeAddress, address: swarm.nodeAddress })}
        </Text>
      </Stack>,
      'fact-endpoint'
    ],
    [t('overview.facts.nodes'), t('overview.facts.nodesValue', { count: counts.nodes, ready: counts.nodesReady, managers: swarm.managers }), 'fact-nodes'],
    [t('overview.facts.services'), String(counts.services), 'fact-services'],
    [t('overview.facts.tasks'), tasksLoaded ? t('overview.facts.tasksValue', { running: counts.tasksRunning, desired: counts.tasks }) : t('services.tasks.loading'), 'fact-tasks']
  ]

  return (
    <Paper withBorder p="md" radius="sm" data-testid="swarm-facts">
      <Stack gap="xs">
        <Title order={5}>{t('overview.facts.title')}</Title>
        {rows.map(([label, value, testId]) => (
          <Group key={testId} gap="sm" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
              {label}
            </Text>
            <div data-testid={testId} style={{ minWidth: 0 }}>
              {typeof value === 'string' ? <Text size="sm">{value}</Text> : value}
            </div>
          </Group>
        ))}
      </Stack>
    </Paper>
  )
}
