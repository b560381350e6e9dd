import { useEffect, useMemo, type ReactNode } from 'react'
import { Alert, Badge, Button, Group, Loader, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { caRotationProgress, nodeHasCurrentCert } from '../../../../shared/ca-rotation'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { StatusBadge } from '../../components/StatusBadge'
import { IconAlert } from '../../components/icons'
import { useFormatters } from '../../i18n/format'
import { useModelField } from '../mirror/mirror-context'
import { AutolockCard } from './AutolockCard'
import { JoinTokensCard } from './JoinTokensCard'
import { SecurityDialogs } from './SecurityDialogs'
import { SettingsCard } from './SettingsCard'
import { loadFacts } from './security-actions'
import { useSecurityStore } from './security-store'

/** Cluster security: the root CA and its rotation, join tokens, autolock and locked managers, the swarm's settings. */
export function SecurityPage({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const facts = useSecurityStore((s) => s.facts)
  const loading = useSecurityStore((s) => s.loading)
  const error = useSecurityStore((s) => s.error)
  const actionError = useSecurityStore((s) => s.actionError)
  const lastCli = useSecurityStore((s) => s.lastCli)
  const swarm = useModelField(clusterId, 'swarm')

  useEffect(() => {
    useSecurityStore.getState().reset(clusterId)
    void loadFacts(api, clusterId)
    // leaving the page drops whatever it showed
    return () => useSecurityStore.getState().reset('')
  }, [api, clusterId])

  // The engine's facts move with the mirror's swarm facts (a rotation ending, autolock changed elsewhere).
  const swarmKey = swarm ? `${swarm.rootRotationInProgress}|${swarm.trustRoot}|${swarm.autolock}|${swarm.certExpirySeconds}` : ''
  useEffect(() => {
    if (swarmKey && useSecurityStore.getState().facts) void loadFacts(api, clusterId)
  }, [api, clusterId, swarmKey])

  return (
    <Stack gap="md" p="md" style={{ overflow: 'auto', flex: 1 }} data-testid="security-page">
      <div>
        <Title order={3}>{t('security.page.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('security.page.subtitle')}
        </Text>
      </div>
      {error ? <ErrorAlert error={error} title={t('security.page.loadFailed')} /> : null}
      {actionError ? <ErrorAlert error={actionError} title={t('security.page.actionFailed')} onClose={() => useSecurityStore.getState().set({ actionError: null })} testId="security-action-error" /> : null}
      {lastCli ? <CliEquivalent command={lastCli} label={t('security.page.lastAction')} testId="security-last-cli" /> : null}
      {loading && !facts ? <Loader size="sm" /> : null}
      {facts ? (
        <>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <RootCaCard clusterId={clusterId} />
            <JoinTokensCard clusterId={clusterId} />
            <AutolockCard clusterId={clusterId} />
            <SettingsCard clusterId={clusterId} />
          </SimpleGrid>
          <NodeCertificates clusterId={clusterId} />
        </>
      ) : null}
      <SecurityDialogs clusterId={clusterId} />
    </Stack>
  )
}

function RootCaCard({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const { dateTime } = useFormatters()
  const facts = useSecurityStore((s) => s.facts)
  const swarm = useModelField(clusterId, 'swarm')
  const nodes = useModelField(clusterId, 'nodes')
  const progress = useMemo(() => (swarm ? caRotationProgress(swarm, Object.values(nodes ?? {})) : null), [swarm, nodes])
  if (!facts) return null
  const running = facts.rotationInProgress || Boolean(progress?.inProgress)
  const expiryDays = facts.settings.certExpirySeconds === null ? null : facts.settings.certExpirySeconds / 86_400
  return (
    <Paper withBorder p="md" radius="sm" data-testid="root-ca-card">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>{t('security.ca.title')}</Title>
          <Button size="xs" variant="light" disabled={running} onClick={() => useSecurityStore.getState().setCa({ open: true })} data-testid="rotate-ca-button">
            {t('security.ca.rotate')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('security.ca.fingerprint')}
        </Text>
        <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }} data-testid="root-ca-fingerprint">
          {facts.rootCa ? `SHA256 ${facts.rootCa.fingerprint}` : t('security.ca.none')}
        </Text>
        {facts.rootCa ? (
          <Text size="sm" data-testid="root-ca-subject">
            {t('security.ca.subject', { subject: facts.rootCa.subject, date: dateTime(facts.rootCa.notAfter) })}
          </Text>
        ) : null}
        <Text size="sm" data-testid="cert-lifetime">
          {expiryDays === null ? t('security.ca.lifetimeUnknown') : t('security.ca.lifetime', { count: expiryDays })}
        </Text>
        {running && progress ? (
          <Stack gap={4} data-testid="ca-rotation-progress">
            <Badge color="orange" variant="light">
              {t('security.ca.running')}
            </Badge>
            <Text size="sm">{t('security.ca.certs', { done: progress.certsRotated, total: progress.total })}</Text>
            <Progress value={progress.total ? (100 * progress.certsRotated) / progress.total : 0} size="sm" />
            {progress.pending.map((p) => (
              <Group key={p.nodeId} gap={6} data-testid={`ca-pending-${p.hostname}`} data-down={p.down || undefined}>
                <Text size="sm">{p.hostname}</Text>
                {p.down ? (
                  <Badge color="red" variant="light" size="sm" leftSection={<IconAlert size={12} />}>
                    {t('security.ca.holdsBack')}
                  </Badge>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('security.ca.pending')}
                  </Text>
                )}
              </Group>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed" data-testid="ca-no-rotation">
            {t('security.ca.noRotation')}
          </Text>
        )}
        <CliEquivalent command="docker swarm ca" testId="root-ca-cli" />
      </Stack>
    </Paper>
  )
}

/** Each node's certificate issuer next to the swarm's, as the docker CLI shows them. */
const NODE_ISSUERS_CLI = [
  "docker info --format '{{json .Swarm.Cluster.TLSInfo.CertIssuerPublicKey}}'",
  "docker node inspect --format '{{.Description.Hostname}} {{json .Description.TLSInfo.CertIssuerPublicKey}}' $(docker node ls -q)"
].join('\n')

function NodeCertificates({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const swarm = useModelField(clusterId, 'swarm')
  const nodes = useModelField(clusterId, 'nodes')
  const rows = useMemo(() => Object.values(nodes ?? {}).sort((a, b) => a.hostname.localeCompare(b.hostname, undefined, { numeric: true })), [nodes])
  if (!swarm) return null
  const stale = rows.filter((n) => !nodeHasCurrentCert(swarm, n)).length
  return (
    <Paper withBorder p="md" radius="sm" data-testid="node-certificates">
      <Stack gap="xs">
        <Title order={5}>{t('security.nodes.title')}</Title>
        {stale > 0 && !swarm.rootRotationInProgress ? (
          <Alert color="yellow" variant="light" p="xs" icon={<IconAlert />}>
            <Text size="sm">{t('security.nodes.stale', { count: stale })}</Text>
          </Alert>
        ) : null}
        <Table verticalSpacing={4} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('security.nodes.hostname')}</Table.Th>
              <Table.Th>{t('security.nodes.role')}</Table.Th>
              <Table.Th>{t('security.nodes.state')}</Table.Th>
              <Table.Th>{t('security.nodes.issuer')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((node) => {
              const current = nodeHasCurrentCert(swarm, node)
              return (
                <Table.Tr key={node.id} data-testid={`cert-row-${node.hostname}`} data-current={current || undefined}>
                  <Table.Td>{node.hostname}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={node.role} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={node.state} />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={current ? 'green' : node.certIssuer ? 'orange' : 'gray'} variant="light" size="sm">
                      {current ? t('security.nodes.currentRoot') : node.certIssuer ? t('security.nodes.previousRoot') : t('security.nodes.unknownIssuer')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
        <CliEquivalent command={NODE_ISSUERS_CLI} testId="node-certificates-cli" />
      </Stack>
    </Paper>
  )
}
