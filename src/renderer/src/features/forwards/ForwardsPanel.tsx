import { useEffect, type ReactNode } from 'react'
import { Alert, Anchor, Button, Code, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { say } from '../../i18n/say'
import { closeForward, followForwards } from './forwards-actions'
import { ForwardDialog } from './ForwardDialog'
import { useForwardsStore } from './forwards-store'

/**
 * The port-forwards open on this cluster: local address (a link), task, node, container port, the
 * `ssh -L` that does the same, and Close; the last one that ended on its own says why. Also hosts
 * the dialog the task rows open.
 */
export function ForwardsPanel({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const all = useForwardsStore((s) => s.forwards)
  const ended = useForwardsStore((s) => s.ended)
  const setEnded = useForwardsStore((s) => s.setEnded)
  useEffect(() => followForwards(api), [api])
  const forwards = all.filter((f) => f.clusterId === clusterId)

  return (
    <>
      {ended?.reason ? (
        <Alert color="orange" variant="light" withCloseButton onClose={() => setEnded(null)} closeButtonLabel={t('common.dismiss')} data-testid="forward-ended">
          <Text size="sm">{t('forwards.ended', { task: ended.task, port: ended.localPort, reason: ended.reason.said ? say(t, ended.reason.said) : ended.reason.message })}</Text>
        </Alert>
      ) : null}
      {forwards.length > 0 ? (
        <Stack gap={4} data-testid="forwards-panel">
          <Title order={5}>{t('forwards.title')}</Title>
          <Table striped withTableBorder verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('forwards.local')}</Table.Th>
                <Table.Th>{t('forwards.task')}</Table.Th>
                <Table.Th>{t('forwards.node')}</Table.Th>
                <Table.Th>{t('forwards.remote')}</Table.Th>
                <Table.Th>{t('forwards.cli')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {forwards.map((f) => (
                <Table.Tr key={f.forwardId} data-testid={`forward-row-${f.localPort}`}>
                  <Table.Td>
                    <Anchor href={f.url} target="_blank" rel="noreferrer" ff="monospace" data-testid="forward-url">
                      {f.url}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ff="monospace">{f.task}</Table.Td>
                  <Table.Td>{f.node}</Table.Td>
                  <Table.Td ff="monospace">
                    {f.containerAddress}:{f.remotePort}
                  </Table.Td>
                  <Table.Td>
                    <Code style={{ wordBreak: 'break-all' }} data-testid="forward-cli">
                      {f.cli}
                    </Code>
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" color="red" onClick={() => void closeForward(api, f.forwardId)} data-testid="forward-close">
                      {t('forwards.close')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}
      <ForwardDialog />
    </>
  )
}
