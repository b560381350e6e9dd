import type { ReactNode } from 'react'
import { Button, Group, Modal, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'

interface ConfirmDialogProps {
  opened: boolean
  title: string
  /** What will happen, in plain words. */
  children: ReactNode
  confirmLabel: string
  /** the button that backs out (default: Cancel) */
  cancelLabel?: string
  onConfirm: () => void
  onCancel: () => void
  danger?: boolean
  busy?: boolean
  /** the action is not possible now (the dialog says why) */
  confirmDisabled?: boolean
  testId?: string
  /**
   * Its id in the Modal.Stack it opens over: the Escape that opened it (from the modal beneath) is
   * then that modal's alone, not this dialog's "cancel" as well.
   */
  stackId?: string
}

export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  danger = false,
  busy = false,
  confirmDisabled = false,
  testId = 'confirm-dialog',
  stackId
}: ConfirmDialogProps): ReactNode {
  const { t } = useTranslation()
  return (
    <Modal opened={opened} onClose={onCancel} stackId={stackId} title={title} centered size="lg" data-testid={testId} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        {children}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={busy} data-testid={`${testId}-cancel`}>
            {cancelLabel ?? t('common.cancel')}
          </Button>
          <Button color={danger ? 'red' : undefined} onClick={onConfirm} loading={busy} disabled={confirmDisabled} data-testid={`${testId}-confirm`}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
