import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import {
  Accordion,
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Loader,
  Modal,
  NumberInput,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title
} from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ServiceDraft, ServiceFileRefDraft, ServiceMountDraft, ServicePortDraft } from '../../../../shared/services'
import { useApi } from '../../api/api-context'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconAlert } from '../../components/icons'
import { PlanView } from '../placement/PlanView'
import { openLabelEditor } from '../placement/placement-actions'
import { settleDelay } from '../placement/settle'
import { issuesAt, lineIssues, linesToList, listToLines, removeAt, replaceAt, wordIssues, type WordedIssue } from './service-form-model'
import { useServiceFormStore } from './service-form-store'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { planServiceDraft, submitServiceForm } from './services-actions'

/** How long the form waits for the next key before asking main for a plan. */
const PLAN_DELAY_MS = 250
const PLAN_MAX_WAIT_MS = 1200
/** One empty list for every selector (a new [] per call would re-render forever). */
const NO_ISSUES: WordedIssue[] = []

/** The plan's issues in the user's language (re-worded when the plan or the language changes). */
function useWordedIssues(): WordedIssue[] {
  const { t } = useTranslation()
  const issues = useServiceFormStore((s) => s.plan?.issues)
  return useMemo(() => (issues ? wordIssues(t, issues) : NO_ISSUES), [t, issues])
}

/**
 * Create a service, or update one from its live spec: the form on the left; on the right what
 * main planned of it before anything is sent (field problems, the spec diff with what restarts
 * tasks, where the tasks can run and why not, the docker CLI line) and the button.
 */
export function ServiceForm({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const opened = useServiceFormStore((s) => s.opened)
  const serviceId = useServiceFormStore((s) => s.serviceId)
  const draft = useServiceFormStore((s) => s.draft)
  const close = useServiceFormStore((s) => s.close)
  const requestClose = useServiceFormStore((s) => s.requestClose)
  const keepEditing = useServiceFormStore((s) => s.keepEditing)
  const confirmingClose = useServiceFormStore((s) => s.confirmingClose)
  const nodes = useModelField(clusterId, 'nodes')
  const tasks = useModelField(clusterId, 'tasks')
  // when the draft first changed without being planned since (the debounce's ceiling)
  const firstUnplanned = useRef<number | null>(null)

  // one plan per pause in typing, and again when the cluster moves (ports, networks, nodes)
  useEffect(() => {
    if (!opened) return
    const first = (firstUnplanned.current ??= Date.now())
    const timer = setTimeout(() => {
      firstUnplanned.current = null
      void planServiceDraft(api, clusterId, draft)
    }, settleDelay(first, Date.now(), PLAN_DELAY_MS, PLAN_MAX_WAIT_MS))
    return () => clearTimeout(timer)
  }, [api, clusterId, opened, draft, nodes, tasks])

  // One stack for the form and its "discard?" question: Escape goes to the topmost only. Apart,
  // both listen on the window, and the Escape that opened the question also answered it ("keep
  // editing") whenever React rendered between the two listeners, which it does on a loaded machine.
  return (
    <Modal.Stack>
      <Modal
        stackId="service-form"
        opened={opened}
        onClose={requestClose}
        size="min(1400px, 96vw)"
        title={<Title order={4}>{serviceId ? t('services.form.updateTitle', { name: draft.name }) : t('services.form.createTitle')}</Title>}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        data-testid="service-form"
      >
        {opened ? (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <ScrollArea.Autosize mah="78vh" offsetScrollbars>
              <DraftFields clusterId={clusterId} />
            </ScrollArea.Autosize>
            <ScrollArea.Autosize mah="78vh" offsetScrollbars>
              <PlanPanel clusterId={clusterId} nodes={nodes} />
            </ScrollArea.Autosize>
          </SimpleGrid>
        ) : null}
      </Modal>
      <ConfirmDialog
        opened={opened && confirmingClose}
        title={t('services.form.discardTitle')}
        confirmLabel={t('services.form.discard')}
        cancelLabel={t('services.form.keepEditing')}
        onConfirm={close}
        onCancel={keepEditing}
        danger
        testId="service-form-discard"
        stackId="service-form-discard"
      >
        <Text size="sm">{serviceId ? t('services.form.discardUpdate', { name: draft.name }) : t('services.form.discardCreate')}</Text>
      </ConfirmDialog>
    </Modal.Stack>
  )
}

function PlanPanel({ clusterId, nodes }: { clusterId: string; nodes: ReturnType<typeof useModelField<'nodes'>> }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const plan = useServiceFormStore((s) => s.plan)
  const planError = useServiceFormStore((s) => s.planError)
  const draft = useServiceFormStore((s) => s.draft)
  const plannedDraft = useServiceFormStore((s) => s.plannedDraft)
  const serviceId = useServiceFormStore((s) => s.serviceId)
  const edit = useServiceFormStore((s) => s.edit)
  const submitting = useServiceFormStore((s) => s.submitting)
  const submitError = useServiceFormStore((s) => s.submitError)
  const issues = useWordedIssues()
  const fresh = plannedDraft === draft
  const nothingChanged = serviceId !== null && plan !== null && fresh && plan.changes.length === 0
  const canSubmit = plan !== null && fresh && plan.ok && !submitting && !nothingChanged

  return (
    <Stack gap="sm" data-testid="service-form-plan" data-fresh={fresh} data-ok={plan?.ok ?? false}>
      <Group justify="space-between">
        <Title order={5}>{t('services.form.planTitle')}</Title>
        {!fresh ? <Loader size="xs" data-testid="service-plan-loading" /> : null}
      </Group>
      {planError ? <ErrorAlert error={planError} title={t('services.form.planFailed')} testId="service-plan-error" /> : null}
      {issues.length > 0 ? (
        <Alert color="red" variant="light" icon={<IconAlert size={16} />} title={t('services.form.issuesTitle', { count: issues.length })} data-testid="service-plan-issues">
          <Stack gap={2}>
            {issues.map((issue) => (
              <Text key={`${issue.path}:${issue.message}`} size="xs" data-testid="service-plan-issue" data-path={issue.path}>
                <Code fz="xs">{issue.path}</Code> {issue.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
      {serviceId && plan ? <SpecDiff changes={plan.changes} restarts={plan.restarts} /> : null}
      {edit && edit.untouched.length > 0 ? (
        <Text size="xs" c="dimmed" data-testid="service-untouched">
          {t('services.form.untouched', { fields: edit.untouched.join(', ') })}
        </Text>
      ) : null}
      {plan ? <CliEquivalent command={plan.cli} testId="service-form-cli" /> : null}
      {submitError ? <ErrorAlert error={submitError} title={serviceId ? t('services.form.updateFailed') : t('services.form.createFailed')} testId="service-submit-error" /> : null}
      <Group justify="flex-end">
        <Button onClick={() => void submitServiceForm(api, clusterId)} disabled={!canSubmit} loading={submitting} data-testid="service-submit">
          {serviceId ? t('services.form.apply') : t('services.form.create')}
        </Button>
      </Group>
      {nothingChanged ? (
        <Text size="xs" c="dimmed" data-testid="service-nothing-changed">
          {t('services.form.nothingChanged')}
        </Text>
      ) : null}
      <Title order={6}>{t('services.form.placementTitle')}</Title>
      {plan?.placement ? (
        <div data-testid="service-form-placement">
          <PlanView
            plan={plan.placement}
            before={null}
            nodes={nodes}
            draft
            showConstraintIssues
            onEditLabels={(nodeId) => {
              const node = nodes?.[nodeId]
              if (node) openLabelEditor([node])
            }}
          />
        </div>
      ) : (
        <Text size="xs" c="dimmed">
          {t('services.form.placementUnavailable')}
        </Text>
      )}
    </Stack>
  )
}

function SpecDiff({ changes, restarts }: { changes: { path: string; before: string | null; after: string | null; effect: string }[]; restarts: boolean }): ReactNode {
  const { t } = useTranslation()
  if (changes.length === 0) return null
  return (
    <Stack gap={4} data-testid="service-diff" data-restarts={restarts}>
      <Group gap={6}>
        <Text size="sm" fw={600}>
          {t('services.form.diffTitle', { count: changes.length })}
        </Text>
        <Badge color={restarts ? 'orange' : 'teal'} variant="light" radius="sm" tt="none" data-testid="service-diff-restarts">
          {restarts ? t('services.form.restarts') : t('services.form.noRestart')}
        </Badge>
      </Group>
      <Table withTableBorder fz="xs" verticalSpacing={2}>
        <Table.Tbody>
          {changes.map((change) => (
            <Table.Tr key={change.path} data-testid="service-diff-row" data-path={change.path} data-effect={change.effect}>
              <Table.Td>
                <Code fz="xs">{change.path}</Code>
              </Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>
                <Text span size="xs" c="red">
                  {change.before ?? t('services.form.absent')}
                </Text>
                {' → '}
                <Text span size="xs" c="teal">
                  {change.after ?? t('services.form.absent')}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{change.effect === 'restart' ? <Badge size="xs" color="orange" variant="outline">{t('services.form.restartsTasks')}</Badge> : change.effect === 'placement' ? <Badge size="xs" variant="outline">{t('services.form.placementEffect')}</Badge> : null}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}

/**
 * A textarea editing a list, one entry per line; keeps what is typed (blank lines too). Mounted
 * with the form, so it starts from the prefilled draft; only the user changes it afterwards.
 */
function ListTextarea({ label, description, value, onChange, errors, placeholder, testId, mono = true }: { label: string; description?: string; value: readonly string[]; onChange: (list: string[]) => void; errors: string[]; placeholder?: string; testId: string; mono?: boolean }): ReactNode {
  const [text, setText] = useState(() => listToLines(value))
  return (
    <Textarea
      label={label}
      description={description}
      placeholder={placeholder}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value)
        onChange(linesToList(event.currentTarget.value))
      }}
      autosize
      minRows={2}
      maxRows={8}
      spellCheck={false}
      error={errors.length ? errors.join('\n') : undefined}
      styles={mono ? { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } : undefined}
      data-testid={testId}
    />
  )
}

const num = (value: string | number, fallback = 0): number => (typeof value === 'number' ? value : value === '' ? fallback : Number(value) || fallback)
const errorText = (issues: readonly WordedIssue[], path: string): string | undefined => {
  const found = issuesAt(issues, path)
  return found.length ? found.join('; ') : undefined
}

function DraftFields({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const draft = useServiceFormStore((s) => s.draft)
  const patch = useServiceFormStore((s) => s.patch)
  const serviceId = useServiceFormStore((s) => s.serviceId)
  const issues = useWordedIssues()
  const networks = useModelField(clusterId, 'networks')
  const secrets = useModelField(clusterId, 'secrets')
  const configs = useModelField(clusterId, 'configs')
  const networkNames = useMemo(() => Object.values(networks ?? {}).filter((n) => n.scope === 'swarm' && !n.ingress).map((n) => n.name).sort(), [networks])
  const secretNames = useMemo(() => Object.values(secrets ?? {}).map((s) => s.name).sort(), [secrets])
  const configNames = useMemo(() => Object.values(configs ?? {}).map((c) => c.name).sort(), [configs])

  return (
    <Stack gap="sm" data-testid="service-fields">
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label={t('services.form.name')} value={draft.name} onChange={(e) => patch({ name: e.currentTarget.value })} disabled={serviceId !== null} error={errorText(issues, 'name')} spellCheck={false} data-testid="service-name" />
        <TextInput label={t('services.form.image')} placeholder="nginx:1.27" value={draft.image} onChange={(e) => patch({ image: e.currentTarget.value })} error={errorText(issues, 'image')} spellCheck={false} data-testid="service-image" />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('services.form.mode')}
          </Text>
          <SegmentedControl
            value={draft.mode}
            onChange={(value) => patch({ mode: value === 'global' ? 'global' : 'replicated' })}
            data={[
              { value: 'replicated', label: t('services.mode.replicated') },
              { value: 'global', label: t('services.mode.global') }
            ]}
            data-testid="service-mode"
          />
          {errorText(issues, 'mode') ? (
            <Text size="xs" c="red" data-testid="service-mode-error">
              {errorText(issues, 'mode')}
            </Text>
          ) : null}
        </Stack>
        <NumberInput
          label={t('services.form.replicas')}
          min={0}
          max={100_000}
          allowDecimal={false}
          allowNegative={false}
          value={draft.mode === 'replicated' ? draft.replicas : ''}
          placeholder={draft.mode === 'global' ? t('services.form.globalReplicas') : undefined}
          disabled={draft.mode === 'global'}
          onChange={(value) => patch({ replicas: num(value) })}
          error={errorText(issues, 'replicas')}
          data-testid="service-form-replicas"
        />
      </SimpleGrid>

      <Accordion multiple defaultValue={['ports', 'placement']} variant="separated">
        <Section value="ports" title={t('services.form.sections.ports', { count: draft.ports.length })}>
          <PortRows ports={draft.ports} issues={issues} onChange={(ports) => patch({ ports })} />
        </Section>

        <Section value="env" title={t('services.form.sections.env', { count: draft.env.length + draft.labels.length })}>
          <Stack gap="sm">
            <ListTextarea label={t('services.form.env')} description={t('services.form.envHint')} placeholder="LOG_LEVEL=info" value={draft.env} onChange={(env) => patch({ env })} errors={lineIssues(issues, 'env', draft.env, listToLines(draft.env))} testId="service-env" />
            <ListTextarea label={t('services.form.labels')} description={t('services.form.labelsHint')} placeholder="team=shop" value={draft.labels} onChange={(labels) => patch({ labels })} errors={lineIssues(issues, 'labels', draft.labels, listToLines(draft.labels))} testId="service-labels" />
          </Stack>
        </Section>

        <Section value="networks" title={t('services.form.sections.networks', { count: draft.networks.length })}>
          <Stack gap="xs">
            {draft.networks.map((network, i) => (
              <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                <Select
                  label={i === 0 ? t('services.form.network') : undefined}
                  data={[...new Set([...networkNames, network.name].filter(Boolean))]}
                  value={network.name || null}
                  onChange={(value) => patch({ networks: replaceAt(draft.networks, i, { ...network, name: value ?? '' }) })}
                  searchable
                  error={errorText(issues, `networks.${i}.name`)}
                  style={{ flex: 1 }}
                  data-testid={`service-network-${i}`}
                />
                <TextInput
                  label={i === 0 ? t('services.form.aliases') : undefined}
                  value={network.aliases.join(', ')}
                  onChange={(e) => patch({ networks: replaceAt(draft.networks, i, { ...network, aliases: e.currentTarget.value.split(',').map((a) => a.trim()).filter(Boolean) }) })}
                  error={errorText(issues, `networks.${i}.aliases`)}
                  style={{ flex: 1 }}
                />
                <RemoveRow onClick={() => patch({ networks: removeAt(draft.networks, i) })} first={i === 0} />
              </Group>
            ))}
            {networkNames.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t('services.form.noNetworks')}
              </Text>
            ) : null}
            <AddRow onClick={() => patch({ networks: [...draft.networks, { name: '', aliases: [] }] })} label={t('services.form.addNetwork')} testId="service-add-network" />
          </Stack>
        </Section>

        <Section value="mounts" title={t('services.form.sections.mounts', { count: draft.mounts.length })}>
          <MountRows mounts={draft.mounts} issues={issues} onChange={(mounts) => patch({ mounts })} />
        </Section>

        <Section value="secrets" title={t('services.form.sections.secrets', { count: draft.secrets.length + draft.configs.length })}>
          <Stack gap="sm">
            <FileRefRows kind="secrets" refs={draft.secrets} names={secretNames} issues={issues} onChange={(secrets) => patch({ secrets })} />
            <FileRefRows kind="configs" refs={draft.configs} names={configNames} issues={issues} onChange={(configs) => patch({ configs })} />
          </Stack>
        </Section>

        <Section value="placement" title={t('services.form.sections.placement', { count: draft.constraints.length + draft.preferences.length })}>
          <Stack gap="sm">
            <ListTextarea label={t('services.form.constraints')} description={t('services.form.constraintsHint')} placeholder={'node.role == worker\nnode.labels.zone == east'} value={draft.constraints} onChange={(constraints) => patch({ constraints })} errors={lineIssues(issues, 'constraints', draft.constraints, listToLines(draft.constraints))} testId="service-constraints" />
            <ListTextarea label={t('services.form.preferences')} description={t('services.form.preferencesHint')} placeholder="node.labels.zone" value={draft.preferences} onChange={(preferences) => patch({ preferences })} errors={lineIssues(issues, 'preferences', draft.preferences, listToLines(draft.preferences))} testId="service-preferences" />
            <NumberInput label={t('services.form.maxPerNode')} description={t('services.form.maxPerNodeHint')} min={0} allowDecimal={false} allowNegative={false} value={draft.maxReplicasPerNode} onChange={(value) => patch({ maxReplicasPerNode: num(value) })} error={errorText(issues, 'maxReplicasPerNode')} data-testid="service-max-per-node" />
          </Stack>
        </Section>

        <Section value="resources" title={t('services.form.sections.resources')}>
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label={t('services.form.limitCpu')} placeholder="1.5" value={draft.limits.cpus} onChange={(e) => patch({ limits: { ...draft.limits, cpus: e.currentTarget.value } })} error={errorText(issues, 'limits.cpus')} data-testid="service-limit-cpu" />
            <TextInput label={t('services.form.limitMemory')} placeholder="512M" value={draft.limits.memory} onChange={(e) => patch({ limits: { ...draft.limits, memory: e.currentTarget.value } })} error={errorText(issues, 'limits.memory')} data-testid="service-limit-memory" />
            <TextInput label={t('services.form.reserveCpu')} placeholder="0.25" value={draft.reservations.cpus} onChange={(e) => patch({ reservations: { ...draft.reservations, cpus: e.currentTarget.value } })} error={errorText(issues, 'reservations.cpus')} data-testid="service-reserve-cpu" />
            <TextInput label={t('services.form.reserveMemory')} placeholder="128M" value={draft.reservations.memory} onChange={(e) => patch({ reservations: { ...draft.reservations, memory: e.currentTarget.value } })} error={errorText(issues, 'reservations.memory')} data-testid="service-reserve-memory" />
          </SimpleGrid>
        </Section>

        <Section value="restart" title={t('services.form.sections.restart')}>
          <SimpleGrid cols={2} spacing="sm">
            <Select label={t('services.form.restartCondition')} data={['any', 'on-failure', 'none']} value={draft.restart.condition} allowDeselect={false} onChange={(value) => patch({ restart: { ...draft.restart, condition: value === 'none' || value === 'on-failure' ? value : 'any' } })} />
            <TextInput label={t('services.form.restartDelay')} placeholder="5s" value={draft.restart.delay} onChange={(e) => patch({ restart: { ...draft.restart, delay: e.currentTarget.value } })} error={errorText(issues, 'restart.delay')} />
            <NumberInput label={t('services.form.restartMaxAttempts')} min={0} allowDecimal={false} value={draft.restart.maxAttempts} onChange={(value) => patch({ restart: { ...draft.restart, maxAttempts: num(value) } })} error={errorText(issues, 'restart.maxAttempts')} />
            <TextInput label={t('services.form.restartWindow')} placeholder="0s" value={draft.restart.window} onChange={(e) => patch({ restart: { ...draft.restart, window: e.currentTarget.value } })} error={errorText(issues, 'restart.window')} />
          </SimpleGrid>
        </Section>

        <Section value="update" title={t('services.form.sections.update')}>
          <PolicyFields policy="update" />
        </Section>
        <Section value="rollback" title={t('services.form.sections.rollback')}>
          <PolicyFields policy="rollback" />
        </Section>

        <Section value="health" title={t('services.form.sections.health')}>
          <HealthFields />
        </Section>
      </Accordion>
    </Stack>
  )
}

/** One collapsible part of the form (its header is what the e2e page object opens). */
function Section({ value, title, children }: { value: string; title: string; children: ReactNode }): ReactNode {
  return (
    <Accordion.Item value={value}>
      <Accordion.Control data-testid={`section-${value}`}>{title}</Accordion.Control>
      <Accordion.Panel>{children}</Accordion.Panel>
    </Accordion.Item>
  )
}

function RemoveRow({ onClick, first }: { onClick: () => void; first: boolean }): ReactNode {
  const { t } = useTranslation()
  return (
    <ActionIcon variant="subtle" color="red" onClick={onClick} aria-label={t('services.form.removeRow')} mt={first ? 26 : 4}>
      ×
    </ActionIcon>
  )
}

function AddRow({ onClick, label, testId }: { onClick: () => void; label: string; testId: string }): ReactNode {
  return (
    <Group>
      <Button size="compact-xs" variant="light" onClick={onClick} data-testid={testId}>
        {label}
      </Button>
    </Group>
  )
}

function PortRows({ ports, issues, onChange }: { ports: ServicePortDraft[]; issues: readonly WordedIssue[]; onChange: (ports: ServicePortDraft[]) => void }): ReactNode {
  const { t } = useTranslation()
  return (
    <Stack gap="xs">
      {ports.map((port, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid={`service-port-${i}`}>
          <NumberInput label={i === 0 ? t('services.form.published') : undefined} placeholder={t('services.form.publishedAuto')} min={1} max={65535} allowDecimal={false} value={port.published ?? ''} onChange={(value) => onChange(replaceAt(ports, i, { ...port, published: value === '' ? null : num(value) }))} error={errorText(issues, `ports.${i}.published`)} style={{ flex: 1 }} data-testid={`service-port-${i}-published`} />
          <NumberInput label={i === 0 ? t('services.form.target') : undefined} min={1} max={65535} allowDecimal={false} value={port.target} onChange={(value) => onChange(replaceAt(ports, i, { ...port, target: num(value) }))} error={errorText(issues, `ports.${i}.target`)} style={{ flex: 1 }} data-testid={`service-port-${i}-target`} />
          <Select label={i === 0 ? t('services.form.protocol') : undefined} data={['tcp', 'udp', 'sctp']} value={port.protocol} allowDeselect={false} onChange={(value) => onChange(replaceAt(ports, i, { ...port, protocol: value === 'udp' || value === 'sctp' ? value : 'tcp' }))} w={90} />
          <Select label={i === 0 ? t('services.form.publishMode') : undefined} data={['ingress', 'host']} value={port.mode} allowDeselect={false} onChange={(value) => onChange(replaceAt(ports, i, { ...port, mode: value === 'host' ? 'host' : 'ingress' }))} w={100} />
          <RemoveRow onClick={() => onChange(removeAt(ports, i))} first={i === 0} />
        </Group>
      ))}
      <AddRow onClick={() => onChange([...ports, { target: 80, published: null, protocol: 'tcp', mode: 'ingress' }])} label={t('services.form.addPort')} testId="service-add-port" />
    </Stack>
  )
}

function MountRows({ mounts, issues, onChange }: { mounts: ServiceMountDraft[]; issues: readonly WordedIssue[]; onChange: (mounts: ServiceMountDraft[]) => void }): ReactNode {
  const { t } = useTranslation()
  return (
    <Stack gap="xs">
      {mounts.map((mount, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
          <Select label={i === 0 ? t('services.form.mountType') : undefined} data={['volume', 'bind', 'tmpfs']} value={mount.type} allowDeselect={false} onChange={(value) => onChange(replaceAt(mounts, i, { ...mount, type: value === 'bind' || value === 'tmpfs' ? value : 'volume' }))} w={100} />
          <TextInput label={i === 0 ? t('services.form.mountSource') : undefined} value={mount.source} disabled={mount.type === 'tmpfs'} onChange={(e) => onChange(replaceAt(mounts, i, { ...mount, source: e.currentTarget.value }))} error={errorText(issues, `mounts.${i}.source`)} style={{ flex: 1 }} />
          <TextInput label={i === 0 ? t('services.form.mountTarget') : undefined} placeholder="/data" value={mount.target} onChange={(e) => onChange(replaceAt(mounts, i, { ...mount, target: e.currentTarget.value }))} error={errorText(issues, `mounts.${i}.target`)} style={{ flex: 1 }} />
          {mount.type === 'tmpfs' ? <TextInput label={i === 0 ? t('services.form.tmpfsSize') : undefined} placeholder="64M" value={mount.tmpfsSize} onChange={(e) => onChange(replaceAt(mounts, i, { ...mount, tmpfsSize: e.currentTarget.value }))} error={errorText(issues, `mounts.${i}.tmpfsSize`)} w={80} /> : null}
          <Checkbox label={t('services.form.readOnly')} checked={mount.readOnly} onChange={(e) => onChange(replaceAt(mounts, i, { ...mount, readOnly: e.currentTarget.checked }))} mt={i === 0 ? 30 : 8} />
          <RemoveRow onClick={() => onChange(removeAt(mounts, i))} first={i === 0} />
        </Group>
      ))}
      <AddRow onClick={() => onChange([...mounts, { type: 'volume', source: '', target: '', readOnly: false, tmpfsSize: '' }])} label={t('services.form.addMount')} testId="service-add-mount" />
    </Stack>
  )
}

function FileRefRows({ kind, refs, names, issues, onChange }: { kind: 'secrets' | 'configs'; refs: ServiceFileRefDraft[]; names: string[]; issues: readonly WordedIssue[]; onChange: (refs: ServiceFileRefDraft[]) => void }): ReactNode {
  const { t } = useTranslation()
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {kind === 'secrets' ? t('services.form.secrets') : t('services.form.configs')}
      </Text>
      {refs.map((ref, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
          <Select label={i === 0 ? t('services.form.refSource') : undefined} data={[...new Set([...names, ref.source].filter(Boolean))]} value={ref.source || null} searchable onChange={(value) => onChange(replaceAt(refs, i, { ...ref, source: value ?? '' }))} error={errorText(issues, `${kind}.${i}.source`)} style={{ flex: 2 }} data-testid={`service-${kind}-${i}-source`} />
          <TextInput label={i === 0 ? t('services.form.refTarget') : undefined} placeholder={ref.source} value={ref.target} onChange={(e) => onChange(replaceAt(refs, i, { ...ref, target: e.currentTarget.value }))} error={errorText(issues, `${kind}.${i}.target`)} style={{ flex: 2 }} data-testid={`service-${kind}-${i}-target`} />
          <TextInput label={i === 0 ? 'uid' : undefined} placeholder="0" value={ref.uid} onChange={(e) => onChange(replaceAt(refs, i, { ...ref, uid: e.currentTarget.value }))} error={errorText(issues, `${kind}.${i}.uid`)} w={60} />
          <TextInput label={i === 0 ? 'gid' : undefined} placeholder="0" value={ref.gid} onChange={(e) => onChange(replaceAt(refs, i, { ...ref, gid: e.currentTarget.value }))} error={errorText(issues, `${kind}.${i}.gid`)} w={60} />
          <TextInput label={i === 0 ? t('services.form.refMode') : undefined} placeholder="0444" value={ref.mode} onChange={(e) => onChange(replaceAt(refs, i, { ...ref, mode: e.currentTarget.value }))} error={errorText(issues, `${kind}.${i}.mode`)} w={70} />
          <RemoveRow onClick={() => onChange(removeAt(refs, i))} first={i === 0} />
        </Group>
      ))}
      {names.length === 0 ? (
        <Text size="xs" c="dimmed">
          {kind === 'secrets' ? t('services.form.noSecrets') : t('services.form.noConfigs')}
        </Text>
      ) : null}
      <AddRow onClick={() => onChange([...refs, { source: '', target: '', uid: '', gid: '', mode: '' }])} label={kind === 'secrets' ? t('services.form.addSecret') : t('services.form.addConfig')} testId={`service-add-${kind}`} />
    </Stack>
  )
}

function PolicyFields({ policy }: { policy: 'update' | 'rollback' }): ReactNode {
  const { t } = useTranslation()
  const value = useServiceFormStore((s) => s.draft[policy])
  const patch = useServiceFormStore((s) => s.patch)
  const issues = useWordedIssues()
  const set = (next: Partial<ServiceDraft['update']>): void => patch({ [policy]: { ...value, ...next } })
  const actions = policy === 'update' ? ['pause', 'continue', 'rollback'] : ['pause', 'continue']
  return (
    <SimpleGrid cols={3} spacing="sm">
      <NumberInput label={t('services.form.parallelism')} description={t('services.form.parallelismHint')} min={0} allowDecimal={false} value={value.parallelism} onChange={(v) => set({ parallelism: num(v) })} error={errorText(issues, `${policy}.parallelism`)} data-testid={`service-${policy}-parallelism`} />
      <TextInput label={t('services.form.delay')} description={t('services.form.durationHint')} placeholder="10s" value={value.delay} onChange={(e) => set({ delay: e.currentTarget.value })} error={errorText(issues, `${policy}.delay`)} data-testid={`service-${policy}-delay`} />
      <Select label={t('services.form.failureAction')} data={actions} value={value.failureAction} allowDeselect={false} onChange={(v) => set({ failureAction: v === 'continue' || v === 'rollback' ? v : 'pause' })} error={errorText(issues, `${policy}.failureAction`)} data-testid={`service-${policy}-failure-action`} />
      <TextInput label={t('services.form.monitor')} description={t('services.form.durationHint')} placeholder="5s" value={value.monitor} onChange={(e) => set({ monitor: e.currentTarget.value })} error={errorText(issues, `${policy}.monitor`)} data-testid={`service-${policy}-monitor`} />
      <NumberInput label={t('services.form.maxFailureRatio')} min={0} max={1} step={0.1} decimalScale={2} value={value.maxFailureRatio} onChange={(v) => set({ maxFailureRatio: num(v) })} error={errorText(issues, `${policy}.maxFailureRatio`)} />
      <Select label={t('services.form.order')} data={[{ value: 'stop-first', label: t('services.policyOrder.stop-first') }, { value: 'start-first', label: t('services.policyOrder.start-first') }]} value={value.order} allowDeselect={false} onChange={(v) => set({ order: v === 'start-first' ? 'start-first' : 'stop-first' })} />
    </SimpleGrid>
  )
}

function HealthFields(): ReactNode {
  const { t } = useTranslation()
  const health = useServiceFormStore((s) => s.draft.healthcheck)
  const patch = useServiceFormStore((s) => s.patch)
  const issues = useWordedIssues()
  const set = (next: Partial<ServiceDraft['healthcheck']>): void => patch({ healthcheck: { ...health, ...next } })
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={health.mode}
        onChange={(v) => set({ mode: v === 'none' || v === 'command' ? v : 'image' })}
        data={[
          { value: 'image', label: t('services.form.healthImage') },
          { value: 'command', label: t('services.form.healthCommand') },
          { value: 'none', label: t('services.form.healthNone') }
        ]}
      />
      {health.mode === 'command' ? (
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label={t('services.form.healthCmd')} placeholder="wget -q -O- http://localhost/ || exit 1" value={health.command} onChange={(e) => set({ command: e.currentTarget.value })} error={errorText(issues, 'healthcheck.command')} style={{ gridColumn: 'span 2' }} />
          <TextInput label={t('services.form.healthInterval')} placeholder="30s" value={health.interval} onChange={(e) => set({ interval: e.currentTarget.value })} error={errorText(issues, 'healthcheck.interval')} />
          <TextInput label={t('services.form.healthTimeout')} placeholder="30s" value={health.timeout} onChange={(e) => set({ timeout: e.currentTarget.value })} error={errorText(issues, 'healthcheck.timeout')} />
          <TextInput label={t('services.form.healthStartPeriod')} placeholder="0s" value={health.startPeriod} onChange={(e) => set({ startPeriod: e.currentTarget.value })} error={errorText(issues, 'healthcheck.startPeriod')} />
          <NumberInput label={t('services.form.healthRetries')} min={0} allowDecimal={false} value={health.retries} onChange={(v) => set({ retries: num(v) })} error={errorText(issues, 'healthcheck.retries')} />
        </SimpleGrid>
      ) : null}
    </Stack>
  )
}

