import { useState, type ReactNode } from 'react'
import { Button, Group, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { AppError, type RpcErrorData } from '../../../../shared/errors'
import { useDeployProgressStore } from './deploy-progress-store'
import { useStackEditorStore } from './stack-editor-store'
import { IconFile } from './stacks-icons'

/**
 * Open a compose file from disk by its absolute path (main reads it: the web mode has no native
 * file dialog and a browser-picked file hides its folder). The buffer keeps the real path, so
 * relative file: and env_file entries are read beside it.
 */
export function OpenFileFromDisk(): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const openFile = useStackEditorStore((s) => s.openFile)
  const deploying = useDeployProgressStore((s) => s.running)
  const [path, setPath] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<RpcErrorData | null>(null)
  const open = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      const file = await api.call('stacks.readFile', { path: path.trim() })
      openFile(file)
      setPath('')
    } catch (e) {
      setError(e instanceof AppError ? e.toData() : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label={t('stacks.editor.openPath')}
          description={t('stacks.editor.openPathHint')}
          placeholder="/home/me/stack/docker-compose.yml"
          value={path}
          onChange={(event) => setPath(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && path.trim() !== '') void open()
          }}
          spellCheck={false}
          style={{ flex: 1 }}
          size="xs"
          data-testid="stack-open-path"
        />
        <Button variant="default" size="xs" leftSection={<IconFile size={14} />} onClick={() => void open()} loading={busy} disabled={deploying || path.trim() === ''} data-testid="stack-open-file">
          {t('stacks.editor.openFile')}
        </Button>
      </Group>
      {error ? <ErrorAlert error={error} title={t('stacks.editor.openFailed')} /> : null}
    </>
  )
}
