import { useMemo, useState, type ReactNode } from 'react'
import { ActionIcon, Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput, Tooltip } from '@mantine/core'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconPlus, IconTrash } from '../../components/icons'
import { say } from '../../i18n/say'
import { createCliPreview, createReadiness, type LabelRowProblem } from './create-model'
import { useCreateStore } from './create-store'
import { createObject } from './secrets-actions'
import { ValueSourceInput } from './ValueSourceInput'

function labelProblemText(t: TFunction, problem: LabelRowProblem): string {
  if (problem.code === 'keyEmpty') return t('secrets.labels.problems.keyEmpty')
  return t(`secrets.labels.problems.${problem.code}`, { key: problem.key })
}

/** New secret or config: name checked as the engine would, labels, and the value from text, a file or main's generator. */
export function CreateDialog({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const opened = useCreateStore((s) => s.opened)
  const draft = useCreateStore((s) => s.draft)
  const busy = useCreateStore((s) => s.busy)
  const error = useCreateStore((s) => s.error)
  const valueDropped = useCreateStore((s) => s.valueDropped)
  const close = useCreateStore((s) => s.close)
  const open = useCreateStore((s) => s.open)
  const setName = useCreateStore((s) => s.setName)
  const setLabel = useCreateStore((s) => s.setLabel)
  const addLabel = useCreateStore((s) => s.addLabel)
  const removeLabel = useCreateStore((s) => s.removeLabel)
  const setValue = useCreateStore((s) => s.setValue)
  const [tried, setTried] = useState(false)
  const readiness = useMemo(() => createReadiness(draft), [draft])

  const submit = (): void => {
    setTried(true)
    if (readiness.request) void createObject(api, clusterId).then(() => setTried(false))
  }
  const cancel = (): void => {
    setTried(false)
    close()
  }

  return (
    <Modal opened={opened} onClose={cancel} title={draft.kind === 'secret' ? t('secrets.create.titleSecret') : t('secrets.create.titleConfig')} size="lg" centered closeOnClickOutside={false} data-testid="create-dialog" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        <SegmentedControl
          value={draft.kind}
          onChange={(kind) => open(kind === 'config' ? 'config' : 'secret')}
          data={[
            { value: 'secret', label: <span data-testid="create-kind-secret">{t('secrets.tabs.secret')}</span> },
            { value: 'config', label: <span data-testid="create-kind-config">{t('secrets.tabs.config')}</span> }
          ]}
          size="xs"
          w="fit-content"
          disabled={busy}
        />
        <TextInput
          label={t('secrets.create.name')}
          description={t('secrets.create.nameHint')}
          value={draft.name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={(draft.name !== '' || tried) && readiness.nameProblemSaid ? t('secrets.create.nameProblem', { problem: say(t, readiness.nameProblemSaid) }) : null}
          spellCheck={false}
          autoComplete="off"
          data-autofocus
          data-testid="create-name"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('secrets.labels.title')}
          </Text>
          {draft.labels.map((row, index) => {
            const problem = readiness.labelProblems[row.id]
            return (
              <Group key={row.id} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput placeholder={t('secrets.labels.key')} aria-label={t('secrets.labels.key')} value={row.key} onChange={(e) => setLabel(row.id, { key: e.currentTarget.value })} error={problem ? labelProblemText(t, problem) : null} style={{ flex: 1 }} spellCheck={false} data-testid={`create-label-key-${index}`} />
                <TextInput placeholder={t('secrets.labels.value')} aria-label={t('secrets.labels.value')} value={row.value} onChange={(e) => setLabel(row.id, { value: e.currentTarget.value })} style={{ flex: 1 }} spellCheck={false} data-testid={`create-label-value-${index}`} />
                <Tooltip label={t('secrets.labels.remove')} withArrow>
                  <ActionIcon variant="subtle" color="gray" mt={4} onClick={() => removeLabel(row.id)} aria-label={t('secrets.labels.remove')}>
                    <IconTrash size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            )
          })}
          <Button variant="subtle" size="xs" leftSection={<IconPlus size={12} />} onClick={addLabel} w="fit-content" data-testid="create-label-add">
            {t('secrets.labels.add')}
          </Button>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('secrets.value.title')}
          </Text>
          <ValueSourceInput kind={draft.kind} value={draft.value} onChange={setValue} showProblem={tried} testId="create-value" />
        </Stack>
        {error ? (
          <ErrorAlert error={error} title={t('secrets.create.failed', { name: draft.name })} testId="create-error">
            {valueDropped ? <Text size="xs">{t('secrets.create.valueDropped')}</Text> : null}
          </ErrorAlert>
        ) : null}
        <CliEquivalent command={createCliPreview(draft)} testId="create-cli" />
        {draft.value.mode === 'generate' ? (
          <Alert variant="light" color="gray" p="xs">
            <Text size="xs">{t('secrets.create.generateCli')}</Text>
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={cancel} disabled={busy} data-testid="create-cancel">
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={busy} disabled={tried && !readiness.request} data-testid="create-submit">
            {draft.kind === 'secret' ? t('secrets.create.submitSecret') : t('secrets.create.submitConfig')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
