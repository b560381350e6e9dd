import { useCallback, useEffect, useMemo, type ReactNode } from 'react'
import { Alert, Button, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { IconCheck, IconPlus } from '../../components/icons'
import { CreateDialog } from './CreateDialog'
import { useCreateStore } from './create-store'
import { filterObjectRows, objectRows, type ObjectRow } from './object-rows'
import { ObjectDetail } from './ObjectDetail'
import { ObjectTable } from './ObjectTable'
import { RemoveDialog } from './RemoveDialog'
import { RotationWizard } from './RotationWizard'
import { useRunStore } from './run-store'
import { bindSecretsCluster, forgetTypedValues, loadRotations } from './secrets-actions'
import { IconRotate } from './secrets-icons'
import { useSecretsPageStore } from './secrets-page-store'
import classes from './secrets.module.css'
import { UnfinishedRotationsPanel } from './UnfinishedRotations'
import { useWizardStore } from './wizard-store'

/**
 * Secrets & configs: the lists with every consumer (live from the mirror), create, remove, the
 * rotation wizard, and the rotations SwarmDesk did not finish. Values are read and written by
 * main; this page never receives one.
 */
export function SecretsPage({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const view = useSecretsPageStore((s) => s.view)
  const tab = useSecretsPageStore((s) => s.tab)
  const filter = useSecretsPageStore((s) => s.filter)
  const selectedId = useSecretsPageStore((s) => s.selectedId)
  const setTab = useSecretsPageStore((s) => s.setTab)
  const setFilter = useSecretsPageStore((s) => s.setFilter)
  const show = useSecretsPageStore((s) => s.show)
  const select = useSecretsPageStore((s) => s.select)
  const openCreate = useCreateStore((s) => s.open)
  const startWizard = useWizardStore((s) => s.start)
  const running = useRunStore((s) => s.run?.running ?? false)
  const clearRun = useRunStore((s) => s.clear)
  const secretMap = useModelField(clusterId, 'secrets')
  const configMap = useModelField(clusterId, 'configs')
  const serviceMap = useModelField(clusterId, 'services')

  useEffect(() => bindSecretsCluster(clusterId), [clusterId])
  useEffect(() => forgetTypedValues, [])
  useEffect(() => {
    void loadRotations(api, clusterId)
  }, [api, clusterId])

  const services = useMemo(() => Object.values(serviceMap ?? {}), [serviceMap])
  const secrets = useMemo(() => objectRows('secret', Object.values(secretMap ?? {}), services), [secretMap, services])
  const configs = useMemo(() => objectRows('config', Object.values(configMap ?? {}), services), [configMap, services])
  const all = tab === 'secret' ? secrets : configs
  const rows = useMemo(() => filterObjectRows(all, filter), [all, filter])
  const selected = all.find((r) => r.id === selectedId) ?? null

  const rotate = useCallback(
    (row: ObjectRow | null) => {
      if (running) return
      clearRun()
      select(null)
      startWizard(row?.kind ?? tab, row?.id ?? null)
      show('rotate')
    },
    [running, clearRun, select, startWizard, tab, show]
  )

  return (
    <Stack gap="sm" p="md" className={classes.page} data-testid="secrets-page" data-view={view} data-tab={tab}>
      {view === 'rotate' ? (
        <RotationWizard clusterId={clusterId} secrets={secrets} configs={configs} />
      ) : (
        <>
          <Group justify="space-between" align="flex-end">
            <div>
              <Title order={3}>{t('secrets.title')}</Title>
              <Text size="sm" c="dimmed">
                {t('secrets.count', { count: rows.length, total: all.length })}
              </Text>
            </div>
            <Group gap="sm" align="flex-end">
              <SegmentedControl
                value={tab}
                onChange={(value) => setTab(value === 'config' ? 'config' : 'secret')}
                data={[
                  { value: 'secret', label: <span data-testid="secrets-tab-secret">{t('secrets.tabCount.secret', { count: secrets.length })}</span> },
                  { value: 'config', label: <span data-testid="secrets-tab-config">{t('secrets.tabCount.config', { count: configs.length })}</span> }
                ]}
              />
              <TextInput placeholder={t('secrets.filter')} aria-label={t('secrets.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={240} data-testid="secrets-filter" />
              <Button variant="light" leftSection={<IconRotate size={14} />} onClick={() => rotate(null)} disabled={running} data-testid="secrets-rotate">
                {t('secrets.rotate')}
              </Button>
              <Button leftSection={<IconPlus size={14} />} onClick={() => openCreate(tab)} data-testid="secrets-create">
                {tab === 'secret' ? t('secrets.create.newSecret') : t('secrets.create.newConfig')}
              </Button>
            </Group>
          </Group>
          <UnfinishedRotationsPanel clusterId={clusterId} />
          <Notices />
          <ObjectTable rows={rows} total={all.length} onRotate={rotate} />
          <CliEquivalent command={`docker ${tab} ls`} />
          <ObjectDetail clusterId={clusterId} row={selected} onRotate={rotate} />
        </>
      )}
      <CreateDialog clusterId={clusterId} />
      <RemoveDialog clusterId={clusterId} rows={all} />
    </Stack>
  )
}

/** The last create and remove, with the command that does the same. */
function Notices(): ReactNode {
  const { t } = useTranslation()
  const created = useCreateStore((s) => s.created)
  const dismissCreated = useCreateStore((s) => s.dismissCreated)
  const removed = useSecretsPageStore((s) => s.removed)
  const dismissRemoved = useSecretsPageStore((s) => s.dismissRemoved)
  return (
    <>
      {created ? (
        <Alert color="green" variant="light" icon={<IconCheck />} withCloseButton closeButtonLabel={t('common.dismiss')} onClose={dismissCreated} title={t(`secrets.create.done.${created.kind}`, { name: created.name })} data-testid="create-done">
          <CliEquivalent command={created.cli} testId="create-done-cli" />
        </Alert>
      ) : null}
      {removed ? (
        <Alert color="green" variant="light" icon={<IconCheck />} withCloseButton closeButtonLabel={t('common.dismiss')} onClose={dismissRemoved} title={t(`secrets.remove.done.${removed.kind}`, { name: removed.name })} data-testid="remove-done">
          <CliEquivalent command={removed.cli} testId="remove-done-cli" />
        </Alert>
      ) : null}
    </>
  )
}
