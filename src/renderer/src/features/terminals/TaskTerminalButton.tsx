import { useState, type ReactNode } from 'react'
import { Button, Group, Menu, Popover, Stack, Text, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Task } from '../../../../shared/domain'
import { useApi } from '../../api/api-context'
import { IconTerminal } from '../../components/icons'
import { commandWords } from './command-words'
import { openTerminal } from './terminals-actions'

/** On a running task's row: a shell in its container, or a command of the user's, in a new tab of the Terminals page. */
export function TaskTerminalButton({ clusterId, task, title }: { clusterId: string; task: Task; title: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const [asking, setAsking] = useState(false)
  const [line, setLine] = useState('')
  if (task.state !== 'running' || task.desiredState !== 'running' || !task.containerId) return null
  const words = commandWords(line)
  const run = (): void => {
    if (!words) return
    setAsking(false)
    setLine('')
    void openTerminal(api, clusterId, task.id, title, words)
  }
  return (
    <Popover opened={asking} onChange={setAsking} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Group gap={0} wrap="nowrap">
          <Menu position="bottom-end" withArrow>
            <Menu.Target>
              <Button size="compact-xs" variant="light" leftSection={<IconTerminal size={12} />} data-testid={`task-terminal-menu-${task.id}`}>
                {t('terminals.open')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void openTerminal(api, clusterId, task.id, title)} data-testid={`task-terminal-${task.id}`}>
                {t('terminals.shell')}
              </Menu.Item>
              <Menu.Item onClick={() => setAsking(true)} data-testid={`task-command-${task.id}`}>
                {t('terminals.command')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6} w={360}>
          <Text size="xs" c="dimmed">
            {t('terminals.commandHint', { task: title })}
          </Text>
          <TextInput
            size="xs"
            autoFocus
            placeholder="cat /etc/hostname"
            value={line}
            onChange={(e) => setLine(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') run()
            }}
            error={line.trim() !== '' && !words ? t('terminals.commandOpenQuote') : undefined}
            data-testid="task-command-line"
          />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setAsking(false)}>
              {t('nodeAccess.cancel')}
            </Button>
            <Button size="xs" disabled={!words} onClick={run} data-testid="task-command-run">
              {t('terminals.run')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
