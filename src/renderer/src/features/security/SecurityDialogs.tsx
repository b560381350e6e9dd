import type { ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { Alert, Button, Checkbox, Group, List, Modal, PasswordInput, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconAlert } from '../../components/icons'
import { say } from '../../i18n/say'
import { keepUnlockKey, planCa, rotateCa, runConfirmed, unlockManager } from './security-actions'
import { parseExpiryDays } from './security-model'
import { useSecurityStore, type SecurityConfirm } from './security-store'

export function SecurityDialogs({ clusterId }: { clusterId: string }): ReactNode {
  return (
    <>
      <SecretDialog clusterId={clusterId} />
      <ConfirmSecurityAction clusterId={clusterId} />
      <CaRotationDialog clusterId={clusterId} />
      <UnlockDialog clusterId={clusterId} />
    </>
  )
}

/** A revealed join line, or a new unlock key: shown once, gone from the renderer when the dialog closes. */
function SecretDialog({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const secret = useSecurityStore((s) => s.secret)
  const error = useSecurityStore((s) => s.secretError)
  const kept = useSecurityStore((s) => s.kept)
  const keepBusy = useSecurityStore((s) => s.keepBusy)
  const keychain = useSecurityStore((s) => s.facts?.keychain)
  const close = useSecurityStore((s) => s.closeSecret)
  const title = secret?.kind === 'join' ? t(`security.secret.joinTitle.${secret.role}`) : t('security.secret.keyTitle')
  return (
    <Modal opened={secret !== null} onClose={close} title={title} size="xl" centered data-testid="secret-dialog" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {secret?.kind === 'join' ? (
        <Stack gap="sm">
          <CliEquivalent command={secret.command} label={t('security.secret.runOnNode')} testId="revealed-join" />
          <CliEquivalent command={`docker swarm join-token ${secret.role}`} testId="revealed-join-cli" />
          <Alert color="yellow" variant="light" p="xs" icon={<IconAlert />}>
            <Text size="xs">{t('security.secret.joinWarning')}</Text>
          </Alert>
        </Stack>
      ) : null}
      {secret?.kind === 'unlock-key' ? (
        <Stack gap="sm">
          <Text size="sm">{t('security.secret.keyBody')}</Text>
          <CliEquivalent command={secret.key} label={t('security.secret.key')} testId="unlock-key" />
          <CliEquivalent command={secret.cli} testId="unlock-key-cli" />
          {keychain?.refusal ? (
            <Alert color="yellow" variant="light" p="xs" icon={<IconAlert />} data-testid="keychain-refusal">
              <Text size="xs">{t(`security.keychain.${keychain.refusal}`)}</Text>
            </Alert>
          ) : (
            <Group>
              <Button size="xs" variant="light" loading={keepBusy} disabled={kept} onClick={() => void keepUnlockKey(api, clusterId, secret.key)} data-testid="keep-unlock-key">
                {kept ? t('security.secret.keptDone') : t('security.secret.keep')}
              </Button>
            </Group>
          )}
          {error ? <ErrorAlert error={error} title={t('security.secret.keepFailed')} /> : null}
        </Stack>
      ) : null}
    </Modal>
  )
}

function confirmTexts(t: TFunction, confirm: SecurityConfirm): { title: string; body: string; cli: string; label: string; danger: boolean } {
  switch (confirm.kind) {
    case 'rotate-token':
      return { title: t(`security.confirm.rotateToken.title.${confirm.role}`), body: t('security.confirm.rotateToken.body'), cli: `docker swarm join-token --rotate ${confirm.role}`, label: t('security.confirm.rotateToken.confirm'), danger: false }
    case 'autolock-on':
      return { title: t('security.confirm.autolockOn.title'), body: t('security.confirm.autolockOn.body'), cli: 'docker swarm update --autolock=true', label: t('security.confirm.autolockOn.confirm'), danger: true }
    case 'autolock-off':
      return { title: t('security.confirm.autolockOff.title'), body: t('security.confirm.autolockOff.body'), cli: 'docker swarm update --autolock=false', label: t('security.confirm.autolockOff.confirm'), danger: false }
    case 'rotate-unlock-key':
      return { title: t('security.confirm.rotateKey.title'), body: t('security.confirm.rotateKey.body'), cli: 'docker swarm unlock-key --rotate', label: t('security.confirm.rotateKey.confirm'), danger: true }
  }
}

/** What the closed confirmation holds before any question was asked. */
const NO_QUESTION: SecurityConfirm = { kind: 'autolock-off' }

function ConfirmSecurityAction({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const confirm = useSecurityStore((s) => s.confirm)
  const busy = useSecurityStore((s) => s.busy)
  const error = useSecurityStore((s) => s.actionError)
  const open = useSecurityStore((s) => s.confirmOpen)
  // mounted from the start and opened like every dialog; closing still shows the last question (nothing secret is in it)
  const asked = confirm ?? NO_QUESTION
  const texts = confirmTexts(t, asked)
  return (
    <ConfirmDialog
      opened={open && confirm !== null}
      title={texts.title}
      confirmLabel={texts.label}
      danger={texts.danger}
      busy={busy}
      onConfirm={() => void runConfirmed(api, clusterId, asked)}
      onCancel={() => useSecurityStore.getState().set({ confirmOpen: false, actionError: null })}
      testId="security-confirm"
    >
      <Text size="sm" data-testid="security-confirm-body">
        {texts.body}
      </Text>
      <CliEquivalent command={texts.cli} testId="security-confirm-cli" />
      {error ? <ErrorAlert error={error} /> : null}
    </ConfirmDialog>
  )
}

/** Root CA rotation: a swarm-made root or the user's own (checked in main before anything is sent), a new certificate lifetime if asked. */
function CaRotationDialog({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const ca = useSecurityStore((s) => s.ca)
  const setCa = useSecurityStore((s) => s.setCa)
  const expiry = parseExpiryDays(ca.expiryDays)
  const incomplete = expiry === null || (ca.useOwn && (!ca.cert.trim() || !ca.key.trim()))
  const edit = (change: Partial<typeof ca>) => setCa({ ...change, plan: null, error: null })
  const canStart = ca.plan !== null && ca.plan.refusal === null && !incomplete
  return (
    <Modal opened={ca.open} onClose={() => useSecurityStore.getState().closeCa()} title={t('security.caDialog.title')} size="xl" centered data-testid="ca-dialog" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        <Text size="sm">{t('security.caDialog.body')}</Text>
        <TextInput label={t('security.caDialog.expiry')} description={t('security.caDialog.expiryHint')} value={ca.expiryDays} onChange={(e) => edit({ expiryDays: e.currentTarget.value })} error={expiry === null ? t('security.caDialog.expiryInvalid') : undefined} data-testid="ca-expiry" />
        <Checkbox label={t('security.caDialog.useOwn')} checked={ca.useOwn} onChange={(e) => edit({ useOwn: e.currentTarget.checked })} data-testid="ca-use-own" />
        {ca.useOwn ? (
          <>
            <Textarea label={t('security.caDialog.cert')} autosize minRows={3} maxRows={8} value={ca.cert} onChange={(e) => edit({ cert: e.currentTarget.value })} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} data-testid="ca-cert" />
            <Textarea label={t('security.caDialog.key')} autosize minRows={3} maxRows={8} value={ca.key} onChange={(e) => edit({ key: e.currentTarget.value })} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} data-testid="ca-key" />
          </>
        ) : null}
        {ca.plan?.refusal ? <Alert color="red" variant="light" data-testid="ca-refusal">{say(t, ca.plan.refusal.said)}</Alert> : null}
        {ca.plan && ca.plan.warnings.length ? (
          <Alert color="yellow" variant="light" icon={<IconAlert />} data-testid="ca-warnings">
            <List size="sm">
              {ca.plan.warnings.map((w) => (
                <List.Item key={w.nodeId}>{say(t, w.said)}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {ca.plan ? <CliEquivalent command={ca.plan.cli} testId="ca-cli" /> : null}
        {ca.error ? <ErrorAlert error={ca.error} title={t('security.caDialog.failed')} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => useSecurityStore.getState().closeCa()}>
            {t('common.cancel')}
          </Button>
          <Button variant="light" disabled={incomplete} loading={ca.planning} onClick={() => void planCa(api, clusterId)} data-testid="ca-check">
            {t('security.caDialog.check')}
          </Button>
          <Button color="orange" disabled={!canStart} loading={ca.busy} onClick={() => void rotateCa(api, clusterId)} data-testid="ca-start">
            {ca.plan?.warnings.length ? t('security.caDialog.startAnyway') : t('security.caDialog.start')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

/** Unlock a locked manager over its own connection: the kept key, or one typed (never kept by this dialog). */
function UnlockDialog({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const hostname = useSecurityStore((s) => s.unlock?.hostname ?? null)
  return (
    <Modal
      opened={hostname !== null}
      onClose={() => useSecurityStore.getState().closeUnlock()}
      title={hostname ? t('security.unlockDialog.title', { node: hostname }) : ''}
      centered
      size="lg"
      data-testid="unlock-dialog"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <UnlockForm clusterId={clusterId} />
    </Modal>
  )
}

function UnlockForm({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const unlock = useSecurityStore((s) => s.unlock)
  const kept = useSecurityStore((s) => s.facts?.keptUnlockKey ?? false)
  if (!unlock) return null
  return (
    <Stack gap="sm">
      <Text size="sm">{t('security.unlockDialog.body', { node: unlock.hostname })}</Text>
      <PasswordInput
        label={t('security.unlockDialog.key')}
        description={kept ? t('security.unlockDialog.keptHint') : undefined}
        value={unlock.typed}
        onChange={(e) => useSecurityStore.getState().setUnlock({ typed: e.currentTarget.value })}
        data-testid="unlock-key-input"
      />
      <CliEquivalent command="docker swarm unlock" label={t('security.unlockDialog.cliLabel', { node: unlock.hostname })} />
      {unlock.error ? <ErrorAlert error={unlock.error} title={t('security.unlockDialog.failed')} /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={() => useSecurityStore.getState().closeUnlock()}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={unlock.busy} disabled={!kept && !unlock.typed.trim()} onClick={() => void unlockManager(api, clusterId)} data-testid="unlock-confirm">
          {t('security.unlockDialog.unlock')}
        </Button>
      </Group>
    </Stack>
  )
}
