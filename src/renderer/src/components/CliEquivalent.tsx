import type { ReactNode } from 'react'
import { ActionIcon, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { IconCheck, IconCopy, IconTerminal } from './icons'

interface CliEquivalentProps {
  /** One command per line; several lines for a multi-step action. */
  command: string
  /** Override the "CLI equivalent" caption (e.g. "Run this on the new node"). */
  label?: string
  testId?: string
}

/** The docker CLI command that does what the screen does: learners see it, and can copy it. */
export function CliEquivalent({ command, label, testId = 'cli-equivalent' }: CliEquivalentProps): ReactNode {
  const { t } = useTranslation()
  return (
    <Stack gap={4} data-testid={testId}>
      <Group gap={6} c="dimmed">
        <IconTerminal size={14} />
        <Text size="xs" fw={500}>
          {label ?? t('cli.equivalent')}
        </Text>
      </Group>
      <Group gap={0} wrap="nowrap" align="stretch">
        <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid={`${testId}-command`}>
          {command}
        </Code>
        <CopyButton value={command} timeout={1500}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('cli.copied') : t('cli.copy')} withArrow position="left">
              <ActionIcon
                variant="subtle"
                color={copied ? 'teal' : 'gray'}
                onClick={copy}
                aria-label={t('cli.copy')}
                data-testid={`${testId}-copy`}
                ml={4}
              >
                {copied ? <IconCheck /> : <IconCopy />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Stack>
  )
}
