import { useEffect, useRef, type ReactNode } from 'react'
import { ActionIcon, Badge, Button, Code, Group, Loader, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import '@xterm/xterm/css/xterm.css'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconTerminal } from '../../components/icons'
import { acceptNodeKeyAndRetry, closeTerminal } from './terminals-actions'
import { attachSession, fitSession } from './terminal-sessions'
import { useTerminalsStore, type TerminalTab } from './terminals-store'

/** Terminals into tasks, one tab each: open from a task's row (Services), kept while you move around the app. */
export function TerminalsPage(): ReactNode {
  const { t } = useTranslation()
  const tabs = useTerminalsStore((s) => s.tabs)
  const active = useTerminalsStore((s) => s.active)
  const activate = useTerminalsStore((s) => s.activate)
  const api = useApi()
  return (
    <Stack gap="md" p="md" data-testid="terminals-page" style={{ height: '100%' }}>
      <Title order={3}>{t('terminals.title')}</Title>
      {tabs.length === 0 ? (
        <Text c="dimmed" data-testid="terminals-empty">
          {t('terminals.empty')}
        </Text>
      ) : (
        <Tabs value={active} onChange={(value) => value && activate(value)} keepMounted={false} style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
          <Tabs.List>
            {tabs.map((tab) => (
              <Tabs.Tab
                key={tab.key}
                value={tab.key}
                leftSection={<IconTerminal size={14} />}
                rightSection={
                  <Tooltip label={t('terminals.close')}>
                    <ActionIcon
                      component="span"
                      size="xs"
                      variant="subtle"
                      color="gray"
                      aria-label={t('terminals.closeTab', { task: tab.title })}
                      data-testid={`terminal-close-${tab.key}`}
                      onClick={(event) => {
                        event.stopPropagation()
                        void closeTerminal(api, tab.key)
                      }}
                    >
                      ×
                    </ActionIcon>
                  </Tooltip>
                }
                data-testid={`terminal-tab-${tab.key}`}
                data-status={tab.status}
              >
                {tab.title}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Panel key={tab.key} value={tab.key} pt="sm" style={{ flex: 1, minHeight: 0 }}>
              <TerminalPane tab={tab} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  )
}

function TerminalPane({ tab }: { tab: TerminalTab }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const screen = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const parent = screen.current
    if (!parent) return
    attachSession(tab.key, parent)
    // The emulator follows its box: the window, the drawer, the tab bar all change its size.
    const observer = new ResizeObserver(() => fitSession(tab.key))
    observer.observe(parent)
    return () => observer.disconnect()
  }, [tab.key])
  return (
    <Stack gap="xs" style={{ height: '100%' }} data-testid="terminal-pane" data-key={tab.key} data-status={tab.status} data-exit-code={tab.exitCode ?? ''}>
      <Group gap="sm" justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={600}>
            {tab.title}
          </Text>
          {tab.info ? (
            <Text size="xs" c="dimmed">
              {t('terminals.onNode', { node: tab.info.node, container: tab.info.containerId.slice(0, 12) })}
            </Text>
          ) : null}
        </Group>
        <TerminalStatus tab={tab} />
      </Group>
      {tab.status === 'failed' && tab.reason ? (
        <ErrorAlert error={tab.reason} title={t('terminals.failed', { task: tab.title })} testId="terminal-error">
          {tab.reason.code === 'HOST_KEY_UNKNOWN' && tab.reason.hostKey ? (
            <Stack gap={4} mt="xs">
              <Text size="sm">{t('terminals.unknownKey', { host: tab.reason.hostKey.host, keyType: tab.reason.hostKey.keyType })}</Text>
              <Code data-testid="terminal-hostkey-fingerprint">{tab.reason.hostKey.fingerprint}</Code>
              <Group>
                <Button size="xs" onClick={() => void acceptNodeKeyAndRetry(api, tab.key)} data-testid="terminal-hostkey-accept">
                  {t('terminals.acceptKey')}
                </Button>
              </Group>
            </Stack>
          ) : null}
        </ErrorAlert>
      ) : null}
      {tab.status === 'ended' && tab.reason ? <ErrorAlert error={tab.reason} title={t('terminals.lost')} testId="terminal-error" /> : null}
      <div
        ref={screen}
        data-testid="terminal-screen"
        style={{ flex: 1, minHeight: 280, background: '#111', borderRadius: 4, padding: 4 }}
      />
      {tab.info ? <CliEquivalent command={tab.info.cli} testId="terminal-cli" /> : null}
    </Stack>
  )
}

function TerminalStatus({ tab }: { tab: TerminalTab }): ReactNode {
  const { t } = useTranslation()
  if (tab.status === 'opening')
    return (
      <Group gap={6}>
        <Loader size={14} />
        <Text size="xs">{t('terminals.opening')}</Text>
      </Group>
    )
  if (tab.status === 'open')
    return (
      <Badge color="green" variant="light" data-testid="terminal-status">
        {t('terminals.running')}
      </Badge>
    )
  if (tab.status === 'failed')
    return (
      <Badge color="red" variant="light" data-testid="terminal-status">
        {t('terminals.notOpened')}
      </Badge>
    )
  return (
    <Badge color={tab.exitCode === 0 ? 'gray' : 'orange'} variant="light" data-testid="terminal-status">
      {tab.exitCode === null ? t('terminals.endedUnknown') : t('terminals.exited', { code: tab.exitCode })}
    </Badge>
  )
}
