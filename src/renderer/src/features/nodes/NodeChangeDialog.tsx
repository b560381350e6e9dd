import type { ReactNode } from 'react'
import { Alert, Button, Group, List, Loader, Modal, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconAlert } from '../../components/icons'
import { IconX } from './node-icons'
import { useNodeChangeStore } from './node-change-store'
import { nodeRefusalText, nodeWarningText } from './node-guard-text'
import { applyNodeChange } from './nodes-actions'

/**
 * Availability and role changes, planned before they are made: what main's check says (refusal
 * in red and no way to confirm, warnings in amber), the CLI equivalent, then the apply.
 */
export function NodeChangeDialog({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const target = useNodeChangeStore((s) => s.target)
  const checking = useNodeChangeStore((s) => s.checking)
  const check = useNodeChangeStore((s) => s.check)
  const checkError = useNodeChangeStore((s) => s.checkError)
  const applying = useNodeChangeStore((s) => s.applying)
  const applyError = useNodeChangeStore((s) => s.applyError)
  const close = useNodeChangeStore((s) => s.close)

  const action = target?.action ?? 'active'
  const node = target?.hostname ?? ''
  const canConfirm = Boolean(check && !check.refusal && !checking)
  const warned = Boolean(check && check.warnings.length > 0)
  const confirmLabel = t(`nodes.change.confirm.${action}` as const)

  return (
    <Modal
      opened={target !== null}
      onClose={() => (applying ? undefined : close())}
      title={target ? t(`nodes.change.title.${action}` as const, { node }) : null}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md" data-testid="node-change-dialog" data-action={action} data-node={node}>
        <Text size="sm">{t(`nodes.change.explain.${action}` as const, { node })}</Text>
        {checking ? (
          <Group gap="xs" data-testid="node-change-checking">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              {t('nodes.change.checking')}
            </Text>
          </Group>
        ) : null}
        {check?.refusal ? (
          <Alert color="red" variant="light" icon={<IconX />} title={t('nodes.change.refusalTitle')} data-testid="node-change-refusal" data-code={check.refusal.code}>
            <Text size="sm">{nodeRefusalText(t, check.refusal)}</Text>
          </Alert>
        ) : null}
        {check && check.warnings.length > 0 ? (
          <Alert color="yellow" variant="light" icon={<IconAlert />} title={t('nodes.change.warningsTitle')} data-testid="node-change-warnings">
            <List size="sm" spacing={4}>
              {check.warnings.map((warning) => (
                <List.Item key={warning.code} data-testid="node-change-warning" data-code={warning.code}>
                  {nodeWarningText(t, warning)}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {check ? <CliEquivalent command={check.cli} testId="node-change-cli" /> : null}
        {checkError ? <ErrorAlert error={checkError} title={t('nodes.change.checkFailed')} testId="node-change-check-error" /> : null}
        {applyError ? <ErrorAlert error={applyError} title={t('nodes.change.failed', { node })} testId="node-change-error" /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} disabled={applying} data-testid="node-change-cancel">
            {t('common.cancel')}
          </Button>
          {canConfirm ? (
            <Button
              color={warned ? 'orange' : undefined}
              onClick={() => void applyNodeChange(api, clusterId)}
              loading={applying}
              data-testid="node-change-confirm"
            >
              {warned ? t('nodes.change.confirmAnyway', { action: confirmLabel }) : confirmLabel}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  )
}
