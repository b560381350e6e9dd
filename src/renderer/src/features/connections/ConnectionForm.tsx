import type { FormEvent, ReactNode } from 'react'
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconPlus } from '../../components/icons'
import { saveConnectionForm } from './connections-actions'
import { useConnectionFormStore } from './connection-form-store'
import { EndpointEditor } from './EndpointEditor'

/** Add or edit a profile: a name and the ordered endpoints of the cluster's managers. */
export function ConnectionForm(): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const id = useConnectionFormStore((s) => s.values.id)
  const name = useConnectionFormStore((s) => s.values.name)
  const endpointKeys = useConnectionFormStore((s) => s.values.endpoints.map((e) => e.key).join('|'))
  const nameError = useConnectionFormStore((s) => s.fieldErrors.name)
  const hasFieldErrors = useConnectionFormStore((s) => Object.keys(s.fieldErrors).length > 0)
  const saveError = useConnectionFormStore((s) => s.saveError)
  const saving = useConnectionFormStore((s) => s.saving)
  const setName = useConnectionFormStore((s) => s.setName)
  const addEndpoint = useConnectionFormStore((s) => s.addEndpoint)
  const close = useConnectionFormStore((s) => s.close)
  const setSaveError = useConnectionFormStore((s) => s.setSaveError)

  const keys = endpointKeys.split('|')

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    void saveConnectionForm(api)
  }

  return (
    <Paper withBorder p="md" radius="sm" component="form" onSubmit={onSubmit} data-testid="connection-form" noValidate>
      <Stack gap="sm">
        <Title order={4}>{id ? t('connections.form.editTitle') : t('connections.form.newTitle')}</Title>
        <TextInput
          label={t('connections.form.name')}
          description={t('connections.form.nameDescription')}
          placeholder={t('connections.form.namePlaceholder')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError}
          data-testid="connection-name"
          data-autofocus
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('connections.form.endpoints')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('connections.form.endpointsDescription')}
          </Text>
        </Stack>
        {keys.map((key, index) => (
          <EndpointEditor key={key} index={index} count={keys.length} />
        ))}
        <Group>
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={addEndpoint} data-testid="add-endpoint">
            {t('connections.form.addEndpoint')}
          </Button>
        </Group>
        {hasFieldErrors ? (
          <Alert color="red" variant="light" p="xs" data-testid="form-errors">
            <Text size="sm">{t('connections.form.fixFields')}</Text>
          </Alert>
        ) : null}
        {saveError ? <ErrorAlert error={saveError} title={t('connections.form.saveFailed')} onClose={() => setSaveError(null)} testId="save-error" /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} disabled={saving} data-testid="cancel-connection">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="save-connection">
            {t('connections.form.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
