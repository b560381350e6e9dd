import type { ReactNode } from 'react'
import { Badge, Button, Code, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { shellQuote } from '../../../../shared/docker-cli'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { IconTrash } from '../../components/icons'
import { useFormatters } from '../../i18n/format'
import type { NetworkRow } from './network-rows'
import { checkRemoval } from './networks-actions'
import { useNetworksStore } from './networks-store'

/** Everything about one network: addresses, labels, options and the services on it. */
export function NetworkDrawer({ clusterId, rows }: { clusterId: string; rows: readonly NetworkRow[] }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const api = useApi()
  const selectedId = useNetworksStore((s) => s.selectedId)
  const select = useNetworksStore((s) => s.select)
  const row = rows.find((r) => r.network.id === selectedId) ?? null
  const network = row?.network
  const labels = Object.entries(network?.labels ?? {}).sort(([a], [b]) => a.localeCompare(b))
  const options = Object.entries(network?.options ?? {}).sort(([a], [b]) => a.localeCompare(b))
  const ipam = network?.ipam ?? network?.subnets.map((subnet) => ({ subnet, gateway: '', ipRange: '' })) ?? []

  return (
    <Drawer
      opened={row !== null}
      onClose={() => select(null)}
      position="right"
      size="lg"
      title={network ? <Title order={4}>{network.name}</Title> : null}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {network && row ? (
        <Stack gap="md" data-testid="network-detail" data-network={network.name}>
          <Table variant="vertical" layout="fixed" withTableBorder>
            <Table.Tbody>
              <Fact label={t('networks.detail.id')} value={<Code>{network.id}</Code>} />
              <Fact label={t('networks.detail.driver')} value={network.driver || f.none} />
              <Fact label={t('networks.detail.scope')} value={network.scope} />
              <Fact label={t('networks.detail.stack')} value={network.stack ?? f.none} />
              <Fact label={t('networks.detail.created')} value={f.dateTime(network.createdAt)} />
            </Table.Tbody>
          </Table>
          <Group gap={4}>
            {network.ingress ? <Badge variant="light" color="grape" tt="none">{t('networks.flag.ingress')}</Badge> : null}
            {network.attachable ? <Badge variant="light" color="blue" tt="none">{t('networks.flag.attachable')}</Badge> : null}
            {network.internal ? <Badge variant="light" color="orange" tt="none">{t('networks.flag.internal')}</Badge> : null}
            {row.encrypted ? <Badge variant="light" color="teal" tt="none">{t('networks.flag.encrypted')}</Badge> : null}
          </Group>

          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('networks.detail.ipam')}
            </Text>
            {ipam.length ? (
              <Table withTableBorder data-testid="network-ipam">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('networks.detail.subnet')}</Table.Th>
                    <Table.Th>{t('networks.detail.gateway')}</Table.Th>
                    <Table.Th>{t('networks.detail.ipRange')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ipam.map((entry) => (
                    <Table.Tr key={entry.subnet}>
                      <Table.Td ff="monospace">{entry.subnet}</Table.Td>
                      <Table.Td ff="monospace">{entry.gateway || f.none}</Table.Td>
                      <Table.Td ff="monospace">{entry.ipRange || f.none}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm" c="dimmed">
                {t('networks.detail.noIpam')}
              </Text>
            )}
          </Stack>

          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('networks.detail.labels')}
            </Text>
            {labels.length ? (
              <Group gap={4}>
                {labels.map(([key, value]) => (
                  <Badge key={key} variant="outline" color="gray" tt="none" radius="sm">
                    {value ? `${key}=${value}` : key}
                  </Badge>
                ))}
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('networks.detail.noLabels')}
              </Text>
            )}
          </Stack>

          {options.length ? (
            <Stack gap={4}>
              <Text fw={600} size="sm">
                {t('networks.detail.options')}
              </Text>
              <Group gap={4}>
                {options.map(([key, value]) => (
                  <Badge key={key} variant="outline" color="gray" tt="none" radius="sm">
                    {value ? `${key}=${value}` : key}
                  </Badge>
                ))}
              </Group>
            </Stack>
          ) : null}

          <Stack gap={4}>
            <Text fw={600} size="sm">
              {network.ingress ? t('networks.detail.ingressServices') : t('networks.detail.services')}
            </Text>
            {network.ingress ? (
              <Text size="xs" c="dimmed">
                {t('networks.detail.ingressHint')}
              </Text>
            ) : null}
            {row.services.length ? (
              <Group gap={4} data-testid="network-detail-services">
                {row.services.map((service) => (
                  <Badge key={service.id} variant="light" tt="none" radius="sm">
                    {service.name}
                  </Badge>
                ))}
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('networks.detail.noServices')}
              </Text>
            )}
          </Stack>

          <CliEquivalent command={`docker network inspect ${shellQuote(network.name)}`} label={t('networks.detail.cli')} />
          <Group justify="flex-end">
            <Button
              color="red"
              variant="light"
              leftSection={<IconTrash />}
              onClick={() => void checkRemoval(api, clusterId, { id: network.id, name: network.name })}
              data-testid="network-remove"
            >
              {t('networks.detail.remove')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Drawer>
  )
}

function Fact({ label, value }: { label: string; value: ReactNode }): ReactNode {
  return (
    <Table.Tr>
      <Table.Th w={140}>{label}</Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  )
}
