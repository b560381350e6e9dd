import type { ReactNode } from 'react'
import { Anchor, Button, Group, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useForwardsStore, type ForwardRequest } from './forwards-store'

/** A running task's "Port-forward" button, with the local addresses already forwarded to it. */
export function PortForwardAction({ request }: { request: ForwardRequest }): ReactNode {
  const { t } = useTranslation()
  const ask = useForwardsStore((s) => s.ask)
  const forwards = useForwardsStore((s) => s.forwards)
  const mine = forwards.filter((f) => f.taskId === request.taskId)
  return (
    <Group gap={6} wrap="nowrap">
      <Tooltip label={t('forwards.actionHint')} multiline maw={320}>
        <Button size="compact-xs" variant="light" style={{ flexShrink: 0 }} onClick={() => ask(request)} data-testid="task-port-forward">
          {t('forwards.action')}
        </Button>
      </Tooltip>
      {mine.map((f) => (
        <Anchor key={f.forwardId} href={f.url} target="_blank" rel="noreferrer" size="xs" ff="monospace" data-testid="task-forward-url">
          :{f.localPort}
        </Anchor>
      ))}
    </Group>
  )
}
