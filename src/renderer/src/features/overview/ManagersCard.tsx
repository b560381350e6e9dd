import { useMemo, type ReactNode } from 'react'
import { Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useModelField } from '../mirror/mirror-context'
import { IconStar } from '../../components/icons'
import { StatusBadge } from '../../components/StatusBadge'
import { useManagerProbes } from '../security/use-locked-managers'

/** The managers (Raft members): who leads, who is reachable. */
export function ManagersCard({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const nodes = useModelField(clusterId, 'nodes')
  // a manager the leader cannot reach may be running but locked (autolock): asked over its own connection
  const probes = useManagerProbes(clusterId)
  const locked = useMemo(() => new Set(probes.filter((p) => p.state === 'locked').map((p) => p.nodeId)), [probes])
  const managers = useMemo(
    () =>
      Object.values(nodes ?? {})
        .filter((n) => n.role === 'manager' && n.manager)
        .sort((a, b) => Number(b.manager?.leader) - Number(a.manager?.leader) || a.hostname.localeCompare(b.hostname, undefined, { numeric: true })),
    [nodes]
  )
  return (
    <Paper withBorder p="md" radius="sm" data-testid="managers-card">
      <Stack gap="xs">
        <Title order={5}>{t('overview.managers.title')}</Title>
        <Table verticalSpacing={4} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('overview.managers.hostname')}</Table.Th>
              <Table.Th>{t('overview.managers.reachability')}</Table.Th>
              <Table.Th>{t('overview.managers.state')}</Table.Th>
              <Table.Th>{t('overview.managers.address')}</Table.Th>
              <Table.Th>{t('overview.managers.engine')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {managers.map((node) => (
              <Table.Tr key={node.id} data-testid={`manager-row-${node.hostname}`} data-leader={node.manager?.leader || undefined}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {node.hostname}
                    </Text>
                    {node.manager?.leader ? (
                      <Tooltip label={t('overview.managers.leaderHint')}>
                        <Group gap={2} c="yellow.6" data-testid="leader-star" wrap="nowrap">
                          <IconStar size={14} />
                          <Text size="xs" fw={600}>
                            {t('status.leader')}
                          </Text>
                        </Group>
                      </Tooltip>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {locked.has(node.id) ? (
                    <Tooltip label={t('overview.managers.lockedHint')}>
                      <StatusBadge status="locked" testId={`manager-locked-${node.hostname}`} />
                    </Tooltip>
                  ) : node.manager ? (
                    <StatusBadge status={node.manager.reachability} />
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={node.state} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {node.manager?.address}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{node.engineVersion}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  )
}
