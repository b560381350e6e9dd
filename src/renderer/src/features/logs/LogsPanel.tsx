import { useState, type ReactNode } from 'react'
import { Button, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { IconTerminal } from '../../components/icons'
import { LogViewer, type LogViewerProps } from './LogViewer'

/**
 * A "Logs" button that opens the live viewer in place (and closes it, ending the session): logs
 * are only streamed while someone looks at them.
 */
export function LogsPanel({ label, ...viewer }: LogViewerProps & { label?: string }): ReactNode {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <Stack gap="xs" data-testid="logs-panel">
      <Button
        variant={open ? 'light' : 'default'}
        size="xs"
        leftSection={<IconTerminal size={14} />}
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        style={{ alignSelf: 'flex-start' }}
        data-testid="logs-open"
      >
        {label ?? t('logs.open')}
      </Button>
      {open ? <LogViewer {...viewer} /> : null}
    </Stack>
  )
}
