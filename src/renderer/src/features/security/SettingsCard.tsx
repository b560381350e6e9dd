import type { ReactNode } from 'react'
import { Button, Code, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { goDuration, settingsCli, type SwarmSettings } from '../../../../shared/security'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { saveSettings } from './security-actions'
import { draftOf, settingsChange, type SettingsDraft } from './security-model'
import { useSecurityStore } from './security-store'

type SettingKey = keyof SwarmSettings

const rows: { key: SettingKey; flag: string; cliValue(value: number): string }[] = [
  { key: 'taskHistoryLimit', flag: '--task-history-limit', cliValue: String },
  { key: 'snapshotInterval', flag: '--snapshot-interval', cliValue: String },
  { key: 'dispatcherHeartbeatSeconds', flag: '--dispatcher-heartbeat', cliValue: goDuration },
  { key: 'certExpirySeconds', flag: '--cert-expiry', cliValue: goDuration }
]

/** The swarm's settings (`docker swarm update`), each with the command that sets it; changed in a form that shows its command. */
export function SettingsCard({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const settings = useSecurityStore((s) => s.facts?.settings)
  if (!settings) return null
  return (
    <Paper withBorder p="md" radius="sm" data-testid="swarm-settings-card">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>{t('security.settings.title')}</Title>
          <Button size="xs" variant="light" onClick={() => useSecurityStore.getState().set({ settings: { draft: draftOf(settings), busy: false, error: null } })} data-testid="settings-edit">
            {t('security.settings.edit')}
          </Button>
        </Group>
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
      <SettingsForm clusterId={clusterId} current={settings} />
    </Paper>
  )
}

const fields = [
  { field: 'taskHistoryLimit', label: 'security.settings.taskHistoryLimit' },
  { field: 'snapshotInterval', label: 'security.settings.snapshotInterval' },
  { field: 'dispatcherHeartbeatSeconds', label: 'security.settings.heartbeatSeconds' },
  { field: 'certExpiryDays', label: 'security.settings.certExpiryDays' }
] as const satisfies readonly { field: keyof SettingsDraft; label: string }[]

function SettingsForm({ clusterId, current }: { clusterId: string; current: SwarmSettings }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const form = useSecurityStore((s) => s.settings)
  if (!form) return null
  const { change, invalid } = settingsChange(current, form.draft)
  const changed = Object.keys(change).length > 0
  const edit = (field: keyof SettingsDraft, text: string) => useSecurityStore.getState().set({ settings: { ...form, draft: { ...form.draft, [field]: text }, error: null } })
  const close = () => useSecurityStore.getState().set({ settings: null })
  return (
    <Modal opened onClose={close} title={t('security.settings.formTitle')} centered size="lg" data-testid="settings-form" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          {fields.map(({ field, label }) => (
            <TextInput
              key={field}
              label={t(label)}
              value={form.draft[field]}
              onChange={(e) => edit(field, e.currentTarget.value)}
              error={invalid.includes(field) ? t('security.settings.invalid') : undefined}
              data-testid={`settings-${field}`}
            />
          ))}
        </SimpleGrid>
        {changed ? <CliEquivalent command={settingsCli(change)} testId="settings-cli" /> : <Text size="sm" c="dimmed">{t('security.settings.unchanged')}</Text>}
        {form.error ? <ErrorAlert error={form.error} title={t('security.settings.failed')} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!changed || invalid.length > 0} loading={form.busy} onClick={() => void saveSettings(api, clusterId, change)} data-testid="settings-save">
            {t('security.settings.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
