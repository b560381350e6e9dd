import type { ReactNode } from 'react'
import { Alert, Center, Code, List, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { RpcErrorData } from '../../../shared/errors'
import { say } from '../i18n/say'

/**
 * Web mode without a usable token: the page was opened without the URL the server printed, or
 * the server restarted (new token) or is not running. Say exactly how to get in.
 */
export function ConnectScreen({ reason, error }: { reason: 'no-token' | 'refused'; error?: RpcErrorData }): ReactNode {
  const { t } = useTranslation()
  return (
    <Center mih="100dvh" p="md" data-testid="connect-screen" data-reason={reason}>
      <Paper withBorder p="xl" maw={640} radius="md">
        <Stack gap="md">
          <Title order={2}>{t('connect.title')}</Title>
          <Text>{reason === 'no-token' ? t('connect.noToken') : t('connect.refused')}</Text>
          <List type="ordered" spacing="xs" size="sm">
            <List.Item>
              {t('connect.step1')} <Code>npm run web</Code>
            </List.Item>
            <List.Item>
              {t('connect.step2')} <Code>{t('connect.urlExample')}</Code>
            </List.Item>
            <List.Item>{t('connect.step3')}</List.Item>
          </List>
          <Text size="sm" c="dimmed">
            {t('connect.desktop')}
          </Text>
          {error ? (
            // Only the details: the generic code explanations talk about engines, not this server.
            <Alert color="red" variant="light" title={t('connect.refusedTitle')} data-testid="connect-error">
              <Text size="xs" style={{ wordBreak: 'break-word' }}>
                {error.said ? say(t, error.said) : error.message}
              </Text>
            </Alert>
          ) : null}
        </Stack>
      </Paper>
    </Center>
  )
}
