import { useMemo, type ReactNode } from 'react'
import { Alert, Button, Code, Group, Loader, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconAlert } from '../../components/icons'
import { say } from '../../i18n/say'
import { constraintLineIssues, draftCli, draftFromForm, draftModes, replaceConstraintLine, takesReplicas, type ConstraintLineIssue, type DraftMode } from './draft-model'
import { useDraftStore } from './draft-store'
import { openLabelEditor } from './placement-actions'
import { usePlanResultsStore } from './plan-results-store'
import { PlanView } from './PlanView'
import classes from './placement.module.css'

/**
 * Plan a service that does not exist yet: the form on the left (with its `docker service create`
 * line), the planner's answer on the right, updated as the user types.
 */
export function DraftPlanner({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const nodes = useModelField(clusterId, 'nodes')
  const slot = usePlanResultsStore((s) => s.draft)
  const form = useDraftStore((s) => s.form)

  return (
    <div className={classes.draftSplit}>
      <div className={classes.scroll}>
        <DraftForm />
      </div>
      <div className={classes.scroll}>
        <Stack gap="sm" data-testid="draft-plan" data-loading={slot.loading} pr={4}>
          <Group justify="space-between">
            <Title order={5}>{t('placement.draft.resultTitle')}</Title>
            {slot.loading ? <Loader size="xs" data-testid="draft-plan-loading" /> : null}
          </Group>
          {slot.error ? <ErrorAlert error={slot.error} title={t('placement.planFailed')} testId="draft-plan-error" /> : null}
          {slot.result ? (
            <PlanView
              plan={slot.result.plan}
              before={null}
              nodes={nodes}
              draft
              showConstraintIssues={false}
              onEditLabels={(nodeId) => {
                const node = nodes?.[nodeId]
                if (node) openLabelEditor([node])
              }}
            />
          ) : !slot.error ? (
            <Group gap="xs" c="dimmed">
              <Loader size="xs" />
              <Text size="sm">{t('placement.planning')}</Text>
            </Group>
          ) : null}
          <Text size="xs" c="dimmed">
            {form.constraintsText.trim() === '' ? t('placement.draft.noConstraintHint') : t('placement.draft.freshHint')}
          </Text>
        </Stack>
      </div>
    </div>
  )
}

function DraftForm(): ReactNode {
  const { t } = useTranslation()
  const form = useDraftStore((s) => s.form)
  const setField = useDraftStore((s) => s.setField)
  const reset = useDraftStore((s) => s.reset)
  const result = usePlanResultsStore((s) => s.draft.result)

  const request = useMemo(() => draftFromForm(form), [form])
  const cli = useMemo(() => draftCli(form), [form])
  const issues = useMemo(() => (result ? constraintLineIssues(result.plan, result.constraintLines) : []), [result])
  const hasErrors = issues.some((issue) => issue.level === 'error')
  const replicas = takesReplicas(form.mode)

  return (
    <Stack gap="sm" data-testid="draft-form" pr={4}>
      <Text size="sm" c="dimmed">
        {t('placement.draft.intro')}
      </Text>
      <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
        <TextInput
          label={t('placement.draft.name')}
          placeholder={t('placement.draft.namePlaceholder')}
          value={form.name}
          onChange={(event) => setField('name', event.currentTarget.value)}
          spellCheck={false}
          data-testid="draft-name"
        />
        <Select
          label={t('placement.draft.mode')}
          data={draftModes.map((mode) => ({ value: mode, label: t(`services.mode.${mode}` as const) }))}
          value={form.mode}
          onChange={(value) => value && setField('mode', value as DraftMode)}
          allowDeselect={false}
          data-testid="draft-mode"
        />
        <NumberInput
          label={form.mode === 'replicated-job' ? t('placement.draft.concurrency') : t('placement.draft.replicas')}
          min={0}
          max={100_000}
          allowDecimal={false}
          allowNegative={false}
          value={replicas ? form.replicas : ''}
          placeholder={replicas ? undefined : t('placement.draft.globalReplicas')}
          disabled={!replicas}
          onChange={(value) => setField('replicas', typeof value === 'number' ? value : Number(value) || 0)}
          data-testid="draft-replicas"
        />
        <NumberInput
          label={t('placement.draft.maxPerNode')}
          description={t('placement.draft.maxPerNodeHint')}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          value={form.maxReplicasPerNode}
          onChange={(value) => setField('maxReplicasPerNode', typeof value === 'number' ? value : Number(value) || 0)}
          data-testid="draft-max-per-node"
        />
      </SimpleGrid>

      <Stack gap={4}>
        <Textarea
          label={t('placement.draft.constraints')}
          description={t('placement.draft.constraintsHint')}
          placeholder={'node.role == worker\nnode.labels.zone == east'}
          value={form.constraintsText}
          onChange={(event) => setField('constraintsText', event.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          spellCheck={false}
          error={hasErrors ? true : undefined}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="draft-constraints"
        />
        {issues.length > 0 ? (
          <Stack gap={4} data-testid="draft-constraint-issues">
            {issues.map((issue) => (
              <ConstraintIssueLine key={`${issue.level}-${issue.line}-${issue.message}`} issue={issue} />
            ))}
          </Stack>
        ) : null}
      </Stack>

      <Textarea
        label={t('placement.draft.preferences')}
        description={t('placement.draft.preferencesHint')}
        placeholder="node.labels.zone"
        value={form.preferencesText}
        onChange={(event) => setField('preferencesText', event.currentTarget.value)}
        autosize
        minRows={1}
        maxRows={5}
        spellCheck={false}
        error={request.problems.preferenceLines.length > 0 ? t('placement.draft.preferenceInvalid', { lines: request.problems.preferenceLines.map((l) => l + 1).join(', ') }) : undefined}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        data-testid="draft-preferences"
      />

      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label={t('placement.draft.reserveCpu')}
          placeholder="0.5"
          value={form.reserveCpus}
          onChange={(event) => setField('reserveCpus', event.currentTarget.value)}
          error={request.problems.reserveCpus ? t('placement.draft.reserveCpuInvalid') : undefined}
          spellCheck={false}
          data-testid="draft-reserve-cpu"
        />
        <TextInput
          label={t('placement.draft.reserveMemory')}
          placeholder="512M"
          value={form.reserveMemory}
          onChange={(event) => setField('reserveMemory', event.currentTarget.value)}
          error={request.problems.reserveMemory ? t('placement.draft.reserveMemoryInvalid') : undefined}
          spellCheck={false}
          data-testid="draft-reserve-memory"
        />
      </SimpleGrid>

      <Group justify="flex-end">
        <Button variant="subtle" size="xs" onClick={reset} data-testid="draft-reset">
          {t('placement.draft.reset')}
        </Button>
      </Group>
      <CliEquivalent command={cli} label={t('placement.draft.cli')} testId="draft-cli" />
    </Stack>
  )
}

function ConstraintIssueLine({ issue }: { issue: ConstraintLineIssue }): ReactNode {
  const { t } = useTranslation()
  const setField = useDraftStore((s) => s.setField)
  const fix = issue.fix
  const applyFix = (): void => {
    if (!fix) return
    const text = useDraftStore.getState().form.constraintsText
    setField('constraintsText', replaceConstraintLine(text, issue.line, issue.expression, fix))
  }
  const error = issue.level === 'error'
  return (
    <Alert
      color={error ? 'red' : 'yellow'}
      variant="light"
      p={6}
      icon={<IconAlert size={14} />}
      data-testid={`draft-constraint-issue-${issue.line + 1}`}
      data-level={issue.level}
      data-fix={fix ?? undefined}
    >
      <Stack gap={4}>
        <Text size="xs">
          {t(error ? 'placement.draft.lineError' : 'placement.draft.lineWarning', { line: issue.line + 1 })} <Code fz="xs">{issue.expression}</Code>
        </Text>
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {say(t, issue.said)}
        </Text>
        {fix ? (
          <Group gap={6}>
            <Button size="compact-xs" variant="light" color={error ? 'red' : 'yellow'} onClick={applyFix} data-testid={`draft-constraint-fix-${issue.line + 1}`}>
              {t('placement.draft.useFix', { fix })}
            </Button>
          </Group>
        ) : issue.suggestion ? (
          <Text size="xs" fw={500} data-testid="draft-constraint-suggestion">
            {issue.suggestionSaid ? say(t, issue.suggestionSaid) : issue.suggestion}
          </Text>
        ) : null}
      </Stack>
    </Alert>
  )
}
