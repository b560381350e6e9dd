import { useEffect, useState, type ReactNode } from 'react'
import { ActionIcon, Alert, Button, Checkbox, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { NetworkProblem } from '../../../../shared/networks'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconAlert, IconPlus, IconTrash } from '../../components/icons'
import { BusyLine } from './BusyLine'
import { problemsFor } from './network-rows'
import { networkProblemText } from './network-problem-text'
import { createNetwork, planDraft } from './networks-actions'
import { useNetworksStore } from './networks-store'

/** The on/off options of an overlay network, in the order `docker network create` lists them. */
const switches = ['attachable', 'internal', 'encrypted'] as const

/** Main plans every edit after this pause: fast enough to feel live, few calls while typing. */
const PLAN_DELAY_MS = 150

/**
 * The create form, planned as it is typed: each field shows main's specific problems, the exact
 * `docker network create` line is shown, and Create sends exactly the planned draft.
 */
export function CreateNetworkDialog({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const create = useNetworksStore((s) => s.create)
  const close = useNetworksStore((s) => s.closeCreate)
  const editDraft = useNetworksStore((s) => s.editDraft)
  const [nameTouched, setNameTouched] = useState(false)
  const { draft, plan, revision, open } = create

  useEffect(() => {
    if (!open) return
    const timer = setTimeout(() => void planDraft(api, clusterId, revision, useNetworksStore.getState().create.draft), PLAN_DELAY_MS)
    return () => clearTimeout(timer)
  }, [api, clusterId, open, revision])

  const problems = (plan?.problems ?? []).filter((p) => nameTouched || p.code !== 'name-required')
  const fieldError = (field: NetworkProblem['field'], index?: number): ReactNode => {
    const found = problemsFor(problems, field, index)
    if (!found.length) return null
    return (
      <Stack gap={2} data-testid={`network-problem-${field}${index === undefined ? '' : `-${index}`}`}>
        {found.map((p) => (
          <Text key={p.code} size="xs" c={p.severity === 'error' ? 'red' : 'orange'} data-code={p.code} data-severity={p.severity}>
            {networkProblemText(t, p)}
          </Text>
        ))}
      </Stack>
    )
  }
  const onClose = (): void => {
    if (create.creating) return
    setNameTouched(false)
    close()
  }

  return (
    <Modal opened={open} onClose={onClose} title={t('networks.form.title')} centered size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md" data-testid="network-create-dialog">
        <Text size="sm" c="dimmed">
          {t('networks.form.intro')}
        </Text>
        <TextInput
          label={t('networks.form.name')}
          placeholder={t('networks.form.namePlaceholder')}
          value={draft.name}
          onChange={(event) => {
            setNameTouched(true)
            editDraft({ name: event.currentTarget.value })
          }}
          error={fieldError('name')}
          data-testid="network-form-name"
          data-autofocus
        />
        <SimpleGrid cols={3}>
          {switches.map((key) => (
            <Checkbox
              key={key}
              label={t(`networks.form.${key}`)}
              description={t(`networks.form.${key}Hint`)}
              checked={draft[key]}
              onChange={(event) => editDraft({ [key]: event.currentTarget.checked })}
              data-testid={`network-form-${key}`}
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput
            label={t('networks.form.subnet')}
            description={t('networks.form.subnetHint')}
            placeholder="10.200.1.0/24"
            value={draft.subnet}
            onChange={(event) => editDraft({ subnet: event.currentTarget.value })}
            error={fieldError('subnet')}
            ff="monospace"
            data-testid="network-form-subnet"
          />
          <TextInput
            label={t('networks.form.gateway')}
            description={t('networks.form.gatewayHint')}
            placeholder="10.200.1.1"
            value={draft.gateway}
            onChange={(event) => editDraft({ gateway: event.currentTarget.value })}
            error={fieldError('gateway')}
            ff="monospace"
            data-testid="network-form-gateway"
          />
        </SimpleGrid>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('networks.form.labels')}
          </Text>
          {draft.labels.map((label, index) => (
            <Stack key={index} gap={2}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <TextInput
                  aria-label={t('networks.form.labelKey')}
                  placeholder={t('networks.form.labelKey')}
                  value={label.key}
                  onChange={(event) => editDraft({ labels: draft.labels.map((l, i) => (i === index ? { ...l, key: event.currentTarget.value } : l)) })}
                  style={{ flex: 1 }}
                  data-testid={`network-form-label-key-${index}`}
                />
                <TextInput
                  aria-label={t('networks.form.labelValue')}
                  placeholder={t('networks.form.labelValue')}
                  value={label.value}
                  onChange={(event) => editDraft({ labels: draft.labels.map((l, i) => (i === index ? { ...l, value: event.currentTarget.value } : l)) })}
                  style={{ flex: 1 }}
                  data-testid={`network-form-label-value-${index}`}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="lg"
                  aria-label={t('networks.form.removeLabel')}
                  onClick={() => editDraft({ labels: draft.labels.filter((_, i) => i !== index) })}
                >
                  <IconTrash />
                </ActionIcon>
              </Group>
              {fieldError('labels', index)}
            </Stack>
          ))}
          <Group>
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconPlus size={14} />}
              onClick={() => editDraft({ labels: [...draft.labels, { key: '', value: '' }] })}
              data-testid="network-form-add-label"
            >
              {t('networks.form.addLabel')}
            </Button>
          </Group>
        </Stack>

        {plan ? <CliEquivalent command={plan.cli} testId="network-create-cli" /> : null}
        {create.planError ? <ErrorAlert error={create.planError} title={t('networks.form.planFailed')} testId="network-plan-error" /> : null}
        {create.createError ? <ErrorAlert error={create.createError} title={t('networks.form.failed')} testId="network-create-error" /> : null}
        {plan && !plan.ok && nameTouched ? (
          <Alert color="red" variant="light" icon={<IconAlert />} p="xs">
            <Text size="sm">{t('networks.form.fixProblems')}</Text>
          </Alert>
        ) : null}
        <Group justify="space-between">
          <Group gap="xs">
            {create.planning ? <BusyLine text={t('networks.form.planning')} /> : null}
          </Group>
          <Group gap="sm">
            <Button variant="default" onClick={onClose} disabled={create.creating} data-testid="network-create-cancel">
              {t('common.cancel')}
            </Button>
            <Button
              onClick={() => void createNetwork(api, clusterId)}
              disabled={!plan?.ok || create.planning}
              loading={create.creating}
              data-testid="network-create-submit"
            >
              {t('networks.form.submit')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  )
}
