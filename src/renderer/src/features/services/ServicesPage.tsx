import { useMemo, type ReactNode } from 'react'
import { Badge, Button, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Service } from '../../../../shared/domain'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { StatusBadge } from '../../components/StatusBadge'
import { VirtualTable, type Column } from '../../components/VirtualTable'
import { useFormatters } from '../../i18n/format'
import { formatPort, replicaHealth, shortImage } from './service-format'
import { ServiceDrawer } from './ServiceDrawer'
import { ForwardsPanel } from '../forwards'
import { ServiceForm } from './ServiceForm'
import { useServiceFormStore } from './service-form-store'
import { useServicesStore } from './services-store'

const healthColor = { ok: undefined, short: 'orange', none: 'red' } as const

function serviceMatches(service: Service, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = [service.name, service.stack ?? '', service.image, service.mode, service.updateStatus?.state ?? '', ...service.ports.map((port) => formatPort(port))].join(' ').toLowerCase()
  return words.every((word) => haystack.includes(word))
}

export function ServicesPage({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const services = useModelField(clusterId, 'services')
  const filter = useServicesStore((s) => s.filter)
  const sort = useServicesStore((s) => s.sort)
  const selectedId = useServicesStore((s) => s.selectedId)
  const setFilter = useServicesStore((s) => s.setFilter)
  const setSort = useServicesStore((s) => s.setSort)
  const select = useServicesStore((s) => s.select)
  const openCreate = useServiceFormStore((s) => s.openCreate)

  const all = useMemo(() => Object.values(services ?? {}), [services])
  const rows = useMemo(() => all.filter((s) => serviceMatches(s, filter)), [all, filter])

  const columns = useMemo<Column<Service>[]>(
    () => [
      {
        id: 'name',
        header: t('services.columns.name'),
        minWidth: 180,
        grow: 2,
        sortValue: (s) => s.name,
        cell: (s) => (
          <Text size="sm" fw={500} truncate="end" title={s.id}>
            {s.name}
          </Text>
        )
      },
      {
        id: 'stack',
        header: t('services.columns.stack'),
        minWidth: 100,
        grow: 1,
        sortValue: (s) => s.stack,
        cell: (s) =>
          s.stack ? (
            <Badge size="sm" variant="light" color="indigo" radius="sm" tt="none">
              {s.stack}
            </Badge>
          ) : (
            <Text size="xs" c="dimmed">
              {f.none}
            </Text>
          )
      },
      {
        id: 'mode',
        header: t('services.columns.mode'),
        minWidth: 125,
        grow: 0,
        sortValue: (s) => s.mode,
        cell: (s) => <Text size="sm">{t(`services.mode.${s.mode}` as const)}</Text>
      },
      {
        id: 'replicas',
        header: t('services.columns.replicas'),
        minWidth: 90,
        grow: 0,
        align: 'right',
        sortValue: (s) => s.runningTasks - s.desiredTasks,
        cell: (s) => {
          const health = replicaHealth(s)
          return (
            <Text size="sm" fw={health === 'ok' ? 400 : 700} c={healthColor[health]} data-testid="service-replicas" data-health={health}>
              {t('services.replicasValue', { running: s.runningTasks, desired: s.desiredTasks })}
            </Text>
          )
        }
      },
      {
        id: 'image',
        header: t('services.columns.image'),
        minWidth: 180,
        grow: 2,
        sortValue: (s) => shortImage(s.image),
        cell: (s) => (
          <Text size="sm" ff="monospace" truncate="end" title={s.image}>
            {shortImage(s.image)}
          </Text>
        )
      },
      {
        id: 'ports',
        header: t('services.columns.ports'),
        minWidth: 120,
        grow: 1,
        sortValue: (s) => s.ports[0]?.publishedPort ?? null,
        cell: (s) => {
          const text = s.ports.map((port) => formatPort(port, t('services.ports.host'))).join(', ')
          return (
            <Text size="sm" ff="monospace" truncate="end" title={text}>
              {text || f.none}
            </Text>
          )
        }
      },
      {
        id: 'update',
        header: t('services.columns.update'),
        minWidth: 130,
        grow: 0,
        sortValue: (s) => s.updateStatus?.state ?? null,
        cell: (s) =>
          s.updateStatus ? (
            <Tooltip label={s.updateStatus.message || t(`status.${s.updateStatus.state}` as const)} multiline maw={360}>
              <span>
                <StatusBadge status={s.updateStatus.state} />
              </span>
            </Tooltip>
          ) : (
            <Text size="xs" c="dimmed">
              {f.none}
            </Text>
          )
      }
    ],
    [t, f]
  )

  return (
    <Stack gap="sm" p="md" style={{ flex: 1, minHeight: 0 }} data-testid="services-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('services.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('services.count', { count: rows.length, total: all.length })}
          </Text>
        </div>
        <Group gap="sm" align="flex-end">
          <Button onClick={openCreate} data-testid="service-create-open">
            {t('services.create')}
          </Button>
          <TextInput
            placeholder={t('services.filter')}
            aria-label={t('services.filter')}
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value)}
            w={320}
            data-testid="services-filter"
          />
        </Group>
      </Group>
      <VirtualTable
        rows={rows}
        columns={columns}
        rowKey={(s) => s.id}
        rowTestId={(s) => `service-row-${s.name}`}
        testId="services-table"
        ariaLabel={t('services.title')}
        emptyText={all.length === 0 ? t('services.empty') : t('services.noMatch')}
        sort={sort}
        onSortChange={setSort}
        onRowClick={(s) => select(s.id)}
        selectedKey={selectedId}
      />
      <CliEquivalent command="docker service ls" />
      <ForwardsPanel clusterId={clusterId} />
      <ServiceDrawer clusterId={clusterId} />
      <ServiceForm clusterId={clusterId} />
    </Stack>
  )
}
