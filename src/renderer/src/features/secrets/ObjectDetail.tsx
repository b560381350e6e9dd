import { useEffect, type ReactNode } from 'react'
import { Alert, Badge, Button, Code, Drawer, Group, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { shellQuote } from '../../../../shared/docker-cli'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconInfo, IconTrash } from '../../components/icons'
import { useFormatters } from '../../i18n/format'
import { ConsumerTable } from './ConsumerTable'
import type { ObjectRow } from './object-rows'
import { RotatedMark } from './RotatedMark'
import { loadConfigContent } from './secrets-actions'
import { IconRotate } from './secrets-icons'
import { useSecretsPageStore } from './secrets-page-store'

/** One secret or config: its facts, who uses it and how, its value (never a secret's) and its actions. */
export function ObjectDetail({ clusterId, row, onRotate }: { clusterId: string; row: ObjectRow | null; onRotate: (row: ObjectRow) => void }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const select = useSecretsPageStore((s) => s.select)
  const askRemove = useSecretsPageStore((s) => s.askRemove)
  return (
    <Drawer opened={row !== null} onClose={() => select(null)} position="right" size="xl" title={row ? <Title order={4}>{row.name}</Title> : null} data-testid="object-detail" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {row ? (
        <Stack gap="md" data-testid={`object-detail-${row.name}`} data-kind={row.kind}>
          <Group gap="xs">
            <Badge variant="light" radius="sm">
              {row.kind === 'secret' ? t('secrets.kindSecret') : t('secrets.kindConfig')}
            </Badge>
            <RotatedMark row={row} />
          </Group>
          <Stack gap={2}>
            <Fact label={t('secrets.detail.id')} value={<Code>{row.id}</Code>} />
            <Fact label={t('secrets.columns.stack')} value={row.stack ?? f.none} />
            <Fact label={t('secrets.columns.created')} value={f.dateTime(row.createdAt)} />
            <Fact label={t('secrets.columns.updated')} value={f.dateTime(row.updatedAt)} />
            {row.rotatedFrom ? <Fact label={t('secrets.detail.rotatedFrom')} value={<Code>{row.rotatedFrom}</Code>} /> : null}
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('secrets.labels.title')}
            </Text>
            {row.labels.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('secrets.detail.noLabels')}
              </Text>
            ) : (
              <Group gap={4}>
                {row.labels.map(([k, v]) => (
                  <Badge key={k} variant="outline" color="gray" radius="sm" tt="none">
                    {v === '' ? k : `${k}=${v}`}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('secrets.detail.consumers', { count: row.serviceCount })}
            </Text>
            <ConsumerTable consumers={row.consumers} testId="detail-consumers" />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('secrets.detail.value')}
            </Text>
            {row.kind === 'secret' ? (
              <Alert variant="light" color="gray" icon={<IconInfo />} data-testid="secret-value-hidden">
                <Text size="sm">{t('secrets.detail.secretValueHidden')}</Text>
              </Alert>
            ) : (
              <ConfigContentView clusterId={clusterId} configId={row.id} />
            )}
          </Stack>
          <Group gap="sm">
            <Button leftSection={<IconRotate size={14} />} onClick={() => onRotate(row)} disabled={row.consumers.length === 0} data-testid="detail-rotate">
              {t('secrets.rotate')}
            </Button>
            <Button
              variant="light"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={() => {
                // the dialog takes over: the drawer would cover it
                select(null)
                askRemove({ kind: row.kind, id: row.id, name: row.name })
              }}
              data-testid="detail-remove"
            >
              {t('secrets.remove.action')}
            </Button>
          </Group>
          {row.consumers.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('secrets.rotateNobody')}
            </Text>
          ) : null}
          <CliEquivalent command={`docker ${row.kind} inspect ${shellQuote(row.name)}`} testId="detail-cli" />
        </Stack>
      ) : null}
    </Drawer>
  )
}

function Fact({ label, value }: { label: string; value: ReactNode }): ReactNode {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ minWidth: 0, wordBreak: 'break-all' }}>
        {value}
      </Text>
    </Group>
  )
}

/** A config's data, read-only (configs are not secret). Binary data is said, not dumped. */
function ConfigContentView({ clusterId, configId }: { clusterId: string; configId: string }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const api = useApi()
  const content = useSecretsPageStore((s) => (s.content?.configId === configId ? s.content : null))
  useEffect(() => {
    void loadConfigContent(api, clusterId, configId)
  }, [api, clusterId, configId])
  if (!content || content.loading) return <Loader size="sm" />
  if (content.error) return <ErrorAlert error={content.error} title={t('secrets.detail.contentFailed')} testId="config-content-error" />
  const data = content.content
  if (!data) return null
  return (
    <Stack gap={4} data-testid="config-content" data-text={data.isText}>
      <Text size="xs" c="dimmed">
        {t('secrets.detail.size', { size: f.bytes(data.sizeBytes) })}
      </Text>
      {data.isText && data.text !== null ? (
        <ScrollArea.Autosize mah={360} type="auto">
          <Code block data-testid="config-content-text" style={{ whiteSpace: 'pre' }}>
            {data.text}
          </Code>
        </ScrollArea.Autosize>
      ) : (
        <Text size="sm" c="dimmed" data-testid="config-content-binary">
          {t('secrets.detail.binary')}
        </Text>
      )}
    </Stack>
  )
}
