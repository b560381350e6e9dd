import type { ReactNode } from 'react'
import { Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { JoinRole } from '../../../../shared/security'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { revealJoin } from './security-actions'
import { useSecurityStore } from './security-store'

/** The join lines with each token masked; revealed (and copied) on request; rotated after a confirmation. */
export function JoinTokensCard({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const facts = useSecurityStore((s) => s.facts)
  if (!facts) return null
  return (
    <Paper withBorder p="md" radius="sm" data-testid="join-tokens-card">
      <Stack gap="sm">
        <Title order={5}>{t('security.tokens.title')}</Title>
        <Text size="xs" c="dimmed">
          {t('security.tokens.body')}
        </Text>
        {(['worker', 'manager'] as const).map((role) => (
          <TokenRow key={role} clusterId={clusterId} role={role} masked={facts.maskedJoin[role]} />
        ))}
      </Stack>
    </Paper>
  )
}

function TokenRow({ clusterId, role, masked }: { clusterId: string; role: JoinRole; masked: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  return (
    <Stack gap={4} data-testid={`token-${role}`}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {t(`security.tokens.${role}`)}
        </Text>
        <Group gap="xs">
          <Button size="compact-xs" variant="light" onClick={() => void revealJoin(api, clusterId, role)} data-testid={`reveal-${role}`}>
            {t('security.tokens.reveal')}
          </Button>
          <Button size="compact-xs" variant="light" color="orange" onClick={() => useSecurityStore.getState().set({ confirm: { kind: 'rotate-token', role }, confirmOpen: true, actionError: null })} data-testid={`rotate-${role}`}>
            {t('security.tokens.rotate')}
          </Button>
        </Group>
      </Group>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid={`masked-${role}`}>
        {masked}
      </Code>
      <CliEquivalent command={`docker swarm join-token ${role}`} testId={`token-${role}-cli`} />
    </Stack>
  )
}
