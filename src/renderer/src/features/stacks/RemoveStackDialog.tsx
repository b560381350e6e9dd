import { useMemo, type ReactNode } from 'react'
import { Alert, Badge, Group, List, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { useMirror } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconInfo } from '../../components/icons'
import { removeCommand } from './stack-cli'
import { useStackListStore } from './stack-list-store'
import { stackObjects } from './stack-rows'
import { removeStack } from './stacks-actions'

/** `docker stack rm`, confirmed: what goes, in the order it goes, and that volumes stay. */
export function RemoveStackDialog({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const target = useStackListStore((s) => s.removeTarget)
  const removing = useStackListStore((s) => s.removing)
  const error = useStackListStore((s) => s.removeError)
  const cancel = useStackListStore((s) => s.cancelRemove)
  const model = useMirror((state) => state.models[clusterId] ?? null)
  const objects = useMemo(() => (target ? stackObjects(model, target) : null), [model, target])
  const groups = objects
    ? ([
        ['service', objects.services],
        ['secret', objects.secrets],
        ['config', objects.configs],
        ['network', objects.networks]
      ] as const)
    : []
  return (
    <ConfirmDialog
      opened={target !== null}
      title={t('stacks.remove.title', { stack: target ?? '' })}
      confirmLabel={t('stacks.remove.confirm')}
      onConfirm={() => void removeStack(api, clusterId)}
      onCancel={cancel}
      danger
      busy={removing}
      testId="stack-remove"
    >
      <Stack gap="sm">
        <Text size="sm">{t('stacks.remove.intro')}</Text>
        <List type="ordered" size="sm" spacing={4} data-testid="stack-remove-order">
          {groups.map(([kind, items]) => (
            <List.Item key={kind} data-testid={`remove-group-${kind}`} data-count={items.length}>
              {items.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t(`stacks.remove.none.${kind}`)}
                </Text>
              ) : (
                <Group gap={4}>
                  <Text size="sm" fw={500}>
                    {t(`stacks.remove.kind.${kind}`, { count: items.length })}
                  </Text>
                  {items.map((item) => (
                    <Badge key={item.id} size="sm" variant="light" color="gray" radius="sm" tt="none" ff="monospace">
                      {item.name}
                    </Badge>
                  ))}
                </Group>
              )}
            </List.Item>
          ))}
        </List>
        <Alert color="blue" variant="light" icon={<IconInfo />} p="xs" data-testid="stack-remove-volumes-note">
          <Text size="sm">{t('stacks.remove.volumesKept')}</Text>
        </Alert>
        <CliEquivalent command={removeCommand(target ?? '')} testId="stack-remove-cli" />
        {error ? <ErrorAlert error={error} title={t('stacks.remove.failed')} testId="stack-remove-error" /> : null}
      </Stack>
    </ConfirmDialog>
  )
}
