import type { ReactNode } from 'react'
import { Checkbox, Code, Paper, Select, Stack, Text, Textarea } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { BEFORE_EXEC_ENV, type RotationPlan } from '../../../../shared/secrets'
import { useWizardStore } from './wizard-store'

/**
 * The step a database needs: it keeps the password it was initialised with, so the new value must
 * be set inside it (ALTER USER …) before the services that connect to it move. The command runs in
 * a task of the chosen service, which gets the new version mounted for that step; the value is read
 * there from its file, never typed into the command.
 */
export function BeforeExecPanel({ plan, disabled }: { plan: RotationPlan; disabled: boolean }): ReactNode {
  const { t } = useTranslation()
  const beforeExec = useWizardStore((s) => s.draft.beforeExec)
  const setBeforeExec = useWizardStore((s) => s.setBeforeExec)
  const path = plan.beforeExec?.path ?? (plan.kind === 'secret' ? `/run/secrets/${plan.newName}` : `/${plan.newName}`)
  return (
    <Paper withBorder p="md" radius="sm" data-testid="plan-before-exec">
      <Stack gap="sm">
        <Checkbox
          label={t('secrets.beforeExec.toggle')}
          description={t('secrets.beforeExec.toggleHint')}
          checked={beforeExec.on}
          onChange={(e) => setBeforeExec({ on: e.currentTarget.checked })}
          disabled={disabled}
          data-testid="plan-before-exec-on"
        />
        {beforeExec.on ? (
          <>
            <Select
              label={t('secrets.beforeExec.service')}
              placeholder={t('secrets.beforeExec.servicePlaceholder')}
              data={plan.consumers.map((c) => ({ value: c.serviceId, label: c.serviceName }))}
              value={beforeExec.serviceId}
              onChange={(serviceId) => setBeforeExec({ serviceId })}
              disabled={disabled}
              w={360}
              data-testid="plan-before-exec-service"
            />
            <Textarea
              label={t('secrets.beforeExec.command')}
              description={t('secrets.beforeExec.commandHint', { path, env: BEFORE_EXEC_ENV })}
              placeholder={t('secrets.beforeExec.example', { env: BEFORE_EXEC_ENV })}
              value={beforeExec.command}
              onChange={(e) => setBeforeExec({ command: e.currentTarget.value })}
              disabled={disabled}
              autosize
              minRows={2}
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-testid="plan-before-exec-command"
            />
            <Text size="xs" c="dimmed">
              {t('secrets.beforeExec.where')} <Code>{path}</Code> (<Code>${BEFORE_EXEC_ENV}</Code>)
            </Text>
          </>
        ) : null}
      </Stack>
    </Paper>
  )
}
