import type { ReactNode } from 'react'
import { Button, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Task } from '../../../../shared/domain'
import { useApi } from '../../api/api-context'
import { IconTerminal } from '../../components/icons'
import { openTerminal } from './terminals-actions'

/** On a running task's row: a shell in its container, in a new tab of the Terminals page. */
export function TaskTerminalButton({ clusterId, task, title }: { clusterId: string; task: Task; title: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  if (task.state !== 'running' || task.desiredState !== 'running' || !task.containerId) return null
  return (
    <Tooltip label={t('terminals.openHint')} withArrow>
      <Button size="compact-xs" variant="light" leftSection={<IconTerminal size={12} />} onClick={() => void openTerminal(api, clusterId, task.id, title)} data-testid={`task-terminal-${task.id}`}>
        {t('terminals.open')}
      </Button>
    </Tooltip>
  )
}
