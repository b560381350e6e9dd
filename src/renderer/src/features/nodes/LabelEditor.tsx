import { useMemo, type CSSProperties, type ReactNode } from 'react'
import { ActionIcon, Alert, Badge, Box, Button, Code, Divider, Drawer, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { errorCodes } from '../../../../shared/errors'
import { useApi } from '../../api/api-context'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconCheck, IconInfo, IconPlus, IconTrash } from '../../components/icons'
import { changedSinceOpened, changeFromRows, isEmptyChange, rowEffect, rowProblems, type LabelRow, type RowProblems } from './label-diff'
import { useLabelEditorStore, type EditedNode, type LabelResult } from './label-editor-store'
import type { LabelProblem } from '../../../../shared/label-rules'
import { summariseEngineLabels, summariseLabels, type LabelSummary } from './label-summary'
import { labelChangeCliForNodes } from './node-cli'
import { IconAll, IconUndo, IconX } from './node-icons'
import { saveLabels } from './nodes-actions'
import { say } from '../../i18n/say'

/**
 * The label editor for one node (its labels as editable rows) or several (each label with how
 * many of them have it). What it sends is the difference the user made, shown first as the
 * docker commands per node; afterwards, what happened on each node. The table itself follows
 * the live mirror.
 */
export function LabelEditor({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const opened = useLabelEditorStore((s) => s.opened)
  const nodes = useLabelEditorStore((s) => s.nodes)
  const busy = useLabelEditorStore((s) => s.busy)
  const results = useLabelEditorStore((s) => s.results)
  const close = useLabelEditorStore((s) => s.close)

  const title = nodes.length === 1 ? t('nodes.labels.titleOne', { node: nodes[0].hostname }) : t('nodes.labels.titleMany', { count: nodes.length })
  return (
    <Drawer
      opened={opened}
      onClose={() => (busy ? undefined : close())}
      position="right"
      size="min(760px, 95vw)"
      title={<Title order={4}>{title}</Title>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? (
        <Stack gap="md" data-testid="label-editor" data-mode={nodes.length === 1 ? 'single' : 'multi'}>
          {nodes.length > 1 ? (
            <Group gap={4} data-testid="label-editor-nodes">
              {nodes.map((n) => (
                <Badge key={n.id} variant="outline" color="gray" radius="sm" tt="none">
                  {n.hostname}
                </Badge>
              ))}
            </Group>
          ) : null}
          {results ? <LabelResults clusterId={clusterId} results={results} /> : <LabelForm clusterId={clusterId} />}
        </Stack>
      ) : null}
    </Drawer>
  )
}

const gridStyle = (multi: boolean): CSSProperties => ({
  display: 'grid',
  gridTemplateColumns: multi ? 'minmax(0, 1fr) minmax(0, 1fr) 56px 64px' : 'minmax(0, 1fr) minmax(0, 1fr) 32px',
  columnGap: 8,
  alignItems: 'start'
})

function LabelForm({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const nodes = useLabelEditorStore((s) => s.nodes)
  const rows = useLabelEditorStore((s) => s.rows)
  const busy = useLabelEditorStore((s) => s.busy)
  const error = useLabelEditorStore((s) => s.error)
  const addRow = useLabelEditorStore((s) => s.addRow)
  const close = useLabelEditorStore((s) => s.close)
  const liveNodes = useModelField(clusterId, 'nodes')

  const multi = nodes.length > 1
  const change = useMemo(() => changeFromRows(rows), [rows])
  const problems = useMemo(() => rowProblems(rows), [rows])
  const summaries = useMemo(() => new Map(summariseLabels(nodes).map((s) => [s.key, s])), [nodes])
  const changedMeanwhile = useMemo(
    () =>
      changedSinceOpened(
        nodes,
        nodes.flatMap((n) => {
          const live = liveNodes?.[n.id]
          return live ? [{ id: live.id, hostname: live.hostname, labels: live.labels }] : []
        })
      ),
    [nodes, liveNodes]
  )
  const empty = isEmptyChange(change)
  const hasProblems = Object.keys(problems).length > 0

  return (
    <>
      <Text size="sm" c="dimmed">
        {multi ? t('nodes.labels.introMany') : t('nodes.labels.intro')}
      </Text>
      {changedMeanwhile.length > 0 ? (
        <Alert color="blue" variant="light" icon={<IconInfo />} p="xs" data-testid="label-live-changed">
          <Text size="sm">{t('nodes.labels.liveChanged', { nodes: changedMeanwhile.join(', ') })}</Text>
        </Alert>
      ) : null}
      <Stack gap={6}>
        <Box style={gridStyle(multi)} c="dimmed">
          <Text size="xs" fw={600} tt="uppercase">
            {t('nodes.labels.key')}
          </Text>
          <Text size="xs" fw={600} tt="uppercase">
            {t('nodes.labels.value')}
          </Text>
          {multi ? (
            <Text size="xs" fw={600} tt="uppercase">
              {t('nodes.labels.onNodes')}
            </Text>
          ) : null}
        </Box>
        {rows.map((row, index) => (
          <LabelRowEditor key={row.id} row={row} index={index} multi={multi} total={nodes.length} summary={row.origin ? summaries.get(row.origin.key) : undefined} problems={problems[row.id]} />
        ))}
        <Group>
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={addRow} data-testid="label-add">
            {t('nodes.labels.add')}
          </Button>
        </Group>
      </Stack>
      <EngineLabels nodes={nodes} />
      <Divider />
      {empty ? (
        <Text size="sm" c="dimmed" data-testid="label-no-change">
          {t('nodes.labels.noChange')}
        </Text>
      ) : (
        <CliEquivalent command={labelChangeCliForNodes(change, nodes.map((n) => n.hostname))} label={multi ? t('nodes.labels.cliLabel') : undefined} testId="label-cli" />
      )}
      {hasProblems ? (
        <Text size="sm" c="red" data-testid="label-fix-problems">
          {t('nodes.labels.fixProblems')}
        </Text>
      ) : null}
      {error ? <ErrorAlert error={error} title={t('nodes.labels.failed')} testId="label-error" /> : null}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={close} disabled={busy} data-testid="label-cancel">
          {t('common.cancel')}
        </Button>
        <Button onClick={() => void saveLabels(api, clusterId)} loading={busy} disabled={empty || hasProblems} data-testid="label-save">
          {t('nodes.labels.save', { count: nodes.length })}
        </Button>
      </Group>
    </>
  )
}

/**
 * The engine labels of the nodes (the ones the Nodes table outlines), read-only: they are set in
 * each daemon's configuration, which `docker node update` cannot change.
 */
function EngineLabels({ nodes }: { nodes: readonly EditedNode[] }): ReactNode {
  const { t } = useTranslation()
  const summaries = useMemo(() => summariseEngineLabels(nodes), [nodes])
  if (summaries.length === 0) return null
  const multi = nodes.length > 1
  return (
    <Stack gap={4} data-testid="label-engine">
      <Text size="xs" fw={600} tt="uppercase" c="dimmed">
        {t('nodes.labels.engineTitle')}
      </Text>
      <Text size="xs" c="dimmed" data-testid="label-engine-note">
        {t('nodes.labels.engineNote', { count: nodes.length })}
      </Text>
      {summaries.map((s) => (
        <Group key={s.key} gap={6} wrap="nowrap" data-testid={`label-engine-row-${s.key}`}>
          <Badge variant="outline" color="gray" radius="sm" tt="none" style={{ flexShrink: 0 }}>
            {s.values.length === 1 ? (s.values[0] === '' ? s.key : `${s.key}=${s.values[0]}`) : s.key}
          </Badge>
          {s.values.length > 1 ? (
            <Text size="xs" c="dimmed">
              {t('nodes.labels.varies', { values: s.values.join(', ') })}
            </Text>
          ) : null}
          {multi ? (
            <Text size="xs" c="dimmed" title={s.hostnames.join(', ')}>
              {t('nodes.labels.coverage', { count: s.hostnames.length, total: nodes.length })}
            </Text>
          ) : null}
        </Group>
      ))}
    </Stack>
  )
}

type RowState = 'unchanged' | 'added' | 'changed' | 'renamed' | 'removed'

function rowState(row: LabelRow): RowState {
  const effect = rowEffect(row)
  if (!row.origin) return effect.add ? 'added' : 'unchanged'
  if (row.removed) return 'removed'
  if (row.key !== row.origin.key) return 'renamed'
  return effect.add ? 'changed' : 'unchanged'
}

interface LabelRowEditorProps {
  row: LabelRow
  index: number
  multi: boolean
  total: number
  summary: LabelSummary | undefined
  problems: RowProblems | undefined
}

function LabelRowEditor({ row, index, multi, total, summary, problems }: LabelRowEditorProps): ReactNode {
  const { t } = useTranslation()
  const setKey = useLabelEditorStore((s) => s.setKey)
  const setValue = useLabelEditorStore((s) => s.setValue)
  const setOnAll = useLabelEditorStore((s) => s.setOnAll)
  const toggleRemove = useLabelEditorStore((s) => s.toggleRemove)
  const serverIssues = useLabelEditorStore((s) => s.rowIssues[row.id])

  const problemText = (problem: LabelProblem | undefined) => (problem ? t(`nodes.labels.problems.${problem.code}` as const, problem.params) : null)
  const state = rowState(row)
  const handle = row.origin?.key ?? row.key
  const differs = row.origin !== null && row.origin.value === null
  const partial = row.origin !== null && row.origin.count < total
  const keyError = problemText(problems?.key) ?? (serverIssues ? serverIssues.join(' ') : null)
  const valueError = problemText(problems?.value)
  // Renaming a key across nodes whose values differ has no single meaning: keys are fixed there.
  const keyFixed = multi && row.origin !== null
  const struck: CSSProperties | undefined = row.removed ? { textDecoration: 'line-through', opacity: 0.6 } : undefined

  let note: string | null = null
  if (keyError || valueError) note = null
  else if (state === 'removed') note = t('nodes.labels.willRemove', { count: total })
  else if (state === 'added') note = t('nodes.labels.willAdd', { count: total })
  else if (state === 'renamed') note = t('nodes.labels.willRename', { key: row.origin?.key ?? '' })
  else if (state === 'changed' && multi) note = row.value === '' ? t('nodes.labels.willSetEmptyOnAll', { count: total }) : t('nodes.labels.willSetOnAll', { count: total })
  else if (multi && differs && summary) note = `${t('nodes.labels.valuesDiffer')}: ${summary.values.map((v) => JSON.stringify(v)).join(', ')}`

  return (
    <Stack gap={2} data-testid={`label-row-${handle}`} data-state={state} data-row-index={index}>
      <Box style={gridStyle(multi)}>
        <TextInput
          size="sm"
          value={row.key}
          onChange={(event) => setKey(row.id, event.currentTarget.value)}
          placeholder={t('nodes.labels.keyPlaceholder')}
          aria-label={t('nodes.labels.key')}
          readOnly={row.removed || keyFixed}
          variant={keyFixed ? 'filled' : 'default'}
          error={keyError}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', ...struck } }}
          autoFocus={row.origin === null && row.key === '' && index > 0}
          data-testid={`label-key-${index}`}
        />
        <TextInput
          size="sm"
          value={row.value}
          onChange={(event) => setValue(row.id, event.currentTarget.value)}
          placeholder={differs && summary ? t('nodes.labels.varies', { values: summary.values.join(', ') }) : t('nodes.labels.valuePlaceholder')}
          aria-label={t('nodes.labels.value')}
          readOnly={row.removed}
          error={valueError}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', ...struck } }}
          data-testid={`label-value-${index}`}
        />
        {multi ? (
          <Box pt={6}>
            {row.origin && summary ? (
              <Tooltip label={t('nodes.labels.coverageHint', { nodes: summary.hostnames.join(', ') })} withArrow>
                <Badge variant={partial ? 'outline' : 'light'} color={differs ? 'orange' : partial ? 'blue' : 'gray'} radius="sm" data-testid={`label-coverage-${handle}`}>
                  {t('nodes.labels.coverage', { count: row.origin.count, total })}
                </Badge>
              </Tooltip>
            ) : null}
          </Box>
        ) : null}
        <Group gap={4} wrap="nowrap" justify="flex-end" pt={4}>
          {multi && row.origin && !row.removed && (row.setOnAll || (partial && !differs)) ? (
            <Tooltip label={row.setOnAll ? t('nodes.labels.setOnAllOff') : t('nodes.labels.setOnAll')} withArrow>
              <ActionIcon
                variant={row.setOnAll ? 'filled' : 'subtle'}
                color="blue"
                aria-pressed={row.setOnAll}
                aria-label={t('nodes.labels.setOnAll')}
                onClick={() => setOnAll(row.id, !row.setOnAll)}
                data-testid={`label-setall-${handle}`}
              >
                <IconAll size={14} />
              </ActionIcon>
            </Tooltip>
          ) : null}
          {row.removed ? (
            <Tooltip label={t('nodes.labels.restore', { key: handle })} withArrow>
              <ActionIcon variant="subtle" color="blue" aria-label={t('nodes.labels.restore', { key: handle })} onClick={() => toggleRemove(row.id)} data-testid={`label-restore-${handle}`}>
                <IconUndo size={14} />
              </ActionIcon>
            </Tooltip>
          ) : (
            <Tooltip label={row.origin ? t('nodes.labels.remove', { key: handle }) : t('nodes.labels.removeRow')} withArrow>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={row.origin ? t('nodes.labels.remove', { key: handle }) : t('nodes.labels.removeRow')}
                onClick={() => toggleRemove(row.id)}
                data-testid={`label-remove-${handle}`}
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Box>
      {note ? (
        <Text size="xs" c={state === 'removed' ? 'red' : state === 'unchanged' ? 'dimmed' : 'blue'} data-testid="label-row-note">
          {note}
        </Text>
      ) : null}
    </Stack>
  )
}

function LabelResults({ clusterId, results }: { clusterId: string; results: LabelResult[] }): ReactNode {
  const { t } = useTranslation()
  const nodes = useLabelEditorStore((s) => s.nodes)
  const open = useLabelEditorStore((s) => s.open)
  const close = useLabelEditorStore((s) => s.close)
  const liveNodes = useModelField(clusterId, 'nodes')
  const ok = results.filter((r) => r.ok).length

  const editAgain = (): void => {
    // Start again from the labels the nodes have now (the mirror has the saved ones by then).
    const current: EditedNode[] = nodes.map((n) => {
      const live = liveNodes?.[n.id]
      return live ? { id: live.id, hostname: live.hostname, labels: live.labels } : n
    })
    open(current)
  }

  return (
    <Stack gap="sm" data-testid="label-results">
      <Text fw={600} size="sm">
        {t('nodes.labels.results.summary', { ok, count: results.length })}
      </Text>
      {results.map((result) => (
        <Stack key={result.nodeId} gap={4} data-testid={`label-result-${result.hostname}`} data-ok={result.ok} data-changed={result.changed} data-attempts={result.attempts}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Box c={result.ok ? 'teal' : 'red'} pt={2}>
              {result.ok ? <IconCheck size={16} /> : <IconX size={16} />}
            </Box>
            <Text size="sm" fw={600}>
              {result.hostname}
            </Text>
            <Text size="sm" c={result.ok ? undefined : 'red'} style={{ flex: 1 }} data-testid="label-result-message">
              {resultMessage(t, result)}
            </Text>
          </Group>
          <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {result.cli}
          </Code>
        </Stack>
      ))}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={editAgain} data-testid="label-edit-again">
          {t('nodes.labels.results.editAgain')}
        </Button>
        <Button onClick={close} data-testid="label-close">
          {t('nodes.labels.results.close')}
        </Button>
      </Group>
    </Stack>
  )
}

// TFunction, not ReturnType<typeof useTranslation>['t']: with a large catalogue the latter
// exceeds TypeScript's instantiation depth.
type T = TFunction

function resultMessage(t: T, result: LabelResult): string {
  if (!result.ok) {
    const error = result.error
    if (!error) return t('nodes.labels.results.failed')
    const known = (errorCodes as readonly string[]).includes(error.code) ? t(`errors.${error.code as (typeof errorCodes)[number]}` as const) : ''
    return [t('nodes.labels.results.failed'), known, error.said ? say(t, error.said) : error.message].filter(Boolean).join(' — ')
  }
  if (!result.changed) return t('nodes.labels.results.unchanged')
  if (result.attempts > 1) return t('nodes.labels.results.retried', { count: result.attempts - 1 })
  return t('nodes.labels.results.updated')
}
