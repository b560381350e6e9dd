import { useMemo, type ReactNode } from 'react'
import { ActionIcon, Alert, Autocomplete, Badge, Button, Divider, Group, List, Loader, Select, Stack, Text, TextInput, Textarea, Tooltip } from '@mantine/core'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Service, SwarmNode } from '../../../../shared/domain'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconAlert, IconInfo, IconPlus, IconTrash } from '../../components/icons'
import { say } from '../../i18n/say'
import type { Worded } from '../../../../shared/phrase'
import { IconTag } from '../nodes/node-icons'
import { textLines } from './draft-model'
import type { MatrixRow } from './matrix-model'
import { openLabelEditorWithChanges } from './placement-actions'
import { IconArrowRight } from './placement-icons'
import { usePlanResultsStore } from './plan-results-store'
import { changesCli, isAlreadyLive, labelApplyGroups, taskShifts, type NodeFacts, type ServiceFacts, type WhatIfChange } from './whatif-changes'
import { useWhatIfStore, type ChangeDraft, type ChangeKind } from './whatif-store'

const kinds: readonly ChangeKind[] = ['labelAdd', 'labelRemove', 'availability', 'nodeState', 'constraints']

const byHostname = (a: SwarmNode, b: SwarmNode): number => a.hostname.localeCompare(b.hostname, undefined, { numeric: true })

/**
 * Hypothetical changes, and what they would do to every service: who loses every node, whose
 * tasks move where, who gets pending tasks. Nothing here touches the cluster; label changes can
 * then be made for real through the label editor (which plans, then applies).
 */
export function WhatIfPanel({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const nodes = useModelField(clusterId, 'nodes')
  const services = useModelField(clusterId, 'services')
  const changes = useWhatIfStore((s) => s.changes)
  const removeAt = useWhatIfStore((s) => s.removeAt)
  const clear = useWhatIfStore((s) => s.clear)
  const slot = usePlanResultsStore((s) => s.matrix)

  const nodeFacts: Readonly<Record<string, NodeFacts>> = useMemo(() => nodes ?? {}, [nodes])
  const serviceFacts: Readonly<Record<string, ServiceFacts>> = useMemo(() => services ?? {}, [services])
  const groups = useMemo(() => labelApplyGroups(changes, nodeFacts, serviceFacts), [changes, nodeFacts, serviceFacts])
  const cli = useMemo(() => changesCli(changes, nodeFacts, serviceFacts), [changes, nodeFacts, serviceFacts])
  // The answer on screen is for the current list only once the matrix was planned with it.
  const matrix = slot.result && slot.result.changes === changes ? slot.result.matrix : null

  return (
    <Stack gap="sm" data-testid="whatif-panel" data-changes={changes.length}>
      <Alert color="blue" variant="light" p="xs" icon={<IconInfo />}>
        <Text size="sm">{t('placement.whatif.intro')}</Text>
      </Alert>
      <ChangeForm nodes={nodes} services={services} />

      {changes.length > 0 ? (
        <Stack gap={4} data-testid="whatif-changes">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t('placement.whatif.listTitle', { count: changes.length })}
            </Text>
            <Button size="compact-xs" variant="subtle" color="gray" onClick={clear} data-testid="whatif-clear">
              {t('placement.whatif.clear')}
            </Button>
          </Group>
          {changes.map((change, index) => {
            const live = isAlreadyLive(change, nodeFacts, serviceFacts)
            return (
              <Group key={`${change.kind}-${index}`} gap={6} wrap="nowrap" justify="space-between" data-testid={`whatif-change-${index}`} data-kind={change.kind} data-live={live}>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {describeChange(t, change, nodes, services)}
                  {live ? (
                    <Badge ml={6} size="xs" variant="outline" color="gray" radius="sm" tt="none">
                      {t('placement.whatif.alreadyLive')}
                    </Badge>
                  ) : null}
                </Text>
                <Tooltip label={t('placement.whatif.remove')} withArrow>
                  <ActionIcon variant="subtle" color="red" size="sm" onClick={() => removeAt(index)} aria-label={t('placement.whatif.remove')} data-testid={`whatif-change-remove-${index}`}>
                    <IconTrash size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            )
          })}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" data-testid="whatif-empty">
          {t('placement.whatif.empty')}
        </Text>
      )}

      {changes.length > 0 ? (
        <>
          <Divider />
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t('placement.whatif.resultTitle')}
            </Text>
            {slot.loading || !matrix ? <Loader size="xs" data-testid="whatif-loading" /> : null}
          </Group>
          {slot.error ? <ErrorAlert error={slot.error} title={t('placement.planFailed')} testId="whatif-error" /> : null}
          {matrix ? <WhatIfResults matrix={matrix} /> : null}
          <CliEquivalent command={cli} label={t('placement.whatif.cli')} testId="whatif-cli" />
          {groups.length > 0 ? (
            <Stack gap={4} data-testid="whatif-apply">
              <Text size="xs" c="dimmed">
                {t('placement.whatif.applyHint')}
              </Text>
              {groups.map((group, index) => {
                const names = group.nodeIds.map((id) => nodes?.[id]?.hostname ?? id).join(', ')
                return (
                  <Group key={group.nodeIds.join(',')}>
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconTag size={14} />}
                      onClick={() => nodes && openLabelEditorWithChanges(group, nodes)}
                      data-testid={groups.length === 1 ? 'whatif-apply-labels' : `whatif-apply-labels-${index}`}
                    >
                      {t('placement.whatif.applyLabels', { nodes: names })}
                    </Button>
                  </Group>
                )
              })}
            </Stack>
          ) : null}
        </>
      ) : null}
    </Stack>
  )
}

// TFunction, not ReturnType<typeof useTranslation>['t']: with a large catalogue the latter
// exceeds TypeScript's instantiation depth.
type T = TFunction

function describeChange(t: T, change: WhatIfChange, nodes: Record<string, SwarmNode> | null, services: Record<string, Service> | null): string {
  if (change.kind === 'constraints') {
    const name = services?.[change.service]?.name ?? change.service
    return change.constraints.length === 0
      ? t('placement.whatif.describe.constraintsNone', { service: name })
      : t('placement.whatif.describe.constraints', { service: name, constraints: change.constraints.join(', ') })
  }
  const node = nodes?.[change.nodeId]?.hostname ?? change.nodeId
  switch (change.kind) {
    case 'labelAdd':
      return t('placement.whatif.describe.labelAdd', { node, label: `${change.key}=${change.value}` })
    case 'labelRemove':
      return t('placement.whatif.describe.labelRemove', { node, key: change.key })
    case 'availability':
      return t('placement.whatif.describe.availability', { node, availability: t(`status.${change.availability}` as const) })
    case 'nodeState':
      return t('placement.whatif.describe.nodeState', { node, state: t(`status.${change.state}` as const) })
  }
}

/** The builder of one change: a kind, then the fields that kind needs. */
function ChangeForm({ nodes, services }: { nodes: Record<string, SwarmNode> | null; services: Record<string, Service> | null }): ReactNode {
  const { t } = useTranslation()
  const draft = useWhatIfStore((s) => s.draft)
  const setDraft = useWhatIfStore((s) => s.setDraft)
  const add = useWhatIfStore((s) => s.add)

  const nodeOptions = useMemo(() => Object.values(nodes ?? {}).sort(byHostname).map((n) => ({ value: n.id, label: n.hostname })), [nodes])
  const serviceOptions = useMemo(
    () =>
      Object.values(services ?? {})
        .map((s) => ({ value: s.id, label: s.name }))
        .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true })),
    [services]
  )
  const node = draft.nodeId ? nodes?.[draft.nodeId] : undefined
  const labelKeys = useMemo(() => Object.keys(node?.labels ?? {}).sort(), [node])
  const change = changeOf(draft, node)

  const pickService = (serviceId: string | null): void => {
    const service = serviceId ? services?.[serviceId] : undefined
    setDraft({ serviceId, constraintsText: service ? service.constraints.join('\n') : '' })
  }

  return (
    <Stack gap="xs" data-testid="whatif-form">
      <Select
        label={t('placement.whatif.kind')}
        data={kinds.map((kind) => ({ value: kind, label: t(`placement.whatif.kinds.${kind}` as const) }))}
        value={draft.kind}
        onChange={(value) => value && setDraft({ kind: value as ChangeKind })}
        allowDeselect={false}
        data-testid="whatif-kind"
      />
      <Group gap="xs" grow align="flex-start">
        {draft.kind === 'constraints' ? (
          <Select
            label={t('placement.whatif.service')}
            placeholder={t('placement.whatif.pickService')}
            data={serviceOptions}
            value={draft.serviceId}
            onChange={pickService}
            searchable
            limit={100}
            data-testid="whatif-service"
          />
        ) : (
          <Select
            label={t('placement.whatif.node')}
            placeholder={t('placement.whatif.pickNode')}
            data={nodeOptions}
            value={draft.nodeId}
            onChange={(value) => setDraft({ nodeId: value })}
            searchable
            data-testid="whatif-node"
          />
        )}
      </Group>
      {draft.kind === 'labelAdd' ? (
        <Group gap="xs" grow align="flex-start">
          <Autocomplete
            label={t('placement.whatif.key')}
            placeholder="zone"
            data={labelKeys}
            value={draft.key}
            onChange={(key) => setDraft({ key })}
            spellCheck={false}
            data-testid="whatif-key"
          />
          <TextInput label={t('placement.whatif.value')} placeholder="east" value={draft.value} onChange={(event) => setDraft({ value: event.currentTarget.value })} spellCheck={false} data-testid="whatif-value" />
        </Group>
      ) : null}
      {draft.kind === 'labelRemove' ? (
        <Select
          label={t('placement.whatif.key')}
          placeholder={node ? (labelKeys.length ? t('placement.whatif.pickLabel') : t('placement.whatif.noLabels')) : t('placement.whatif.pickNodeFirst')}
          data={labelKeys}
          value={labelKeys.includes(draft.key) ? draft.key : null}
          onChange={(key) => setDraft({ key: key ?? '' })}
          disabled={labelKeys.length === 0}
          searchable
          data-testid="whatif-label"
        />
      ) : null}
      {draft.kind === 'availability' ? (
        <Select
          label={t('placement.whatif.availability')}
          data={(['active', 'pause', 'drain'] as const).map((value) => ({ value, label: t(`status.${value}` as const) }))}
          value={draft.availability}
          onChange={(value) => value && setDraft({ availability: value as ChangeDraft['availability'] })}
          allowDeselect={false}
          data-testid="whatif-availability"
        />
      ) : null}
      {draft.kind === 'nodeState' ? (
        <Select
          label={t('placement.whatif.state')}
          data={(['down', 'disconnected', 'unknown', 'ready'] as const).map((value) => ({ value, label: t(`status.${value}` as const) }))}
          value={draft.state}
          onChange={(value) => value && setDraft({ state: value as ChangeDraft['state'] })}
          allowDeselect={false}
          data-testid="whatif-state"
        />
      ) : null}
      {draft.kind === 'constraints' ? (
        <Textarea
          label={t('placement.whatif.constraints')}
          description={t('placement.whatif.constraintsHint')}
          value={draft.constraintsText}
          onChange={(event) => setDraft({ constraintsText: event.currentTarget.value })}
          autosize
          minRows={2}
          maxRows={8}
          spellCheck={false}
          disabled={!draft.serviceId}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="whatif-constraints"
        />
      ) : null}
      <Group justify="flex-end">
        <Button size="xs" leftSection={<IconPlus size={14} />} disabled={!change} onClick={() => change && add(change)} data-testid="whatif-add-change">
          {t('placement.whatif.add')}
        </Button>
      </Group>
    </Stack>
  )
}

/** The change the form describes, or null while it is incomplete. */
function changeOf(draft: ChangeDraft, node: SwarmNode | undefined): WhatIfChange | null {
  switch (draft.kind) {
    case 'labelAdd':
      return node && draft.key.trim() !== '' ? { kind: 'labelAdd', nodeId: node.id, key: draft.key.trim(), value: draft.value } : null
    case 'labelRemove':
      return node && draft.key in node.labels ? { kind: 'labelRemove', nodeId: node.id, key: draft.key } : null
    case 'availability':
      return node ? { kind: 'availability', nodeId: node.id, availability: draft.availability } : null
    case 'nodeState':
      return node ? { kind: 'nodeState', nodeId: node.id, state: draft.state } : null
    case 'constraints':
      return draft.serviceId ? { kind: 'constraints', service: draft.serviceId, constraints: textLines(draft.constraintsText).map((line) => line.text) } : null
  }
}

function WhatIfResults({ matrix }: { matrix: { services: MatrixRow[]; summary: Worded[]; errors: Worded[] } }): ReactNode {
  const { t } = useTranslation()
  const impacted = matrix.services.filter((row) => row.impact)
  const refused = impacted.filter((row) => row.impact?.refused)
  const losesAll = impacted.filter((row) => row.impact?.losesAllNodes && !row.impact.refused)
  const moving = impacted.filter((row) => row.impact && !row.impact.refused && !row.impact.losesAllNodes && (row.impact.movedTasks > 0 || row.impact.newlyPending > 0))

  return (
    <Stack gap="sm">
      {matrix.errors.length > 0 ? (
        <Alert color="yellow" variant="light" p="xs" data-testid="whatif-errors">
          <Text size="sm">{t('placement.whatif.ignored', { errors: matrix.errors.map((error) => say(t, error.said)).join('; ') })}</Text>
        </Alert>
      ) : null}
      <Stack gap={2} data-testid="whatif-summary" data-lines={matrix.summary.length}>
        {matrix.summary.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('placement.whatif.noEffect')}
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {matrix.summary.map((line) => (
              <List.Item key={line.message} data-testid="whatif-summary-line">
                {say(t, line.said)}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
      {refused.length > 0 ? (
        <Alert color="red" variant="light" p="xs" icon={<IconAlert />} title={t('placement.whatif.refusedTitle')} data-testid="whatif-refused">
          {refused.map((row) => (
            <Text key={row.serviceId} size="sm">
              <b>{row.name}</b>: {row.impact?.refusedSaid ? say(t, row.impact.refusedSaid) : row.impact?.refused}
            </Text>
          ))}
        </Alert>
      ) : null}
      {losesAll.length > 0 ? (
        <Alert color="red" variant="filled" p="xs" icon={<IconAlert />} title={t('placement.whatif.losesAllTitle', { count: losesAll.length })} data-testid="whatif-loses-all">
          {losesAll.map((row) => (
            <Text key={row.serviceId} size="sm" data-testid={`whatif-loses-all-${row.name}`}>
              <b>{row.name}</b> — {row.pendingTasks > 0 ? t('placement.whatif.pendingAfter', { count: row.pendingTasks }) : t('placement.whatif.noNewTask')}
            </Text>
          ))}
        </Alert>
      ) : null}
      {moving.length > 0 ? (
        <Stack gap={6} data-testid="whatif-moves">
          <Text size="sm" fw={600}>
            {t('placement.whatif.movesTitle', { count: moving.length })}
          </Text>
          {moving.map((row) => {
            const impact = row.impact
            if (!impact) return null
            const shifts = taskShifts(impact.moves)
            return (
              <Stack
                key={row.serviceId}
                gap={2}
                data-testid={`whatif-move-${row.name}`}
                data-from={shifts.from.map((s) => s.hostname).join(',')}
                data-to={shifts.to.map((s) => s.hostname).join(',')}
                data-moved={impact.movedTasks}
                data-newly-pending={impact.newlyPending}
              >
                <Group gap={6} wrap="wrap">
                  <Text size="sm" fw={600}>
                    {row.name}
                  </Text>
                  <Text size="sm">{shifts.from.map((s) => t('placement.whatif.shiftFrom', { node: s.hostname, count: s.count })).join(', ') || t('common.none')}</Text>
                  <IconArrowRight size={14} />
                  <Text size="sm">{shifts.to.map((s) => t('placement.whatif.shiftTo', { node: s.hostname, count: s.count })).join(', ') || t('placement.whatif.nowhere')}</Text>
                </Group>
                {impact.newlyPending > 0 ? (
                  <Text size="xs" c="orange.7" data-testid="whatif-pending">
                    {t('placement.whatif.newlyPending', { count: impact.newlyPending })}
                  </Text>
                ) : null}
              </Stack>
            )
          })}
        </Stack>
      ) : null}
    </Stack>
  )
}
