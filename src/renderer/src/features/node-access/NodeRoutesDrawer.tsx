import { useEffect, type ReactNode } from 'react'
import { Badge, Button, Code, Drawer, Group, NumberInput, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { NodeRouteView } from '../../../../shared/node-access'
import { useApi } from '../../api/api-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { loadRoutes, saveRoute } from './node-routes-actions'
import { useNodeRoutesStore } from './node-routes-store'

/**
 * How SwarmDesk reaches each node over SSH (terminals, and later forwards and metrics): guessed
 * from the connection and ~/.ssh/config, shown with the `ssh` command that does the same, and
 * editable; a saved route goes with the cluster's profile.
 */
export function NodeRoutesDrawer({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const open = useNodeRoutesStore((s) => s.open)
  const routes = useNodeRoutesStore((s) => s.routes)
  const loading = useNodeRoutesStore((s) => s.loading)
  const error = useNodeRoutesStore((s) => s.error)
  const editing = useNodeRoutesStore((s) => s.editing)
  const hide = useNodeRoutesStore((s) => s.hide)
  useEffect(() => {
    if (open) void loadRoutes(api, clusterId)
  }, [open, api, clusterId])
  useEffect(() => () => useNodeRoutesStore.getState().hide(), [clusterId])
  return (
    <Drawer opened={open} onClose={hide} position="right" size="xl" title={t('nodeAccess.title')} data-testid="node-routes">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('nodeAccess.intro')}
        </Text>
        {error ? <ErrorAlert error={error} testId="node-routes-error" /> : null}
        <Table striped data-testid="node-routes-table" data-loading={loading}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('nodeAccess.node')}</Table.Th>
              <Table.Th>{t('nodeAccess.way')}</Table.Th>
              <Table.Th>{t('nodeAccess.ssh')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {routes.map((view) => (
              <RouteRow key={view.nodeId} clusterId={clusterId} view={view} editing={editing?.hostname === view.hostname} />
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Drawer>
  )
}

function RouteRow({ clusterId, view, editing }: { clusterId: string; view: NodeRouteView; editing: boolean }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const edit = useNodeRoutesStore((s) => s.edit)
  const sourceLabel = {
    saved: t('nodeAccess.source.saved'),
    'ssh-config': t('nodeAccess.source.ssh-config'),
    'manager-connection': t('nodeAccess.source.manager-connection'),
    'local-connection': t('nodeAccess.source.local-connection'),
    'through-manager': t('nodeAccess.source.through-manager'),
    'node-address': t('nodeAccess.source.node-address')
  }[view.source]
  return (
    <>
      <Table.Tr data-testid={`node-route-${view.hostname}`} data-via={view.route.via} data-source={view.source}>
        <Table.Td>
          <Text size="sm" fw={500}>
            {view.hostname}
          </Text>
        </Table.Td>
        <Table.Td>
          <Badge variant="light" color={view.source === 'saved' ? 'blue' : 'gray'} tt="none">
            {sourceLabel}
          </Badge>
        </Table.Td>
        <Table.Td>
          {view.sshCommand ? (
            <Code data-testid="node-route-ssh">{view.sshCommand}</Code>
          ) : (
            <Text size="sm" c="dimmed" data-testid="node-route-ssh">
              {t('nodeAccess.localEngine')}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            {view.route.via !== 'manager-itself' ? (
              <Button size="compact-xs" variant="subtle" onClick={() => edit(view.hostname, view.route)} data-testid={`node-route-edit-${view.hostname}`}>
                {t('nodeAccess.edit')}
              </Button>
            ) : null}
            {view.source === 'saved' ? (
              <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void saveRoute(api, clusterId, view.hostname, null)} data-testid={`node-route-forget-${view.hostname}`}>
                {t('nodeAccess.forget')}
              </Button>
            ) : null}
          </Group>
        </Table.Td>
      </Table.Tr>
      {editing ? (
        <Table.Tr>
          <Table.Td colSpan={4}>
            <RouteForm clusterId={clusterId} hostname={view.hostname} />
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  )
}

function RouteForm({ clusterId, hostname }: { clusterId: string; hostname: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const editing = useNodeRoutesStore((s) => s.editing)
  const saving = useNodeRoutesStore((s) => s.saving)
  const change = useNodeRoutesStore((s) => s.change)
  const cancel = useNodeRoutesStore((s) => s.cancel)
  if (!editing) return null
  const { draft } = editing
  return (
    <Stack gap="xs" data-testid="node-route-form">
      <SegmentedControl
        size="xs"
        value={draft.via === 'direct' ? 'direct' : 'manager'}
        onChange={(via) => change({ via: via as 'direct' | 'manager' })}
        data={[
          { value: 'manager', label: t('nodeAccess.via.manager') },
          { value: 'direct', label: t('nodeAccess.via.direct') }
        ]}
        data-testid="node-route-via"
      />
      <Group gap="xs" grow>
        <TextInput size="xs" label={t('nodeAccess.host')} value={draft.host} onChange={(e) => change({ host: e.currentTarget.value })} data-testid="node-route-host" />
        <TextInput size="xs" label={t('nodeAccess.user')} value={draft.user ?? ''} onChange={(e) => change({ user: e.currentTarget.value || undefined })} data-testid="node-route-user" />
        <NumberInput size="xs" label={t('nodeAccess.port')} min={1} max={65535} allowDecimal={false} value={draft.port ?? 22} onChange={(value) => change({ port: typeof value === 'number' && value !== 22 ? value : undefined })} data-testid="node-route-port" />
      </Group>
      <Group gap="xs" justify="flex-end">
        <Button size="xs" variant="default" onClick={cancel}>
          {t('nodeAccess.cancel')}
        </Button>
        <Button size="xs" loading={saving} disabled={draft.host.trim() === ''} onClick={() => void saveRoute(api, clusterId, hostname, { ...draft, host: draft.host.trim() })} data-testid="node-route-save">
          {t('nodeAccess.save')}
        </Button>
      </Group>
    </Stack>
  )
}
