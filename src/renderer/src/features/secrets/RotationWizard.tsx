import { useEffect, useMemo, type ReactNode } from 'react'
import { Button, Group, Paper, SegmentedControl, Select, Stack, Stepper, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { IconArrowLeft } from '../stacks/stacks-icons'
import { consumerSummary, type ObjectRow } from './object-rows'
import { RotationPlanView, StackNote } from './RotationPlanView'
import { RunView } from './RunView'
import { useRunStore } from './run-store'
import { applyRotation, planRotation } from './secrets-actions'
import { useSecretsPageStore } from './secrets-page-store'
import { UnfinishedActions } from './UnfinishedRotations'
import { ValueSourceInput } from './ValueSourceInput'
import { chooseProblem, planKeyOf, planRequestOf, wizardSteps } from './wizard-model'
import { useWizardStore } from './wizard-store'

/**
 * Rotate a secret or config: 1. the object and the new value, 2. main's plan (new name, every
 * consumer and the reference it gets, the update policies, warnings, the CLI), 3. apply with
 * live progress and the outcome.
 */
export function RotationWizard({ clusterId, secrets, configs }: { clusterId: string; secrets: readonly ObjectRow[]; configs: readonly ObjectRow[] }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const step = useWizardStore((s) => s.step)
  const draft = useWizardStore((s) => s.draft)
  const goto = useWizardStore((s) => s.goto)
  const reset = useWizardStore((s) => s.reset)
  const start = useWizardStore((s) => s.start)
  const setObject = useWizardStore((s) => s.setObject)
  const setValue = useWizardStore((s) => s.setValue)
  const run = useRunStore((s) => s.run)
  const plan = useWizardStore((s) => s.plan)
  const clearRun = useRunStore((s) => s.clear)
  const show = useSecretsPageStore((s) => s.show)
  const running = run?.running ?? false
  const rows = draft.kind === 'secret' ? secrets : configs
  const chosen = rows.find((r) => r.id === draft.objectId) ?? null
  const problem = chooseProblem(draft)
  const request = useMemo(() => planRequestOf(draft), [draft])
  const currentKey = request ? planKeyOf(request) : null

  // Step 2 plans whenever the options change (a name being typed waits for a pause).
  useEffect(() => {
    if (step !== 'plan' || !currentKey) return
    const timer = setTimeout(() => void planRotation(api, clusterId), 300)
    return () => clearTimeout(timer)
  }, [api, clusterId, step, currentKey])

  const leave = (): void => {
    if (running) return
    reset() // drops the typed value with everything else
    clearRun()
    show('list')
  }

  // a finished rotation marks the last step done too
  const active = step === 'apply' && run?.result?.outcome === 'completed' ? wizardSteps.length : wizardSteps.indexOf(step)
  const options = rows.map((r) => ({ value: r.id, label: r.name, disabled: r.consumers.length === 0 }))

  return (
    <Stack gap="md" data-testid="rotation-wizard" data-step={step}>
      <Group justify="space-between">
        <Group gap="xs">
          <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={leave} disabled={running} data-testid="wizard-leave">
            {t('secrets.wizard.back')}
          </Button>
          <Title order={3}>{draft.kind === 'secret' ? t('secrets.wizard.titleSecret') : t('secrets.wizard.titleConfig')}</Title>
        </Group>
      </Group>
      <Stepper active={active} size="sm" allowNextStepsSelect={false} onStepClick={(index) => !running && index < active && step !== 'apply' && goto(wizardSteps[index])}>
        <Stepper.Step label={t('secrets.wizard.steps.choose')} description={t('secrets.wizard.steps.chooseHint')} />
        <Stepper.Step label={t('secrets.wizard.steps.plan')} description={t('secrets.wizard.steps.planHint')} />
        <Stepper.Step label={t('secrets.wizard.steps.apply')} description={t('secrets.wizard.steps.applyHint')} />
      </Stepper>

      {step === 'choose' ? (
        <Paper withBorder p="md" radius="sm">
          <Stack gap="md" maw={720}>
            <SegmentedControl
              value={draft.kind}
              onChange={(kind) => start(kind === 'config' ? 'config' : 'secret', null)}
              data={[
                { value: 'secret', label: <span data-testid="wizard-kind-secret">{t('secrets.tabs.secret')}</span> },
                { value: 'config', label: <span data-testid="wizard-kind-config">{t('secrets.tabs.config')}</span> }
              ]}
              size="xs"
              w="fit-content"
            />
            <Select
              label={draft.kind === 'secret' ? t('secrets.wizard.chooseSecret') : t('secrets.wizard.chooseConfig')}
              description={t('secrets.wizard.chooseHint')}
              placeholder={t('secrets.wizard.choosePlaceholder')}
              value={draft.objectId}
              onChange={setObject}
              data={options}
              searchable
              nothingFoundMessage={t('secrets.noMatch')}
              data-testid="wizard-object"
            />
            {chosen ? (
              <Text size="sm" c="dimmed" data-testid="wizard-object-consumers">
                {t('secrets.usedBy', { count: chosen.serviceCount, services: consumerSummary(chosen.consumers) })}
              </Text>
            ) : null}
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('secrets.wizard.newValue')}
              </Text>
              <ValueSourceInput kind={draft.kind} value={draft.value} onChange={setValue} showProblem={draft.objectId !== null && (draft.value.text !== '' || draft.value.mode !== 'text')} testId="wizard-value" />
            </Stack>
            <Group justify="flex-end">
              <Button onClick={() => goto('plan')} disabled={problem !== null} data-testid="wizard-next">
                {t('secrets.wizard.next')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}

      {step === 'plan' ? <RotationPlanView clusterId={clusterId} currentKey={currentKey} onApply={() => void applyRotation(api, clusterId)} /> : null}

      {step === 'apply' && run ? (
        <Paper withBorder p="md" radius="sm">
          <Stack gap="md">
            <RunView
              run={run}
              actions={(result) => <UnfinishedActions clusterId={clusterId} record={result.record} />}
              onRetryPlan={() => {
                clearRun()
                goto('plan')
                void planRotation(api, clusterId, true)
              }}
            />
            {run.result?.outcome === 'completed' && plan && plan.stackFiles.length > 0 ? <StackNote plan={plan} rotated /> : null}
            {!running ? (
              <Group justify="flex-end" gap="sm">
                {run.error ? (
                  <Button variant="default" onClick={() => goto('plan')} data-testid="wizard-back-to-plan">
                    {t('secrets.wizard.backToPlan')}
                  </Button>
                ) : null}
                <Button onClick={leave} data-testid="wizard-done">
                  {t('secrets.wizard.done')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  )
}
