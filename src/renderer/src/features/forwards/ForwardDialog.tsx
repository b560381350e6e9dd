import { useState, type ReactNode } from 'react'
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { openForward } from './forwards-actions'
import { parsePortField } from './forward-ports'
import { useForwardsStore, type ForwardRequest } from './forwards-store'

/** Asks for the container's port (the service's first target port by default) and an optional local one. */
export function ForwardDialog(): ReactNode {
  const { t } = useTranslation()
  const request = useForwardsStore((s) => s.request)
  const ask = useForwardsStore((s) => s.ask)
  return (
    <Modal opened={request !== null} onClose={() => ask(null)} title={request ? t('forwards.dialogTitle', { task: request.task }) : ''} zIndex={400} data-testid="forward-dialog">
      {request ? <ForwardForm key={`${request.clusterId}/${request.taskId}`} request={request} /> : null}
    </Modal>
  )
}

/** The dialog's fields, fresh for each task asked about. */
function ForwardForm({ request }: { request: ForwardRequest }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const opening = useForwardsStore((s) => s.opening)
  const error = useForwardsStore((s) => s.error)
  const ask = useForwardsStore((s) => s.ask)
  const [remote, setRemote] = useState(request.defaultPort ? String(request.defaultPort) : '')
  const [local, setLocal] = useState('')
  const remotePort = parsePortField(remote, false)
  const localPort = parsePortField(local, true)
  const submit = (): void => {
    if (remotePort !== null && localPort !== null) void openForward(api, remotePort, localPort)
  }

  return (
    <form
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('forwards.actionHint')}
          </Text>
          <Group grow align="flex-start">
            <TextInput label={t('forwards.remotePort')} value={remote} onChange={(e) => setRemote(e.currentTarget.value)} error={remote !== '' && remotePort === null ? t('forwards.invalidPort') : undefined} data-autofocus data-testid="forward-remote-port" />
            <TextInput label={t('forwards.localPort')} description={t('forwards.localPortHint')} value={local} onChange={(e) => setLocal(e.currentTarget.value)} error={localPort === null ? t('forwards.invalidPort') : undefined} data-testid="forward-local-port" />
          </Group>
          {error ? <ErrorAlert error={error} title={t('forwards.failed')} testId="forward-error" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => ask(null)}>
              {t('forwards.cancel')}
            </Button>
            <Button type="submit" loading={opening} disabled={remotePort === null || localPort === null} data-testid="forward-open">
              {t('forwards.open')}
            </Button>
          </Group>
        </Stack>
    </form>
  )
}
