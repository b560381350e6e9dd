import type { ReactNode } from 'react'
import { Alert, Button, Code, Group, List, Modal, Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { useMirrorStoreApi } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { IconAlert } from '../../components/icons'
import { commandLine, shellQuote } from '../../../../shared/docker-cli'
import { acceptHostKeyAndOpen } from './clusters-actions'
import { useClustersStore } from './clusters-store'

/**
 * First contact with an SSH host: show what the server presented so the user can compare it with
 * `ssh-keygen -lf` on the host before trusting it. A changed key is a hard stop: no accept button.
 */
export function HostKeyDialog(): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const mirror = useMirrorStoreApi()
  const prompt = useClustersStore((s) => s.hostKeyPrompt)
  const accepting = useClustersStore((s) => s.acceptingHostKey)
  const setPrompt = useClustersStore((s) => s.setHostKeyPrompt)
  const changed = prompt?.code === 'HOST_KEY_CHANGED'
  const key = prompt?.hostKey
  const hostForKnownHosts = key ? (key.port === 22 ? key.host : `[${key.host}]:${key.port}`) : ''

  return (
    <Modal
      opened={prompt !== null}
      onClose={() => setPrompt(null)}
      title={changed ? t('hostKey.changedTitle') : t('hostKey.unknownTitle')}
      size="lg"
      centered
      data-testid="hostkey-dialog"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {prompt && key ? (
        <Stack gap="sm">
          {changed ? (
            <Alert color="red" variant="filled" icon={<IconAlert />} title={t('hostKey.changedWarningTitle')} data-testid="hostkey-changed">
              <Text size="sm">{t('hostKey.changedWarning', { host: key.host })}</Text>
            </Alert>
          ) : (
            <Text size="sm">{t('hostKey.unknownBody', { name: prompt.label })}</Text>
          )}
          <Table verticalSpacing={4} withRowBorders={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={160}>{t('hostKey.host')}</Table.Th>
                <Table.Td data-testid="hostkey-host">
                  <Code>{`${key.host}:${key.port}`}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('hostKey.keyType')}</Table.Th>
                <Table.Td data-testid="hostkey-type">
                  <Code>{key.keyType}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{changed ? t('hostKey.presentedFingerprint') : t('hostKey.fingerprint')}</Table.Th>
                <Table.Td>
                  <Code data-testid="hostkey-fingerprint" style={{ wordBreak: 'break-all' }}>
                    {key.fingerprint}
                  </Code>
                </Table.Td>
              </Table.Tr>
              {changed && key.knownFingerprint ? (
                <Table.Tr>
                  <Table.Th>{t('hostKey.knownFingerprint')}</Table.Th>
                  <Table.Td>
                    <Code data-testid="hostkey-known-fingerprint" style={{ wordBreak: 'break-all' }}>
                      {key.knownFingerprint}
                    </Code>
                    {key.knownSource ? (
                      <Text size="xs" c="dimmed">
                        {t('hostKey.knownSource', { source: key.knownSource })}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
          {changed ? (
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {t('hostKey.fixTitle')}
              </Text>
              <List size="sm" type="ordered" spacing={4}>
                <List.Item>{t('hostKey.fixCheck')}</List.Item>
                <List.Item>{t('hostKey.fixRemove', { source: key.knownSource ?? '~/.ssh/known_hosts' })}</List.Item>
                <List.Item>{t('hostKey.fixRetry')}</List.Item>
              </List>
              <CliEquivalent
                command={commandLine('ssh-keygen', '-R', shellQuote(hostForKnownHosts), key.knownSource ? `-f ${shellQuote(key.knownSource.replace(/:\d+$/, ''))}` : null)}
                label={t('hostKey.fixCommand')}
                testId="hostkey-fix-cli"
              />
            </Stack>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                {t('hostKey.verifyHint')}
              </Text>
              <CliEquivalent command={`ssh-keygen -lf /etc/ssh/ssh_host_${hostKeyFileKind(key.keyType)}_key.pub`} label={t('hostKey.verifyCommand')} testId="hostkey-verify-cli" />
            </>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setPrompt(null)} disabled={accepting} data-testid="hostkey-cancel">
              {changed ? t('common.close') : t('common.cancel')}
            </Button>
            {changed ? null : (
              <Button onClick={() => void acceptHostKeyAndOpen(api, mirror)} loading={accepting} data-testid="hostkey-accept">
                {t('hostKey.accept')}
              </Button>
            )}
          </Group>
        </Stack>
      ) : null}
    </Modal>
  )
}

/** The file name part sshd uses for a key type (ssh-ed25519 -> ed25519, ecdsa-sha2-nistp256 -> ecdsa). */
function hostKeyFileKind(keyType: string): string {
  if (keyType.includes('ed25519')) return 'ed25519'
  if (keyType.includes('ecdsa')) return 'ecdsa'
  if (keyType.includes('rsa')) return 'rsa'
  return '*'
}
