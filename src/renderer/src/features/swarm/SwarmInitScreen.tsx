import type { FormEvent, ReactNode } from 'react'
import { Button, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ClusterState } from '../../../../shared/connections'
import { useApi } from '../../api/api-context'
import { useMirrorStoreApi } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { StatusBadge } from '../../components/StatusBadge'
import { retryCluster } from '../clusters/clusters-actions'
import { useClustersStore } from '../clusters/clusters-store'
import { initSwarm } from './swarm-actions'
import { swarmInitCli } from './swarm-cli'
import { useSwarmStore } from './swarm-store'

/** An engine that is not part of a swarm: explain, and offer `docker swarm init`. */
export function SwarmInitScreen({ cluster }: { cluster: ClusterState }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const mirror = useMirrorStoreApi()
  const checking = useClustersStore((s) => Boolean(s.opening[cluster.profileId]))
  const advertiseAddr = useSwarmStore((s) => s.initAdvertiseAddr)
  const listenAddr = useSwarmStore((s) => s.initListenAddr)
  const busy = useSwarmStore((s) => s.initBusy)
  const error = useSwarmStore((s) => s.initError)
  const fieldErrors = useSwarmStore((s) => s.initFieldErrors)
  const setField = useSwarmStore((s) => s.setInitField)
  const setError = useSwarmStore((s) => s.setInitError)

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    void initSwarm(api, cluster.clusterId)
  }

  return (
    <Stack p="md" gap="md" style={{ overflow: 'auto', flex: 1 }} data-testid="swarm-init-screen">
      <Group gap="xs">
        <Title order={3}>{cluster.name}</Title>
        <StatusBadge status={cluster.phase} />
      </Group>
      <Paper withBorder p="md" maw={720} component="form" onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={4}>{t('swarm.init.title')}</Title>
          <Text size="sm">{t('swarm.init.body')}</Text>
          {cluster.endpoint ? (
            <Text size="xs" c="dimmed">
              {t('gate.lastEndpoint')} <Code>{cluster.endpoint}</Code>
            </Text>
          ) : null}
          <TextInput
            label={t('swarm.init.advertiseAddr')}
            description={t('swarm.init.advertiseAddrDescription')}
            placeholder="10.77.0.11"
            value={advertiseAddr}
            onChange={(event) => setField('initAdvertiseAddr', event.currentTarget.value)}
            error={fieldErrors.advertiseAddr}
            data-testid="swarm-init-advertise"
          />
          <TextInput
            label={t('swarm.init.listenAddr')}
            description={t('swarm.init.listenAddrDescription')}
            placeholder="0.0.0.0:2377"
            value={listenAddr}
            onChange={(event) => setField('initListenAddr', event.currentTarget.value)}
            error={fieldErrors.listenAddr}
            data-testid="swarm-init-listen"
          />
          <CliEquivalent command={swarmInitCli(advertiseAddr, listenAddr, t('swarm.init.addrPlaceholder'))} testId="swarm-init-cli" />
          {error ? <ErrorAlert error={error} title={t('swarm.init.failed')} onClose={() => setError(null)} /> : null}
          <Group justify="space-between">
            <Button
              variant="subtle"
              onClick={() => void retryCluster(api, mirror, cluster.clusterId)}
              loading={checking}
              disabled={busy}
              title={t('swarm.init.checkAgainHint')}
              data-testid="swarm-check-again"
            >
              {t('swarm.init.checkAgain')}
            </Button>
            <Button type="submit" loading={busy} data-testid="swarm-init-submit">
              {t('swarm.init.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  )
}
