import { useMemo, type ReactNode } from 'react'
import { Badge, Button, Group, Stack, Tabs, Text, TextInput, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { IconPlus } from '../../components/icons'
import { VirtualTable, type Column } from '../../components/VirtualTable'
import { useFormatters } from '../../i18n/format'
import { CreateNetworkDialog } from './CreateNetworkDialog'
import { NetworkDrawer } from './NetworkDrawer'
import { networkRows, rowMatches, type NetworkRow } from './network-rows'
import { useNetworksStore } from './networks-store'
import { RemoveNetworkDialog } from './RemoveNetworkDialog'
import { VolumesPanel } from './VolumesPanel'

export function NetworksPage({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const tab = useNetworksStore((s) => s.tab)
  const setTab = useNetworksStore((s) => s.setTab)
  return (
    <Stack gap="sm" p="md" style={{ flex: 1, minHeight: 0 }} data-testid="networks-page">
      <Title order={3}>{t('networks.title')}</Title>
      <Tabs value={tab} onChange={(value) => setTab(value === 'volumes' ? 'volumes' : 'networks')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="networks" data-testid="networks-tab-networks">
            {t('networks.tabs.networks')}
          </Tabs.Tab>
          <Tabs.Tab value="volumes" data-testid="networks-tab-volumes">
            {t('networks.tabs.volumes')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === 'networks' ? <NetworkList clusterId={clusterId} /> : <VolumesPanel clusterId={clusterId} />}
    </Stack>
  )
}

function NetworkList({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const networks = useModelField(clusterId, 'networks')
  const services = useModelField(clusterId, 'services')
  const filter = useNetworksStore((s) => s.filter)
  const sort = useNetworksStore((s) => s.sort)
  const selectedId = useNetworksStore((s) => s.selectedId)
  const setFilter = useNetworksStore((s) => s.setFilter)
  const setSort = useNetworksStore((s) => s.setSort)
  const select = useNetworksStore((s) => s.select)
  const openCreate = useNetworksStore((s) => s.openCreate)

  const all = useMemo(() => networkRows(Object.values(networks ?? {}), Object.values(services ?? {})), [networks, services])
  const rows = useMemo(() => all.filter((row) => rowMatches(row, filter)), [all, filter])

  const columns = useMemo<Column<NetworkRow>[]>(
    () => [
      {
        id: 'name',
        header: t('networks.columns.name'),
        minWidth: 180,
        grow: 2,
        sortValue: (r) => r.network.name,
        cell: (r) => (
          <Text size="sm" fw={500} truncate="end" title={r.network.id}>
            {r.network.name}
          </Text>
        )
      },
      { id: 'driver', header: t('networks.columns.driver'), minWidth: 90, grow: 0, sortValue: (r) => r.network.driver, cell: (r) => <Text size="sm">{r.network.driver || f.none}</Text> },
      {
        id: 'flags',
        header: t('networks.columns.flags'),
        minWidth: 170,
        grow: 1,
        cell: (r) => (
          <Group gap={4} wrap="nowrap">
            {r.network.ingress ? <FlagBadge label={t('networks.flag.ingress')} color="grape" /> : null}
            {r.network.attachable ? <FlagBadge label={t('networks.flag.attachable')} color="blue" /> : null}
            {r.network.internal ? <FlagBadge label={t('networks.flag.internal')} color="orange" /> : null}
            {r.encrypted ? <FlagBadge label={t('networks.flag.encrypted')} color="teal" /> : null}
          </Group>
        )
      },
      {
        id: 'subnets',
        header: t('networks.columns.subnets'),
        minWidth: 140,
        grow: 1,
        sortValue: (r) => r.network.subnets[0] ?? null,
        cell: (r) => (
          <Text size="sm" ff="monospace" truncate="end" data-testid="network-subnets">
            {r.network.subnets.join(', ') || f.none}
          </Text>
        )
      },
      {
        id: 'stack',
        header: t('networks.columns.stack'),
        minWidth: 100,
        grow: 1,
        sortValue: (r) => r.network.stack,
        cell: (r) =>
          r.network.stack ? (
            <Badge size="sm" variant="light" color="indigo" radius="sm" tt="none">
              {r.network.stack}
            </Badge>
          ) : (
            <Text size="xs" c="dimmed">
              {f.none}
            </Text>
          )
      },
      {
        id: 'services',
        header: t('networks.columns.services'),
        minWidth: 160,
        grow: 2,
        sortValue: (r) => r.services.length,
        cell: (r) => (
          <Text size="sm" truncate="end" title={r.services.map((s) => s.name).join(', ')} data-testid="network-services">
            {r.services.length ? r.services.map((s) => s.name).join(', ') : f.none}
          </Text>
        )
      }
    ],
    [t, f]
  )

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed">
          {t('networks.count', { count: rows.length, total: all.length })}
        </Text>
        <Group gap="sm">
          <TextInput
            placeholder={t('networks.filter')}
            aria-label={t('networks.filter')}
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value)}
            w={320}
            data-testid="networks-filter"
          />
          <Button leftSection={<IconPlus />} onClick={openCreate} data-testid="network-create">
            {t('networks.create')}
          </Button>
        </Group>
      </Group>
      <VirtualTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.network.id}
        rowTestId={(r) => `network-row-${r.network.name}`}
        testId="networks-table"
        ariaLabel={t('networks.tabs.networks')}
        emptyText={all.length === 0 ? t('networks.empty') : t('networks.noMatch')}
        sort={sort}
        onSortChange={setSort}
        onRowClick={(r) => select(r.network.id)}
        selectedKey={selectedId}
      />
      <CliEquivalent command="docker network ls --filter scope=swarm" />
      <NetworkDrawer clusterId={clusterId} rows={all} />
      <CreateNetworkDialog clusterId={clusterId} />
      <RemoveNetworkDialog clusterId={clusterId} />
    </Stack>
  )
}

function FlagBadge({ label, color }: { label: string; color: string }): ReactNode {
  return (
    <Badge size="sm" variant="light" color={color} radius="sm" tt="none">
      {label}
    </Badge>
  )
}
