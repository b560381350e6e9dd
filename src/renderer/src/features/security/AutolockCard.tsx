import type { ReactNode } from 'react'
import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { IconAlert } from '../../components/icons'
import { useModelField } from '../mirror/mirror-context'
import { forgetUnlockKey, showUnlockKey } from './security-actions'
import { useSecurityStore } from './security-store'
import { useManagerProbes } from './use-locked-managers'

/** Autolock on or off, the unlock key (shown once, kept only in a real keychain), and managers that came back locked. */
export function AutolockCard({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const facts = useSecurityStore((s) => s.facts)
  const probes = useManagerProbes(clusterId)
  const nodes = useModelField(clusterId, 'nodes')
  if (!facts) return null
  const set = useSecurityStore.getState().set
  const locked = probes.filter((p) => p.state === 'locked')
  const keychainReason = facts.keychain.refusal
  return (
    <Paper withBorder p="md" radius="sm" data-testid="autolock-card">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={5}>{t('security.autolock.title')}</Title>
            <Badge color={facts.autolock ? 'green' : 'gray'} variant="light" data-testid="autolock-state" data-on={facts.autolock || undefined}>
              {facts.autolock ? t('security.autolock.on') : t('security.autolock.off')}
            </Badge>
          </Group>
          <Button
            size="xs"
            variant="light"
            color={facts.autolock ? 'red' : 'blue'}
            onClick={() => set({ confirm: { kind: facts.autolock ? 'autolock-off' : 'autolock-on' }, confirmOpen: true, actionError: null })}
            data-testid="autolock-toggle"
          >
            {facts.autolock ? t('security.autolock.disable') : t('security.autolock.enable')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('security.autolock.body')}
        </Text>
        {facts.autolock ? (
          <Group gap="xs">
            <Button size="compact-xs" variant="light" onClick={() => void showUnlockKey(api, clusterId)} data-testid="show-unlock-key">
              {t('security.autolock.showKey')}
            </Button>
            <Button size="compact-xs" variant="light" color="orange" onClick={() => set({ confirm: { kind: 'rotate-unlock-key' }, confirmOpen: true, actionError: null })} data-testid="rotate-unlock-key">
              {t('security.autolock.rotateKey')}
            </Button>
            {facts.keptUnlockKey ? (
              <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void forgetUnlockKey(api, clusterId)} data-testid="forget-unlock-key">
                {t('security.autolock.forgetKey')}
              </Button>
            ) : null}
          </Group>
        ) : null}
        <Text size="xs" c="dimmed" data-testid="keychain-state">
          {facts.keptUnlockKey ? t('security.autolock.kept') : keychainReason ? t(`security.keychain.${keychainReason}`) : t('security.keychain.available')}
        </Text>
        {locked.map((probe) => (
          <Alert key={probe.nodeId} color="red" variant="light" p="xs" icon={<IconAlert />} data-testid={`locked-${probe.hostname}`}>
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{t('security.autolock.lockedManager', { node: probe.hostname })}</Text>
              <Button size="compact-xs" color="red" onClick={() => useSecurityStore.getState().openUnlock(probe.nodeId, nodes?.[probe.nodeId]?.hostname ?? probe.hostname)} data-testid={`unlock-${probe.hostname}`}>
                {t('security.autolock.unlock')}
              </Button>
            </Group>
          </Alert>
        ))}
        <CliEquivalent command={`docker swarm update --autolock=${!facts.autolock}`} testId="autolock-cli" />
      </Stack>
    </Paper>
  )
}
