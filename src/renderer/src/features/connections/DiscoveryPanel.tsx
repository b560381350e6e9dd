import type { ReactNode } from 'react'
import { Alert, Badge, Button, Code, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Discovery } from '../../../../shared/connections'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconInfo } from '../../components/icons'
import { useConnectionFormStore } from './connection-form-store'
import { useConnectionsStore } from './connections-store'

/** What is already configured on this machine: the CLI's default engine, contexts, SSH hosts. */
export function DiscoveryPanel(): ReactNode {
  const { t } = useTranslation()
  const discovery = useConnectionsStore((s) => s.discovery)
  const error = useConnectionsStore((s) => s.discoveryError)
  const startNew = useConnectionFormStore((s) => s.startNew)

  if (error) return <ErrorAlert error={error} title={t('connections.discovery.failed')} />
  if (!discovery) return <Loader size="sm" />

  return (
    <Paper withBorder p="md" radius="sm" data-testid="discovery-panel">
      <Stack gap="sm">
        <Title order={4}>{t('connections.discovery.title')}</Title>
        <DefaultEngine engine={discovery.defaultEngine} />
        {discovery.warnings.length > 0 ? (
          <Alert color="yellow" variant="light" p="xs" title={t('connections.discovery.warnings')} data-testid="discovery-warnings">
            <Stack gap={2}>
              {discovery.warnings.map((warning) => (
                <Text size="xs" key={warning}>
                  {warning}
                </Text>
              ))}
            </Stack>
          </Alert>
        ) : null}

        <Text size="sm" fw={600}>
          {t('connections.discovery.contexts')}
        </Text>
        {discovery.contexts.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('connections.discovery.noContexts')}
          </Text>
        ) : (
          <Table verticalSpacing={4} horizontalSpacing="xs">
            <Table.Tbody>
              {discovery.contexts.map((context) => (
                <Table.Tr key={context.name} data-testid={`context-row-${context.name}`}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{context.name}</Text>
                      {context.current ? (
                        <Badge size="xs" variant="light" color="blue" radius="sm">
                          {t('connections.discovery.current')}
                        </Badge>
                      ) : null}
                    </Group>
                    {context.description ? (
                      <Text size="xs" c="dimmed">
                        {context.description}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" truncate="end" maw={260} title={context.dockerHost}>
                      {context.dockerHost}
                    </Text>
                  </Table.Td>
                  <Table.Td align="right">
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => startNew({ kind: 'context', contextName: context.name }, context.name)}
                      data-testid={`context-use-${context.name}`}
                    >
                      {t('connections.discovery.use')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}

        <Text size="sm" fw={600}>
          {t('connections.discovery.sshHosts')}
        </Text>
        {discovery.sshHosts.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('connections.discovery.noSshHosts')}
          </Text>
        ) : (
          <Table verticalSpacing={4} horizontalSpacing="xs">
            <Table.Tbody>
              {discovery.sshHosts.map((host) => (
                <Table.Tr key={host.alias} data-testid={`sshhost-row-${host.alias}`}>
                  <Table.Td>
                    <Text size="sm">{host.alias}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" c="dimmed">
                      {`${host.user ? `${host.user}@` : ''}${host.hostName ?? host.alias}${host.port ? `:${host.port}` : ''}`}
                    </Text>
                  </Table.Td>
                  <Table.Td align="right">
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => startNew({ kind: 'ssh', host: host.alias }, host.alias)}
                      data-testid={`sshhost-use-${host.alias}`}
                    >
                      {t('connections.discovery.use')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  )
}

export function DefaultEngine({ engine }: { engine: Discovery['defaultEngine'] }): ReactNode {
  const { t } = useTranslation()
  let reason: string
  if (engine.source === 'DOCKER_HOST') reason = t('connections.defaultEngine.DOCKER_HOST')
  else if (engine.source === 'context') reason = t('connections.defaultEngine.context', { name: engine.contextName ?? '' })
  else reason = t('connections.defaultEngine.default-socket')
  return (
    <Alert color="blue" variant="light" p="xs" icon={<IconInfo />} data-testid="default-engine" data-source={engine.source}>
      <Text size="sm">
        {t('connections.defaultEngine.uses')} <Code>{engine.dockerHost}</Code> {reason}
      </Text>
    </Alert>
  )
}
