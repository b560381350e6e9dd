import { useMemo, type ReactNode } from 'react'
import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { useMirror } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { IconTrash } from '../../components/icons'
import { StatusBadge } from '../../components/StatusBadge'
import { formatPort, replicaHealth, shortImage } from '../services/service-format'
import { LogsPanel } from '../logs'
import { DriftPanel } from './DriftPanel'
import { StackTasks } from './StackTasks'
import { inspectCommands } from './stack-cli'
import { useStackListStore } from './stack-list-store'
import { stackObjects, stackRows } from './stack-rows'
import { openInEditor } from './stacks-actions'
import { IconArrowLeft, IconFile } from './stacks-icons'

const healthColor = { ok: undefined, short: 'orange', none: 'red' } as const

/** One stack: its services (live, from the mirror), its other objects, and its drift against its file. */
export function StackDetail({ clusterId, name }: { clusterId: string; name: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const model = useMirror((state) => state.models[clusterId] ?? null)
  const summaries = useStackListStore((s) => s.summaries)
  const show = useStackListStore((s) => s.show)
  const askRemove = useStackListStore((s) => s.askRemove)
  const objects = useMemo(() => stackObjects(model, name), [model, name])
  const row = useMemo(() => stackRows(model, summaries).find((r) => r.name === name) ?? null, [model, summaries, name])
  const deployedAt = summaries?.find((s) => s.name === name)?.deployedAt ?? null
  const exists = objects.services.length + objects.networks.length + objects.secrets.length + objects.configs.length > 0

  return (
    <Stack gap="md" data-testid="stack-detail" data-stack={name}>
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="center">
          <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={() => show({ kind: 'list' })} data-testid="stacks-back">
            {t('stacks.title')}
          </Button>
          <div>
            <Title order={3}>{name}</Title>
            {row ? (
              <Text size="sm" c="dimmed">
                {t('stacks.detail.subtitle', { count: row.services, running: row.runningTasks, desired: row.desiredTasks })}
              </Text>
            ) : null}
          </div>
        </Group>
        <Group gap="xs">
          {deployedAt ? (
            <Button variant="default" leftSection={<IconFile size={14} />} onClick={() => void openInEditor(api, clusterId, name, null)} data-testid="stack-edit">
              {t('stacks.detail.edit')}
            </Button>
          ) : null}
          <Button color="red" variant="light" leftSection={<IconTrash size={14} />} disabled={!exists} onClick={() => askRemove(name)} data-testid="stack-detail-remove">
            {t('stacks.remove.action')}
          </Button>
        </Group>
      </Group>
      {!exists ? (
        <Text size="sm" c="dimmed" data-testid="stack-gone">
          {t('stacks.detail.gone')}
        </Text>
      ) : null}
      {objects.services.length > 0 ? (
        <Table striped highlightOnHover withTableBorder verticalSpacing={6} data-testid="stack-services">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('services.columns.name')}</Table.Th>
              <Table.Th>{t('services.columns.image')}</Table.Th>
              <Table.Th>{t('services.columns.mode')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('services.columns.replicas')}</Table.Th>
              <Table.Th>{t('services.columns.ports')}</Table.Th>
              <Table.Th>{t('services.columns.update')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {objects.services.map((s) => {
              const health = replicaHealth(s)
              return (
                <Table.Tr key={s.id} data-testid={`stack-service-${s.name}`} data-running={s.runningTasks} data-desired={s.desiredTasks}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {s.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace" title={s.image}>
                      {shortImage(s.image)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`services.mode.${s.mode}`)}</Text>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    <Text size="sm" c={healthColor[health]} fw={health === 'ok' ? 400 : 700}>
                      {t('services.replicasValue', { running: s.runningTasks, desired: s.desiredTasks })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {s.ports.map((port) => formatPort(port, t('services.ports.host'))).join(', ') || t('common.none')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.updateStatus ? <StatusBadge status={s.updateStatus.state} title={s.updateStatus.message || undefined} /> : <Text size="xs" c="dimmed">{t('common.none')}</Text>}</Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      ) : null}
      {objects.services.length > 0 ? <StackTasks clusterId={clusterId} services={objects.services} /> : null}
      <Group gap="lg" align="flex-start">
        {(['networks', 'secrets', 'configs'] as const).map((kind) => (
          <Stack key={kind} gap={4} data-testid={`stack-${kind}`}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              {t(`stacks.columns.${kind}`)}
            </Text>
            {objects[kind].length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('common.none')}
              </Text>
            ) : (
              <Group gap={4}>
                {objects[kind].map((o) => (
                  <Badge key={o.id} variant="light" color="gray" radius="sm" tt="none" ff="monospace">
                    {o.name}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        ))}
      </Group>
      {exists ? <DriftPanel key={name} clusterId={clusterId} stack={name} deployedAt={deployedAt} /> : null}
      {objects.services.length > 0 ? <LogsPanel clusterId={clusterId} stack={name} label={t('logs.stackTitle')} /> : null}
      <CliEquivalent command={inspectCommands(name)} testId="stack-detail-cli" />
    </Stack>
  )
}
