import type { ReactNode } from 'react'
import { Alert, Badge, Button, Checkbox, Code, Group, List, Loader, Paper, Stack, Switch, Table, Text, TextInput } from '@mantine/core'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { formatMode, type RotationConsumer, type RotationPlan, type StackFileEdit } from '../../../../shared/secrets'
import { useApi } from '../../api/api-context'
import { useNavStore } from '../../app-state/nav-store'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconAlert, IconInfo } from '../../components/icons'
import { say } from '../../i18n/say'
import { openStackFiles } from '../stacks/stacks-actions'
import { IconFile } from '../stacks/stacks-icons'
import { useRunStore } from './run-store'
import { downloadText, planRotation } from './secrets-actions'
import { IconDownload } from './secrets-icons'
import { BeforeExecPanel } from './BeforeExecPanel'
import { beforeExecIncomplete, canApply, isStartFirst, newNameProblemSaid } from './wizard-model'
import { useWizardStore } from './wizard-store'

const identityColor: Record<RotationPlan['identity'], string> = { different: 'green', identical: 'red', unknown: 'yellow', 'not-checked': 'gray' }

function policyText(t: TFunction, c: RotationConsumer): string {
  return t('secrets.plan.policy', {
    parallelism: c.policy.parallelism === 0 ? t('secrets.plan.allAtOnce') : c.policy.parallelism,
    delay: c.policy.delaySeconds,
    failureAction: c.policy.failureAction,
    monitor: c.policy.monitorSeconds,
    order: c.policy.order
  })
}

/** Step 2: what the rotation will do, exactly as main planned it, with the options that change it. */
export function RotationPlanView({ clusterId, currentKey, onApply }: { clusterId: string; currentKey: string | null; onApply: () => void }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const draft = useWizardStore((s) => s.draft)
  const plan = useWizardStore((s) => s.plan)
  const shownKey = useWizardStore((s) => s.shownKey)
  const planningKey = useWizardStore((s) => s.planningKey)
  const planError = useWizardStore((s) => s.planError)
  const goto = useWizardStore((s) => s.goto)
  const setNewName = useWizardStore((s) => s.setNewName)
  const setStartFirst = useWizardStore((s) => s.setStartFirst)
  const setServiceStartFirst = useWizardStore((s) => s.setServiceStartFirst)
  const setRemoveOld = useWizardStore((s) => s.setRemoveOld)
  const running = useRunStore((s) => s.run?.running ?? false)
  const nameProblem = newNameProblemSaid(draft.newName)
  const fresh = plan !== null && shownKey === currentKey
  const error = planError && planError.key === currentKey ? planError.error : null
  const state = error ? 'error' : planningKey !== null || !fresh ? 'planning' : 'fresh'
  const applicable = canApply({ plan, shownKey, currentKey, planning: planningKey !== null, running }) && !beforeExecIncomplete(draft.beforeExec)

  return (
    <Stack gap="md" data-testid="rotation-plan" data-state={state}>
      <Paper withBorder p="md" radius="sm">
        <Stack gap="sm">
          <Group gap="md" align="flex-end">
            <TextInput
              label={t('secrets.plan.newName')}
              description={t('secrets.plan.newNameHint')}
              placeholder={plan?.defaultNewName ?? ''}
              value={draft.newName}
              onChange={(e) => setNewName(e.currentTarget.value)}
              error={nameProblem ? t('secrets.create.nameProblem', { problem: say(t, nameProblem) }) : null}
              spellCheck={false}
              w={360}
              data-testid="plan-new-name"
            />
            {planningKey !== null ? <Loader size="sm" data-testid="plan-loading" /> : null}
          </Group>
          {plan ? (
            <Group gap="xs">
              <Text size="sm" data-testid="plan-summary">
                {t('secrets.plan.summary', { old: plan.old.name, new: plan.newName, count: plan.consumers.length })}
              </Text>
              <Badge color={identityColor[plan.identity]} variant="light" radius="sm" data-testid="plan-identity" data-identity={plan.identity}>
                {t(`secrets.plan.identity.${plan.identity}`)}
              </Badge>
            </Group>
          ) : null}
          {plan && plan.identity === 'unknown' ? (
            <Text size="xs" c="dimmed">
              {t('secrets.plan.identityUnknownHint')}
            </Text>
          ) : null}
        </Stack>
      </Paper>

      {error ? <ErrorAlert error={error} title={t('secrets.plan.failed')} testId="plan-error" /> : null}

      {plan ? (
        <>
          {plan.refusals.length > 0 ? (
            <Alert color="red" variant="light" icon={<IconAlert />} title={t('secrets.plan.refused')} data-testid="plan-refusals">
              <List size="sm" spacing={4}>
                {plan.refusals.map((r) => (
                  <List.Item key={`${r.code}:${r.subject ?? ''}`} data-testid="plan-refusal" data-code={r.code}>
                    <Text size="sm">{t(`errors.${r.code}`)}</Text>
                    <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                      {say(t, r.said)}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          {plan.warnings.length > 0 ? (
            <Alert color="orange" variant="light" icon={<IconInfo />} title={t('secrets.plan.warningsTitle')} data-testid="plan-warnings">
              <List size="sm" spacing={4}>
                {plan.warnings.map((w) => (
                  <List.Item key={`${w.code}:${w.subject ?? ''}`} data-testid="plan-warning" data-code={w.code}>
                    {/* once, the sentence about this service (the code's generic sentence said the same again) */}
                    <Text size="sm" style={{ wordBreak: 'break-word' }}>
                      {say(t, w.said)}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : null}

          <Paper withBorder p="md" radius="sm">
            <Stack gap="sm">
              <Group justify="space-between">
                <Text fw={600}>{t('secrets.plan.consumers', { count: plan.consumers.length })}</Text>
                <Switch label={t('secrets.plan.startFirstAll')} checked={draft.startFirst} onChange={(e) => setStartFirst(e.currentTarget.checked)} disabled={running} data-testid="plan-start-first-all" />
              </Group>
              <Text size="xs" c="dimmed">
                {t('secrets.plan.orderHint')}
              </Text>
              <Table withTableBorder striped fz="sm" data-testid="plan-consumers">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t('secrets.consumer.service')}</Table.Th>
                    <Table.Th>{t('secrets.plan.reference')}</Table.Th>
                    <Table.Th>{t('secrets.plan.updatePolicy')}</Table.Th>
                    <Table.Th>{t('secrets.plan.startFirst')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plan.consumers.map((c, index) => (
                    <Table.Tr key={c.serviceId} data-testid={`plan-consumer-${c.serviceName}`} data-order={c.order}>
                      <Table.Td>{index + 1}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {c.serviceName}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t(`secrets.plan.mode.${c.mode}`, { count: c.replicas ?? 0 })}
                          {c.stack ? ` · ${t('secrets.plan.inStack', { stack: c.stack })}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          {c.references.map((ref) => (
                            <Text key={`${ref.target ?? ''}:${ref.mode}`} size="xs" data-testid="plan-reference" data-target={ref.target ?? ''}>
                              <Code>{plan.newName}</Code> → {ref.target === null ? t('secrets.consumer.runtime') : <Code>{ref.target}</Code>} · {t('secrets.plan.owner', { uid: ref.uid, gid: ref.gid })} · <Code>{formatMode(ref.mode)}</Code>
                            </Text>
                          ))}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{policyText(t, c)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Checkbox
                          checked={isStartFirst(draft, c.serviceId) || c.policy.order === 'start-first'}
                          disabled={draft.startFirst || c.policy.order === 'start-first' || running}
                          onChange={(e) => setServiceStartFirst(c.serviceId, e.currentTarget.checked)}
                          aria-label={t('secrets.plan.startFirstFor', { service: c.serviceName })}
                          data-testid={`plan-start-first-${c.serviceName}`}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Checkbox label={t('secrets.plan.removeOld', { old: plan.old.name })} description={t('secrets.plan.removeOldHint')} checked={draft.removeOld} onChange={(e) => setRemoveOld(e.currentTarget.checked)} disabled={running} data-testid="plan-remove-old" />
            </Stack>
          </Paper>

          <BeforeExecPanel plan={plan} disabled={running} />

          {plan.stackFiles.length > 0 || plan.old.stack ? <StackNote plan={plan} rotated={false} /> : null}

          <CliEquivalent command={plan.cli.join('\n')} testId="plan-cli" />
        </>
      ) : null}

      <Group justify="space-between">
        <Button variant="default" onClick={() => goto('choose')} disabled={running} data-testid="plan-back">
          {t('secrets.wizard.previous')}
        </Button>
        <Group gap="sm">
          {error ? (
            <Button variant="light" onClick={() => void planRotation(api, clusterId, true)} data-testid="plan-retry">
              {t('common.retry')}
            </Button>
          ) : null}
          <Button color="orange" onClick={onApply} disabled={!applicable} data-testid="plan-apply">
            {plan ? t('secrets.plan.apply', { count: plan.consumers.length }) : t('secrets.plan.applyNoPlan')}
          </Button>
        </Group>
      </Group>
    </Stack>
  )
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() || 'docker-compose.yml'

/**
 * A stack-owned object: the stack file must name the new version, or the next deploy puts the old
 * one back. The editor is offered once the rotation is done (deploying the file before would
 * name a version that does not exist yet).
 */
export function StackNote({ plan, rotated }: { plan: RotationPlan; rotated: boolean }): ReactNode {
  const { t } = useTranslation()
  const go = useNavStore((s) => s.go)
  return (
    <Alert color="blue" variant="light" icon={<IconFile />} title={t('secrets.plan.stackTitle', { stack: plan.old.stack ?? '' })} data-testid="plan-stack-note">
      <Stack gap="xs">
        <Text size="sm">{t('secrets.plan.stackBody', { new: plan.newName })}</Text>
        {plan.stackFiles.length === 0 ? <Text size="sm">{t('secrets.plan.stackNoFile')}</Text> : null}
        {plan.stackFiles.map((file: StackFileEdit) => (
          <Group key={`${file.stack}:${file.path}`} gap="sm" data-testid={`plan-stack-file-${file.stack}`}>
            <Text size="sm">
              {t('secrets.plan.stackFile', { key: file.key })} <Code>{file.path}</Code>
            </Text>
            <Button size="xs" variant="light" leftSection={<IconDownload size={12} />} onClick={() => downloadText(baseName(file.path), file.text)} data-testid="plan-stack-download">
              {t('secrets.plan.download')}
            </Button>
            {rotated ? (
              <Button
                size="xs"
                variant="light"
                onClick={() => {
                  openStackFiles(file.stack, [{ path: file.path, text: file.text }])
                  go('stacks')
                }}
                data-testid="plan-stack-open"
              >
                {t('secrets.plan.openInEditor')}
              </Button>
            ) : null}
          </Group>
        ))}
      </Stack>
    </Alert>
  )
}
