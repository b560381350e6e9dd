import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { Alert, Badge, Box, Code, Drawer, Group, List, Stack, Text, Title, Tooltip } from '@mantine/core'
import { IconAlert } from '../../components/icons'
import { useTranslation } from 'react-i18next'
import type { Task } from '../../../../shared/domain'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { shellQuote } from '../../../../shared/docker-cli'
import { StatusBadge } from '../../components/StatusBadge'
import { VirtualTable, type Column } from '../../components/VirtualTable'
import { useFormatters } from '../../i18n/format'
import { useNow } from '../../lib/use-now'
import { LogsPanel } from '../logs'
import { PortForwardAction } from '../forwards'
import { ServiceMetrics } from '../metrics'
import type { PlacementPlanData } from '../../../../shared/placement'
import { useApi } from '../../api/api-context'
import { engineTaskMessageKey, formatPort, isCurrentTask, orderTasks, replicaHealth } from './service-format'
import { TaskTerminalButton } from '../terminals/TaskTerminalButton'
import { useServicesStore } from './services-store'
import { ServiceActions } from './ServiceActions'
import { RolloutPanel } from './RolloutPanel'
import { placementReasonText } from '../placement/placement-text'
import { whyNotRunning, type PendingExplanation } from './why-pending'

/** The planner's view of a live service, asked only while some task waits (for "why pending"). */
function usePendingPlan(clusterId: string, serviceId: string, waiting: boolean, version: number): PlacementPlanData | null {
  const api = useApi()
  const [plan, setPlan] = useState<PlacementPlanData | null>(null)
  useEffect(() => {
    if (!waiting) return
    let live = true
    api
      .call('placement.plan', { clusterId, target: { serviceId }, changes: [] })
      .then((result) => live && setPlan(result.plan))
      .catch(() => live && setPlan(null))
    return () => {
      live = false
    }
  }, [api, clusterId, serviceId, waiting, version])
  return waiting ? plan : null
}

/** The reason of the service's waiting tasks, in full: the engine's words and every node's reason. */
function PendingSummary({ why, count }: { why: PendingExplanation; count: number }): ReactNode {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <Alert color="orange" variant="light" icon={<IconAlert size={16} />} title={t('services.why.summary', { count, reason: t(`services.why.${why.kind}` as const) })} data-testid="pending-why" data-kind={why.kind}>
      <Stack gap={4}>
        {why.engine ? (
          <Text size="xs">
            {t('services.why.engine')} <Code fz="xs">{why.engine}</Code>
          </Text>
        ) : null}
        {why.nodes.length > 0 ? (
          <List size="xs" spacing={2} data-testid="pending-why-nodes">
            {[...why.nodes].sort((a, b) => a.hostname.localeCompare(b.hostname, undefined, { numeric: true })).map((node) => (
              <List.Item key={node.hostname} data-testid={`pending-why-node-${node.hostname}`}>
                <b>{node.hostname}</b>: {node.reasons.map((reason) => placementReasonText(t, format, reason)).join('; ')}
              </List.Item>
            ))}
          </List>
        ) : null}
      </Stack>
    </Alert>
  )
}

function PendingReason({ why }: { why: PendingExplanation }): ReactNode {
  const { t } = useTranslation()
  const format = useFormatters()
  if (why.kind === 'none') return null
  const detail = why.nodes.map((n) => `${n.hostname}: ${n.reasons.map((reason) => placementReasonText(t, format, reason)).join('; ')}`).join('\n')
  return (
    <Tooltip label={detail || why.engine} multiline maw={480} disabled={!detail && !why.engine}>
      <Text size="xs" c={why.kind === 'starting' ? 'dimmed' : 'orange'} fw={500} truncate="end" data-testid="task-why" data-kind={why.kind}>
        {t(`services.why.${why.kind}` as const)}
      </Text>
    </Tooltip>
  )
}

/** One service: its facts and its tasks (current first, then history), like `docker service ps`. */
export function ServiceDrawer({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const selectedId = useServicesStore((s) => s.selectedId)
  const select = useServicesStore((s) => s.select)
  const services = useModelField(clusterId, 'services')
  const service = selectedId ? services?.[selectedId] : undefined

  return (
    <Drawer
      opened={Boolean(service)}
      onClose={() => select(null)}
      position="right"
      size="min(960px, 90vw)"
      title={service ? <Title order={4}>{service.name}</Title> : null}
      data-testid="service-drawer"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {service ? <ServiceDetail clusterId={clusterId} serviceId={service.id} /> : null}
    </Drawer>
  )
}

function ServiceDetail({ clusterId, serviceId }: { clusterId: string; serviceId: string }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const now = useNow(10_000)
  const services = useModelField(clusterId, 'services')
  const tasks = useModelField(clusterId, 'tasks')
  // a snapshot's second phase (thousands of tasks): "reading", never a false "no task"
  const tasksLoaded = useModelField(clusterId, 'tasksLoaded') ?? false
  const nodes = useModelField(clusterId, 'nodes')
  const service = services?.[serviceId]

  const hostnameOf = useMemo(() => (nodeId: string | null): string => (nodeId ? (nodes?.[nodeId]?.hostname ?? nodeId.slice(0, 12)) : ''), [nodes])
  const rows = useMemo(
    () =>
      orderTasks(
        Object.values(tasks ?? {}).filter((task) => task.serviceId === serviceId),
        hostnameOf
      ),
    [tasks, serviceId, hostnameOf]
  )

  const runningIds = useMemo(() => rows.filter((task) => task.state === 'running').map((task) => task.id), [rows])
  const taskLabel = useMemo(() => {
    const byId = new Map(rows.map((task) => [task.id, task]))
    return (taskId: string): string => {
      const task = byId.get(taskId)
      if (!task) return taskId.slice(0, 12)
      return task.slot !== null ? `${service?.name ?? ''}.${task.slot}` : `${service?.name ?? ''}.${hostnameOf(task.nodeId)}`
    }
  }, [rows, service?.name, hostnameOf])

  const waiting = rows.some((task) => task.desiredState === 'running' && task.state !== 'running')
  const pendingPlan = usePendingPlan(clusterId, serviceId, waiting, service?.version ?? 0)

  const taskTitle = useCallback((task: Task): string => (task.slot !== null ? `${service?.name ?? ''}.${task.slot}` : `${service?.name ?? ''}.${hostnameOf(task.nodeId)}`), [service?.name, hostnameOf])
  const columns = useMemo<Column<Task>[]>(
    () => [
      {
        id: 'place',
        header: t('services.tasks.slot'),
        minWidth: 170,
        grow: 1,
        cell: (task) => (
          <Text size="sm" c={isCurrentTask(task) ? undefined : 'dimmed'} ff="monospace">
            {isCurrentTask(task) ? '' : '\\_ '}
            {taskTitle(task)}
          </Text>
        )
      },
      { id: 'state', header: t('services.tasks.state'), minWidth: 115, grow: 0, cell: (task) => <StatusBadge status={task.state} /> },
      { id: 'desired', header: t('services.tasks.desired'), minWidth: 100, grow: 0, cell: (task) => <StatusBadge status={task.desiredState} variant="outline" /> },
      {
        id: 'node',
        header: t('services.tasks.node'),
        minWidth: 110,
        grow: 1,
        cell: (task) => (
          <Text size="sm" truncate="end">
            {hostnameOf(task.nodeId) || f.none}
          </Text>
        )
      },
      {
        id: 'age',
        header: t('services.tasks.age'),
        minWidth: 100,
        grow: 0,
        cell: (task) => (
          <Text size="xs" c="dimmed" title={f.dateTime(task.timestamp)}>
            {f.age(task.timestamp, now)}
          </Text>
        )
      },
      {
        id: 'access',
        header: '',
        minWidth: 220,
        grow: 0,
        cell: (task) =>
          task.state === 'running' && task.desiredState === 'running' ? (
            <Group gap={4} wrap="nowrap">
              <TaskTerminalButton clusterId={clusterId} task={task} title={taskTitle(task)} />
              <PortForwardAction request={{ clusterId, taskId: task.id, task: taskTitle(task), defaultPort: service?.ports[0]?.targetPort ?? null }} />
            </Group>
          ) : null
      },
      {
        id: 'message',
        header: t('services.tasks.message'),
        minWidth: 220,
        grow: 3,
        cell: (task) => {
          // the engine's own task messages (`pending task scheduling`) in the user's words; errors as the engine wrote them
          const messageKey = engineTaskMessageKey(task.message)
          const text = task.error || (messageKey ? t(`status.engineMessage.${messageKey}` as 'status.engineMessage.started') : task.message)
          const why = isCurrentTask(task) ? whyNotRunning(task, pendingPlan) : null
          return (
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="xs" c={task.error ? 'red' : 'dimmed'} truncate="end" data-testid="task-message" title={[task.error, task.message, task.exitCode !== null ? t('services.tasks.exitCode', { code: task.exitCode }) : ''].filter(Boolean).join('\n')}>
                {text || f.none}
                {task.exitCode !== null && task.exitCode !== 0 ? ` (${t('services.tasks.exitCode', { code: task.exitCode })})` : ''}
              </Text>
              {why ? <PendingReason why={why} /> : null}
            </Stack>
          )
        }
      }
    ],
    [t, f, now, hostnameOf, service?.ports, pendingPlan, clusterId, taskTitle]
  )

  if (!service) return null
  const health = replicaHealth(service)

  const facts: [string, ReactNode][] = [
    [t('services.detail.image'), <Code key="image" style={{ wordBreak: 'break-all' }}>{service.image}</Code>],
    [t('services.detail.mode'), t(`services.mode.${service.mode}` as const)],
    [
      t('services.detail.replicas'),
      <Text key="replicas" size="sm" fw={600} c={health === 'ok' ? undefined : health === 'none' ? 'red' : 'orange'}>
        {t('services.replicasValue', { running: service.runningTasks, desired: service.desiredTasks })}
      </Text>
    ],
    [t('services.detail.stack'), service.stack ?? f.none],
    [t('services.detail.ports'), service.ports.length > 0 ? service.ports.map((port) => formatPort(port, t('services.ports.host'))).join(', ') : f.none],
    [
      t('services.detail.constraints'),
      service.constraints.length > 0 ? (
        <Group key="constraints" gap={4}>
          {service.constraints.map((c) => (
            <Badge key={c} size="sm" variant="light" color="gray" radius="sm" tt="none">
              {c}
            </Badge>
          ))}
        </Group>
      ) : (
        f.none
      )
    ],
    [
      t('services.detail.update'),
      service.updateStatus ? (
        <Stack key="update" gap={2}>
          <StatusBadge status={service.updateStatus.state} />
          {service.updateStatus.message ? <Text size="xs">{service.updateStatus.message}</Text> : null}
        </Stack>
      ) : (
        f.none
      )
    ],
    [t('services.detail.created'), f.dateTime(service.createdAt)],
    [t('services.detail.updated'), f.dateTime(service.updatedAt)]
  ]

  const serviceTasks = Object.values(tasks ?? {}).filter((task) => task.serviceId === serviceId)
  const waitingWhy = rows
    .filter((task) => isCurrentTask(task))
    .map((task) => whyNotRunning(task, pendingPlan))
    .filter((why) => why.kind !== 'none' && why.kind !== 'starting')

  return (
    <Stack gap="md" data-testid="service-detail">
      <ServiceActions clusterId={clusterId} service={service} />
      <Stack gap={6}>
        {facts.map(([label, value]) => (
          <Group key={label} gap="sm" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed" w={120} style={{ flexShrink: 0 }}>
              {label}
            </Text>
            <Box style={{ minWidth: 0 }}>{typeof value === 'string' ? <Text size="sm">{value}</Text> : value}</Box>
          </Group>
        ))}
      </Stack>
      {tasksLoaded ? <RolloutPanel service={service} tasks={serviceTasks} hostnameOf={hostnameOf} /> : null}
      {waitingWhy.length > 0 ? <PendingSummary why={waitingWhy[0]} count={waitingWhy.length} /> : null}
      <Title order={5}>{t('services.tasks.title', { count: rows.length })}</Title>
      <Box mah="55vh" style={{ display: 'flex', flexDirection: 'column' }}>
        <VirtualTable
          rows={rows}
          columns={columns}
          rowKey={(task) => task.id}
          rowTestId={(task) => `task-row-${task.id}`}
          testId="tasks-table"
          ariaLabel={t('services.tasks.title', { count: rows.length })}
          emptyText={tasksLoaded ? t('services.tasks.empty') : t('services.tasks.loading')}
        />
      </Box>
      <CliEquivalent command={`docker service ps ${shellQuote(service.name)}`} />
      <ServiceMetrics clusterId={clusterId} serviceId={service.id} taskIds={runningIds} taskLabel={taskLabel} />
      <LogsPanel clusterId={clusterId} serviceIds={[service.id]} height="45vh" />
    </Stack>
  )
}
