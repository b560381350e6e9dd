import type { ReactNode } from 'react'
import { Code, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { goDuration, type SwarmSettings } from '../../../../shared/security'
import { useSecurityStore } from './security-store'

type SettingKey = keyof SwarmSettings

const rows: { key: SettingKey; flag: string; cliValue(value: number): string }[] = [
  { key: 'taskHistoryLimit', flag: '--task-history-limit', cliValue: String },
  { key: 'snapshotInterval', flag: '--snapshot-interval', cliValue: String },
  { key: 'dispatcherHeartbeatSeconds', flag: '--dispatcher-heartbeat', cliValue: goDuration },
  { key: 'certExpirySeconds', flag: '--cert-expiry', cliValue: goDuration }
]

/** The swarm's settings (`docker swarm update`), each with the command that sets it. */
export function SettingsCard(): ReactNode {
  const { t } = useTranslation()
  const settings = useSecurityStore((s) => s.facts?.settings)
  if (!settings) return null
  return (
    <Paper withBorder p="md" radius="sm" data-testid="swarm-settings-card">
      <Stack gap="xs">
        <Title order={5}>{t('security.settings.title')}</Title>
        <Table verticalSpacing={4} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('security.settings.setting')}</Table.Th>
              <Table.Th>{t('security.settings.value')}</Table.Th>
              <Table.Th>{t('security.settings.cli')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const value = settings[row.key]
              return (
                <Table.Tr key={row.key} data-testid={`setting-${row.key}`}>
                  <Table.Td>
                    <Text size="sm">{t(`security.settings.${row.key}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {value === null ? '—' : row.key === 'taskHistoryLimit' || row.key === 'snapshotInterval' ? value : goDuration(value)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{value === null ? `docker swarm update ${row.flag} …` : `docker swarm update ${row.flag} ${row.cliValue(value)}`}</Code>
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  )
}
