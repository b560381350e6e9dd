import type { ReactNode } from 'react'
import { Alert, Code, List, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { RpcErrorData } from '../../../shared/errors'
import { IconAlert } from './icons'
import { say } from '../i18n/say'

interface ErrorAlertProps {
  error: RpcErrorData
  /** What was being done ("Could not open “lab”"); defaults to a generic title. */
  title?: string
  onClose?: () => void
  children?: ReactNode
  testId?: string
}

/**
 * A failure explained in the user's language from its stable code, with the engine's or system's
 * own words underneath as details — or, for a refusal we explain ourselves (`said`), that
 * explanation in the user's language.
 */
export function ErrorAlert({ error, title, onClose, children, testId = 'error-alert' }: ErrorAlertProps): ReactNode {
  const { t } = useTranslation()
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlert />}
      title={title ?? t('errors.title')}
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
      closeButtonLabel={t('common.dismiss')}
      data-testid={testId}
      data-error-code={error.code}
    >
      <Stack gap={6}>
        <Text size="sm" data-testid={`${testId}-explanation`}>
          {t(`errors.${error.code}` as const)}
        </Text>
        {error.issues && error.issues.length > 0 ? (
          <List size="sm" spacing={2}>
            {error.issues.map((issue) => (
              <List.Item key={`${issue.path}:${issue.message}`}>
                <Code>{issue.path}</Code> {issue.said ? say(t, issue.said) : issue.message}
              </List.Item>
            ))}
          </List>
        ) : null}
        {error.said ? (
          <Text size="sm" style={{ wordBreak: 'break-word' }} data-testid={`${testId}-said`}>
            {say(t, error.said)}
          </Text>
        ) : error.message ? (
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }} data-testid={`${testId}-details`}>
            {t('errors.details', { message: error.message })}
          </Text>
        ) : null}
        {children}
      </Stack>
    </Alert>
  )
}
