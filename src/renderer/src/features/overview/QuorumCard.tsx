import { useMemo, type ReactNode } from 'react'
import { Alert, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useModelField } from '../mirror/mirror-context'
import { IconAlert } from '../../components/icons'
import { useManagerProbes } from '../security/use-locked-managers'
import { assessQuorum, managerCounts, RECOMMENDED_MAX_MANAGERS, type QuorumWarning } from './quorum'

/** Raft quorum and fault tolerance, with the warnings a swarm course teaches. */
export function QuorumCard({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const nodes = useModelField(clusterId, 'nodes')
  const probes = useManagerProbes(clusterId)
  const locked = useMemo(() => probes.filter((p) => p.state === 'locked'), [probes])
  const q = useMemo(() => {
    const counts = managerCounts(Object.values(nodes ?? {}), new Set(locked.map((p) => p.nodeId)))
    return assessQuorum(counts.managers, counts.reachable)
  }, [nodes, locked])

  const warningColor = (w: QuorumWarning): string => (w === 'quorum-lost' ? 'red' : w === 'one-failure-from-loss' ? 'orange' : 'yellow')
  const values = { managers: q.managers, quorum: q.quorum, reachable: q.reachable, tolerance: q.faultTolerance, max: RECOMMENDED_MAX_MANAGERS, fewer: q.managers - 1 }

  return (
    <Paper withBorder p="md" radius="sm" data-testid="quorum-card" data-has-quorum={q.hasQuorum}>
      <Stack gap="sm">
        <Title order={5}>{t('overview.quorum.title')}</Title>
        <SimpleGrid cols={4} spacing="xs">
          <Figure label={t('overview.quorum.managers')} value={q.managers} testId="quorum-managers" />
          <Figure label={t('overview.quorum.size')} value={q.quorum} testId="quorum-size" hint={t('overview.quorum.sizeHint')} />
          <Figure label={t('overview.quorum.tolerance')} value={q.faultTolerance} testId="quorum-tolerance" hint={t('overview.quorum.toleranceHint')} />
          <Figure
            label={t('overview.quorum.reachable')}
            value={q.reachable}
            testId="quorum-reachable"
            color={q.hasQuorum ? (q.margin === 0 ? 'orange' : 'green') : 'red'}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('overview.quorum.explain', values)}
        </Text>
        {locked.length ? (
          <Alert color="red" variant="light" p="xs" icon={<IconAlert />} data-testid="quorum-locked">
            <Text size="sm">{t('overview.quorum.locked', { count: locked.length, names: locked.map((p) => p.hostname).join(', ') })}</Text>
          </Alert>
        ) : null}
        {q.warnings.length === 0 ? (
          <Text size="sm" c="green" data-testid="quorum-ok">
            {t('overview.quorum.ok', values)}
          </Text>
        ) : (
          q.warnings.map((warning) => (
            <Alert key={warning} color={warningColor(warning)} variant="light" p="xs" icon={<IconAlert />} data-testid={`quorum-warning-${warning}`}>
              <Text size="sm">{t(`overview.quorum.warnings.${warning}` as const, values)}</Text>
            </Alert>
          ))
        )}
      </Stack>
    </Paper>
  )
}

function Figure({ label, value, testId, hint, color }: { label: string; value: number; testId: string; hint?: string; color?: string }): ReactNode {
  return (
    <Stack gap={0} title={hint}>
      <Text size="xs" c="dimmed" truncate="end">
        {label}
      </Text>
      <Group gap={4}>
        <Text size="xl" fw={700} c={color} data-testid={testId}>
          {value}
        </Text>
      </Group>
    </Stack>
  )
}
