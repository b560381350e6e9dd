import { useMemo, type ReactNode } from 'react'
import { ActionIcon, Alert, Badge, Button, Group, List, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useMirror } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconPlus, IconTrash } from '../../components/icons'
import { VirtualTable, type Column } from '../../components/VirtualTable'
import { useFormatters } from '../../i18n/format'
import { useStackListStore } from './stack-list-store'
import { filterRows, stackRows, type StackRow } from './stack-rows'
import { newDeploy } from './stacks-actions'

const healthColor = (r: StackRow): string | undefined => (r.runningTasks >= r.desiredTasks ? undefined : r.runningTasks === 0 ? 'red' : 'orange')

/** Every stack on the cluster (the docker CLI's too), live from the mirror. */
export function StackList({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const model = useMirror((state) => state.models[clusterId] ?? null)
  const summaries = useStackListStore((s) => s.summaries)
  const loadError = useStackListStore((s) => s.loadError)
  const filter = useStackListStore((s) => s.filter)
  const sort = useStackListStore((s) => s.sort)
  const setFilter = useStackListStore((s) => s.setFilter)
  const setSort = useStackListStore((s) => s.setSort)
  const show = useStackListStore((s) => s.show)
  const askRemove = useStackListStore((s) => s.askRemove)

  const all = useMemo(() => stackRows(model, summaries), [model, summaries])
  const rows = useMemo(() => filterRows(all, filter), [all, filter])

  const columns = useMemo<Column<StackRow>[]>(
    () => [
      {
        id: 'name',
        header: t('stacks.columns.name'),
        minWidth: 200,
        grow: 3,
        sortValue: (r) => r.name,
        cell: (r) => (
          <Text size="sm" fw={500} truncate="end">
            {r.name}
          </Text>
        )
      },
      { id: 'services', header: t('stacks.columns.services'), minWidth: 80, grow: 0, align: 'right', sortValue: (r) => r.services, cell: (r) => <Text size="sm">{r.services}</Text> },
      {
        id: 'tasks',
        header: t('stacks.columns.tasks'),
        minWidth: 90,
        grow: 0,
        align: 'right',
        sortValue: (r) => r.runningTasks - r.desiredTasks,
        cell: (r) => (
          <Text size="sm" c={healthColor(r)} fw={healthColor(r) ? 700 : 400} data-testid="stack-tasks">
            {t('services.replicasValue', { running: r.runningTasks, desired: r.desiredTasks })}
          </Text>
        )
      },
      { id: 'networks', header: t('stacks.columns.networks'), minWidth: 95, grow: 0, align: 'right', sortValue: (r) => r.networks, cell: (r) => <Text size="sm">{r.networks}</Text> },
      { id: 'secrets', header: t('stacks.columns.secrets'), minWidth: 75, grow: 0, align: 'right', sortValue: (r) => r.secrets, cell: (r) => <Text size="sm">{r.secrets}</Text> },
      { id: 'configs', header: t('stacks.columns.configs'), minWidth: 75, grow: 0, align: 'right', sortValue: (r) => r.configs, cell: (r) => <Text size="sm">{r.configs}</Text> },
      {
        id: 'deployed',
        header: t('stacks.columns.deployed'),
        minWidth: 210,
        grow: 1,
        sortValue: (r) => r.deployedAt,
        cell: (r) =>
          r.deployedAt ? (
            <Text size="sm" title={r.deployedAt}>
              {f.dateTime(r.deployedAt)}
            </Text>
          ) : (
            <Tooltip label={t('stacks.notDeployedHereHint')} withArrow multiline w={280}>
              <Badge size="sm" variant="outline" color="gray" radius="sm">
                {t('stacks.notDeployedHere')}
              </Badge>
            </Tooltip>
          )
      },
      {
        id: 'actions',
        header: '',
        minWidth: 48,
        grow: 0,
        align: 'center',
        cell: (r) => (
          <Tooltip label={t('stacks.remove.action')} withArrow>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('stacks.remove.actionFor', { stack: r.name })}
              onClick={(event) => {
                event.stopPropagation()
                askRemove(r.name)
              }}
              onKeyDown={(event) => event.stopPropagation()}
              data-testid={`stack-remove-${r.name}`}
            >
              <IconTrash size={15} />
            </ActionIcon>
          </Tooltip>
        )
      }
    ],
    [t, f, askRemove]
  )

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('stacks.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('stacks.count', { count: rows.length, total: all.length })}
          </Text>
        </div>
        <Group gap="sm" align="flex-end">
          <TextInput placeholder={t('stacks.filter')} aria-label={t('stacks.filter')} value={filter} onChange={(event) => setFilter(event.currentTarget.value)} w={260} data-testid="stacks-filter" />
          <Button leftSection={<IconPlus size={14} />} onClick={newDeploy} data-testid="new-stack">
            {t('stacks.newDeploy')}
          </Button>
        </Group>
      </Group>
      {loadError ? <ErrorAlert error={loadError} title={t('stacks.loadFailed')} testId="stacks-load-error" /> : null}
      <RemoveReport />
      <VirtualTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.name}
        rowTestId={(r) => `stack-row-${r.name}`}
        testId="stacks-table"
        ariaLabel={t('stacks.title')}
        emptyText={all.length === 0 ? t('stacks.empty') : t('stacks.noMatch')}
        sort={sort}
        onSortChange={setSort}
        onRowClick={(r) => show({ kind: 'stack', name: r.name })}
      />
      <CliEquivalent command="docker stack ls" />
    </Stack>
  )
}

/** What the last removal did: each object, and the volumes it left. */
function RemoveReport(): ReactNode {
  const { t } = useTranslation()
  const result = useStackListStore((s) => s.removeResult)
  const dismiss = useStackListStore((s) => s.dismissRemoveResult)
  if (!result) return null
  const failed = result.removed.filter((r) => !r.ok)
  return (
    <Alert
      color={result.ok ? 'green' : 'orange'}
      variant="light"
      withCloseButton
      closeButtonLabel={t('common.dismiss')}
      onClose={dismiss}
      title={result.found ? (result.ok ? t('stacks.remove.done', { stack: result.stack, count: result.removed.length }) : t('stacks.remove.partial', { stack: result.stack })) : t('stacks.remove.nothing', { stack: result.stack })}
      data-testid="stack-removed"
      data-ok={result.ok}
    >
      <Stack gap={4}>
        {failed.length > 0 ? (
          <List size="xs" spacing={2}>
            {failed.map((r) => (
              <List.Item key={r.id}>{t('stacks.remove.failedObject', { kind: r.kind, name: r.name, error: r.error ?? '' })}</List.Item>
            ))}
          </List>
        ) : null}
        <Text size="xs" data-testid="stack-removed-volumes">
          {result.keptVolumes.length > 0 ? t('stacks.remove.keptVolumes', { volumes: result.keptVolumes.join(', ') }) : t('stacks.remove.noVolumes')}
        </Text>
      </Stack>
    </Alert>
  )
}
