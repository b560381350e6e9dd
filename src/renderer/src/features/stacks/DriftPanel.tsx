import { useEffect, useMemo, type ReactNode } from 'react'
import { Badge, Button, FileButton, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { useModelField } from '../mirror/mirror-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useFormatters } from '../../i18n/format'
import { PlanView } from './PlanView'
import { ProblemList } from './ProblemList'
import { useStackDriftStore } from './stack-drift-store'
import { checkDrift, driftSourceOf, openInEditor } from './stacks-actions'
import { IconFile } from './stacks-icons'

/** Re-compare after the stack's services change, once they settle. */
export const DRIFT_DELAY_MS = 500

/**
 * The live stack against its file: SwarmDesk's last deploy of it, or a file the user names (main
 * reads it) or loads. The diff is the plan view: what a deploy of that file would change.
 */
export function DriftPanel({ clusterId, stack, deployedAt }: { clusterId: string; stack: string; deployedAt: string | null }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const api = useApi()
  const loading = useStackDriftStore((s) => s.loading)
  const result = useStackDriftStore((s) => (s.stack === stack ? s.result : null))
  const error = useStackDriftStore((s) => (s.stack === stack ? s.error : null))
  const openError = useStackDriftStore((s) => (s.stack === stack ? s.openError : null))
  const source = useStackDriftStore((s) => (s.stack === stack ? s.source : null))
  const comparePath = useStackDriftStore((s) => s.comparePath)
  const setComparePath = useStackDriftStore((s) => s.setComparePath)
  const services = useModelField(clusterId, 'services')
  const live = useMemo(
    () =>
      Object.values(services ?? {})
        .filter((s) => s.stack === stack)
        .map((s) => `${s.id}:${s.version}`)
        .sort()
        .join(','),
    [services, stack]
  )
  const hasLastDeploy = deployedAt !== null

  // Compare with the last deploy on opening; again (same source) whenever the stack's services change.
  useEffect(() => {
    const drift = useStackDriftStore.getState()
    const current = drift.stack === stack ? drift.source : null
    if (!current && !hasLastDeploy) return
    const first = drift.stack !== stack || (!drift.result && !drift.loading && !drift.error)
    const timer = setTimeout(() => void checkDrift(api, clusterId, stack, current), first ? 0 : DRIFT_DELAY_MS)
    return () => clearTimeout(timer)
  }, [api, clusterId, stack, hasLastDeploy, live])

  const state = loading ? 'loading' : error ? 'error' : result ? (result.drifted ? 'drifted' : 'in-sync') : 'none'
  const compareFile = (file: File | null): void => {
    if (file) void file.text().then((text) => checkDrift(api, clusterId, stack, driftSourceOf({ name: file.name, text })))
  }

  return (
    <Paper withBorder p="sm" radius="sm" data-testid="stack-drift" data-state={state}>
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('stacks.drift.title')}
            </Text>
            {loading ? <Loader size={14} /> : null}
            {result && !loading ? (
              <Badge color={result.drifted ? 'orange' : 'green'} variant="light" radius="sm" data-testid="stack-drift-status" data-drifted={result.drifted}>
                {result.drifted ? t('stacks.drift.drifted') : t('stacks.drift.inSync')}
              </Badge>
            ) : null}
          </Group>
          {result ? (
            <Button variant="light" size="xs" leftSection={<IconFile size={14} />} onClick={() => void openInEditor(api, clusterId, stack, source)} data-testid="drift-open-editor">
              {t('stacks.drift.openInEditor')}
            </Button>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed" data-testid="stack-drift-source">
          {source
            ? t('stacks.drift.comparedWith', { file: source.label })
            : hasLastDeploy
              ? t('stacks.drift.comparedWithLast', { date: f.dateTime(result?.deployedAt ?? deployedAt) })
              : t('stacks.drift.noLastDeploy')}
        </Text>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={t('stacks.drift.pathLabel')}
            placeholder="/srv/stacks/shop/docker-compose.yml"
            value={comparePath}
            onChange={(event) => setComparePath(event.currentTarget.value)}
            spellCheck={false}
            size="xs"
            style={{ flex: 1 }}
            data-testid="drift-path"
          />
          <Button
            size="xs"
            variant="default"
            disabled={comparePath.trim() === ''}
            onClick={() => void checkDrift(api, clusterId, stack, driftSourceOf({ path: comparePath.trim() }))}
            data-testid="drift-compare"
          >
            {t('stacks.drift.compare')}
          </Button>
          <FileButton onChange={compareFile} accept=".yml,.yaml,application/x-yaml,text/yaml,text/plain">
            {(props) => (
              <Button {...props} size="xs" variant="default" leftSection={<IconFile size={14} />} data-testid="drift-load-file">
                {t('stacks.drift.loadFile')}
              </Button>
            )}
          </FileButton>
          {source && hasLastDeploy ? (
            <Button size="xs" variant="subtle" onClick={() => void checkDrift(api, clusterId, stack, null)} data-testid="drift-last">
              {t('stacks.drift.backToLast')}
            </Button>
          ) : null}
        </Group>
        {error ? <ErrorAlert error={error} title={t('stacks.drift.failed')} testId="stack-drift-error" /> : null}
        {openError ? <ErrorAlert error={openError} title={t('stacks.drift.openFailed')} testId="stack-drift-open-error" /> : null}
        {result ? (
          <>
            <ProblemList problems={result.plan.problems} files={result.plan.files} testId="drift-problems" />
            {result.plan.operations.length > 0 ? <PlanView plan={result.plan} mode="drift" testId="drift-plan" /> : null}
          </>
        ) : null}
      </Stack>
    </Paper>
  )
}
