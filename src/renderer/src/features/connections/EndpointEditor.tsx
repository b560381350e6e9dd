import { useMemo, type ReactNode } from 'react'
import {
  ActionIcon,
  Autocomplete,
  Checkbox,
  Group,
  Paper,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip
} from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../app-state/app-store'
import { CliEquivalent } from '../../components/CliEquivalent'
import { IconArrowDown, IconArrowUp, IconTrash } from '../../components/icons'
import { endpointKinds, fieldPath, type EndpointFormValues, type EndpointKind } from './connection-form-model'
import { useConnectionFormStore } from './connection-form-store'
import { useConnectionsStore } from './connections-store'
import { endpointCli } from './endpoint-cli'

type EditableField = Exclude<keyof EndpointFormValues, 'key'>

/** One manager endpoint of a profile: how to reach it, by socket, DOCKER_HOST, context or SSH. */
export function EndpointEditor({ index, count }: { index: number; count: number }): ReactNode {
  const { t } = useTranslation()
  const endpoint = useConnectionFormStore((s) => s.values.endpoints[index])
  const fieldErrors = useConnectionFormStore((s) => s.fieldErrors)
  const setEndpoint = useConnectionFormStore((s) => s.setEndpoint)
  const moveEndpoint = useConnectionFormStore((s) => s.moveEndpoint)
  const removeEndpoint = useConnectionFormStore((s) => s.removeEndpoint)

  const error = (field: EditableField): string | undefined => fieldErrors[fieldPath(index, field)]
  const text = (field: Exclude<EditableField, 'useAgent' | 'hasPassphrase' | 'kind'>) => ({
    value: endpoint[field],
    onChange: (event: { currentTarget: { value: string } }) => setEndpoint(index, { [field]: event.currentTarget.value }),
    error: error(field)
  })

  const kindLabels: Record<EndpointKind, string> = {
    socket: t('connections.kind.socket'),
    'docker-host': t('connections.kind.docker-host'),
    context: t('connections.kind.context'),
    ssh: t('connections.kind.ssh')
  }
  const cli = endpointCli(endpoint)

  return (
    <Paper withBorder p="sm" radius="sm" data-testid={`endpoint-${index}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600}>
            {count > 1 ? t('connections.form.endpointNumbered', { number: index + 1 }) : t('connections.form.endpoint')}
            {count > 1 && index === 0 ? (
              <Text span size="xs" c="dimmed" ml={6}>
                {t('connections.form.tryFirst')}
              </Text>
            ) : null}
          </Text>
          <Group gap={2}>
            <Tooltip label={t('connections.form.moveUp')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={index === 0}
                onClick={() => moveEndpoint(index, -1)}
                aria-label={t('connections.form.moveUp')}
                data-testid="endpoint-up"
              >
                <IconArrowUp />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('connections.form.moveDown')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={index === count - 1}
                onClick={() => moveEndpoint(index, 1)}
                aria-label={t('connections.form.moveDown')}
                data-testid="endpoint-down"
              >
                <IconArrowDown />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('connections.form.removeEndpoint')}>
              <ActionIcon
                variant="subtle"
                color="red"
                disabled={count === 1}
                onClick={() => removeEndpoint(index)}
                aria-label={t('connections.form.removeEndpoint')}
                data-testid="endpoint-remove"
              >
                <IconTrash />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>

        <SegmentedControl
          size="xs"
          fullWidth
          value={endpoint.kind}
          onChange={(kind) => setEndpoint(index, { kind })}
          data={endpointKinds.map((kind) => ({
            value: kind,
            label: <span data-testid={`endpoint-kind-${kind}`}>{kindLabels[kind]}</span>
          }))}
          data-testid="endpoint-kind"
          aria-label={t('connections.form.kind')}
        />

        {endpoint.kind === 'socket' ? (
          <TextInput
            label={t('connections.socket.label')}
            description={t('connections.socket.description')}
            placeholder="/var/run/docker.sock"
            data-testid="socket-path"
            {...text('socketPath')}
          />
        ) : null}

        {endpoint.kind === 'docker-host' ? (
          <TextInput
            label={t('connections.dockerHost.label')}
            description={t('connections.dockerHost.description')}
            placeholder="ssh://root@10.0.0.11"
            data-testid="docker-host"
            {...text('dockerHost')}
          />
        ) : null}

        {endpoint.kind === 'context' ? <ContextField index={index} error={error('contextName')} /> : null}

        {endpoint.kind === 'ssh' ? <SshFields index={index} text={text} error={error} /> : null}

        {cli ? <CliEquivalent command={cli} label={t('connections.form.cliLabel')} testId={`endpoint-cli-${index}`} /> : null}
      </Stack>
    </Paper>
  )
}

function ContextField({ index, error }: { index: number; error: string | undefined }): ReactNode {
  const { t } = useTranslation()
  const value = useConnectionFormStore((s) => s.values.endpoints[index].contextName)
  const setEndpoint = useConnectionFormStore((s) => s.setEndpoint)
  const contexts = useConnectionsStore((s) => s.discovery?.contexts)
  const data = useMemo(() => {
    const options = (contexts ?? []).map((c) => ({
      value: c.name,
      label: c.current ? t('connections.context.optionCurrent', { name: c.name, host: c.dockerHost }) : t('connections.context.option', { name: c.name, host: c.dockerHost })
    }))
    // A saved context that no longer exists still shows, so the user sees what is wrong.
    if (value && !options.some((o) => o.value === value)) options.push({ value, label: t('connections.context.missing', { name: value }) })
    return options
  }, [contexts, value, t])
  return (
    <Select
      label={t('connections.context.label')}
      description={t('connections.context.description')}
      placeholder={t('connections.context.placeholder')}
      data={data}
      value={value || null}
      onChange={(next) => setEndpoint(index, { contextName: next ?? '' })}
      error={error}
      nothingFoundMessage={t('connections.context.none')}
      searchable
      data-testid="context-name"
    />
  )
}

interface SshFieldsProps {
  index: number
  text: (field: 'host' | 'port' | 'user' | 'identityFile' | 'remoteSocket' | 'passphrase') => {
    value: string
    onChange: (event: { currentTarget: { value: string } }) => void
    error: string | undefined
  }
  error: (field: EditableField) => string | undefined
}

function SshFields({ index, text, error }: SshFieldsProps): ReactNode {
  const { t } = useTranslation()
  const endpoint = useConnectionFormStore((s) => s.values.endpoints[index])
  const setEndpoint = useConnectionFormStore((s) => s.setEndpoint)
  const sshHosts = useConnectionsStore((s) => s.discovery?.sshHosts)
  const canStoreSecrets = useAppStore((s) => s.info?.canStoreSecrets ?? false)
  const storageGap = useAppStore((s) => s.info?.secretStorageGap ?? null)

  const aliases = useMemo(() => (sshHosts ?? []).map((h) => h.alias), [sshHosts])
  const alias = sshHosts?.find((h) => h.alias === endpoint.host.trim())
  const aliasNote = alias
    ? t('connections.ssh.aliasResolved', {
        hostName: alias.hostName ?? alias.alias,
        user: alias.user ?? t('connections.ssh.aliasDefault'),
        port: alias.port ?? 22
      })
    : t('connections.ssh.hostDescription')

  let passphraseNote = canStoreSecrets
    ? t('connections.ssh.passphraseStored')
    : storageGap === 'basic-text'
      ? t('connections.ssh.passphraseNoKeyring')
      : t('connections.ssh.passphraseMemory')
  if (endpoint.hasPassphrase) passphraseNote = `${t('connections.ssh.passphraseAlreadyStored')} ${passphraseNote}`

  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <Autocomplete
          label={t('connections.ssh.host')}
          description={aliasNote}
          placeholder="manager1"
          data={aliases}
          value={endpoint.host}
          onChange={(host) => setEndpoint(index, { host })}
          error={error('host')}
          data-testid="ssh-host"
          style={{ gridColumn: 'span 1' }}
        />
        <TextInput label={t('connections.ssh.port')} description={t('connections.ssh.portDescription')} placeholder="22" inputMode="numeric" data-testid="ssh-port" {...text('port')} />
        <TextInput label={t('connections.ssh.user')} description={t('connections.ssh.userDescription')} placeholder="root" data-testid="ssh-user" {...text('user')} />
      </SimpleGrid>
      <TextInput
        label={t('connections.ssh.identityFile')}
        description={t('connections.ssh.identityFileDescription')}
        placeholder="~/.ssh/id_ed25519"
        data-testid="ssh-identity"
        {...text('identityFile')}
      />
      <Checkbox
        label={t('connections.ssh.useAgent')}
        description={t('connections.ssh.useAgentDescription')}
        checked={endpoint.useAgent}
        onChange={(event) => setEndpoint(index, { useAgent: event.currentTarget.checked })}
        error={error('useAgent')}
        data-testid="ssh-agent"
      />
      <PasswordInput
        label={t('connections.ssh.passphrase')}
        description={passphraseNote}
        placeholder={endpoint.hasPassphrase ? t('connections.ssh.passphraseKeep') : undefined}
        autoComplete="new-password"
        data-testid="ssh-passphrase"
        {...text('passphrase')}
      />
      <TextInput
        label={t('connections.ssh.remoteSocket')}
        description={t('connections.ssh.remoteSocketDescription')}
        placeholder="/var/run/docker.sock"
        data-testid="ssh-remote-socket"
        {...text('remoteSocket')}
      />
    </Stack>
  )
}
